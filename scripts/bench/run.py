#!/usr/bin/env python3
"""The benchmark harness of `make bench` (issue 8). Python 3 standard library only.

    scripts/bench/cluster.sh python3 scripts/bench/run.py

Builds nothing: the Makefile builds `.build/release/dsar` and `dsar-bench` and the mbox first.
Needs DSAR_BENCH_DATABASE_URL (a superuser URL of a throwaway server; scripts/bench/cluster.sh
sets it). Every benchmark runs BENCH_RUNS times (default 5); a comparison alternates its two
sides run by run, so that a noisy machine slows both alike. Prints a table and writes the same
as JSON to .bench/bench-<UTC timestamp>.json and .bench/latest.json.

Knobs (environment), defaulting to the sizes of the issue:
  BENCH_RUNS=5  BENCH_REQUESTS=1000000  BENCH_MESSAGES=50000  BENCH_CLAIMS=8000
  BENCH_LETTERS=10000  BENCH_PGBENCH_SECONDS=10  BENCH_NOW=2026-11-20T09:00:00Z
  BENCH_BASELINE_MESSAGES=10000 (the Python baseline parses this many messages of the same mbox;
    comparisons are of messages/s, and a full pass of it would take most of the 20 minutes)
  BENCH_ONLY=demo,queue,show,report,intake,intake-ack,claims,verify,letters,mail,portal (a subset to run)
  BENCH_WRK_SECONDS=10 (each wrk run of the portal rows)
  DSAR_BIN, DSAR_BENCH_BIN, DSAR_PORTAL_BIN (default .build/release/dsar, dsar-bench, dsar-portal)
With BENCH_MESSAGES other than 50000 the mbox is bench-data/bench-<N>.mbox, generated on demand.
"""
import datetime
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
HERE = os.path.join(ROOT, "scripts", "bench")


def env_int(name, default):
    value = os.environ.get(name, "")
    if not value:
        return default
    try:
        number = int(value)
    except ValueError:
        sys.exit(f"bench: {name}={value} is not a whole number.")
    if number < 1:
        sys.exit(f"bench: {name} must be at least 1.")
    return number


RUNS = env_int("BENCH_RUNS", 5)
REQUESTS = env_int("BENCH_REQUESTS", 1_000_000)
MESSAGES = env_int("BENCH_MESSAGES", 50_000)
CLAIMS = env_int("BENCH_CLAIMS", 8_000)
LETTERS = env_int("BENCH_LETTERS", 10_000)
PGBENCH_SECONDS = env_int("BENCH_PGBENCH_SECONDS", 10)
BASELINE_MESSAGES = env_int("BENCH_BASELINE_MESSAGES", 10_000)
ACK_MESSAGES = env_int("BENCH_ACK_MESSAGES", 2_000)
MAIL_MESSAGES = env_int("BENCH_MAIL_MESSAGES", 20_000)
SEND_LETTERS = env_int("BENCH_SEND_LETTERS", 2_000)
NOW = os.environ.get("BENCH_NOW", "2026-11-20T09:00:00Z")
ONLY = {name.strip() for name in os.environ.get("BENCH_ONLY", "").split(",") if name.strip()}
DSAR = os.environ.get("DSAR_BIN", os.path.join(ROOT, ".build/release/dsar"))
DSAR_BENCH = os.environ.get("DSAR_BENCH_BIN", os.path.join(ROOT, ".build/release/dsar-bench"))
DSAR_PORTAL = os.environ.get("DSAR_PORTAL_BIN", os.path.join(ROOT, ".build/release/dsar-portal"))
WRK_SECONDS = env_int("BENCH_WRK_SECONDS", 10)
BENCH_DIR = os.path.join(ROOT, ".bench")


def server_program(name):
    """`name` on PATH, else in the newest /usr/lib/postgresql/<version>/bin (scripts/pg-bindir.sh)."""
    found = shutil.which(name)
    if found:
        return found
    versions = sorted((d for d in os.listdir("/usr/lib/postgresql") if d.isdigit()), key=int, reverse=True) \
        if os.path.isdir("/usr/lib/postgresql") else []
    for version in versions:
        candidate = os.path.join("/usr/lib/postgresql", version, "bin", name)
        if os.access(candidate, os.X_OK):
            return candidate
    sys.exit(f"bench: {name} was not found; run scripts/ensure-deps.sh (PostgreSQL client and server programs).")


PSQL = server_program("psql")
PGBENCH = server_program("pgbench")
SERVER_URL = os.environ.get("DSAR_BENCH_DATABASE_URL", "")

# The desk details letters need; the intake writes an acknowledgement per request once they are set.
DESK_SETTINGS = {
    "organisation.name": "Bench Organisation LLC",
    "organisation.address": "1 Amir Temur Avenue, Tashkent",
    "dpo.name": "Bench DPO",
    "dpo.email": "dpo@example.org",
}


def log(text):
    print(f"[{time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True)


# MARK: Processes


class Failure(Exception):
    pass


def run(argv, env=None, stdout=subprocess.DEVNULL, check=True, label=None):
    """Runs argv; returns (wall seconds, peak RSS in MiB of the child, stdout text or None).

    Wall time is taken around fork and wait; the peak resident set comes from the child's
    rusage as reported by os.wait4 (ru_maxrss, KiB on Linux).
    """
    full_env = dict(os.environ)
    full_env.update(env or {})
    capture = stdout == subprocess.PIPE
    out_path = None
    if capture:
        out_path = os.path.join(BENCH_DIR, "tmp", f"out-{os.getpid()}.txt")
        out_file = open(out_path, "wb")
    else:
        out_file = open(os.devnull, "wb")
    err_path = os.path.join(BENCH_DIR, "tmp", f"err-{os.getpid()}.txt")
    err_file = open(err_path, "wb")
    start = time.perf_counter()
    try:
        process = subprocess.Popen(argv, env=full_env, stdout=out_file, stderr=err_file, stdin=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
    finally:
        out_file.close()
        err_file.close()
    text = open(out_path, encoding="utf-8", errors="replace").read() if capture else None
    if check and process.returncode != 0:
        error = open(err_path, encoding="utf-8", errors="replace").read().strip()
        raise Failure(f"{label or argv[0]} exited {process.returncode}: {error[-2000:]}")
    return seconds, usage.ru_maxrss / 1024.0, text


def database_url(name):
    parts = urllib.parse.urlsplit(SERVER_URL)
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, parts.fragment))


def psql(sql, database="postgres"):
    _, _, out = run([PSQL, "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-c", sql, database_url(database)],
                    stdout=subprocess.PIPE, label="psql")
    return out.strip()


def create_database(name, template=None):
    psql(f'DROP DATABASE IF EXISTS "{name}"')
    psql(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
    return database_url(name)


def drop_database(name):
    psql(f'DROP DATABASE IF EXISTS "{name}"')


def dsar(*arguments, database, stdout=subprocess.DEVNULL, check=True):
    """Runs the release `dsar` against `database` at the fixed instant BENCH_NOW."""
    env = {"DSAR_NOW": NOW, "DSAR_DATABASE_URL": database_url(database), "USER": "bench"}
    return run([DSAR, *arguments], env=env, stdout=stdout, check=check, label="dsar " + " ".join(arguments[:2]))


# MARK: Results


RESULTS = []


def summary(values):
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "runs": values}


def record(name, unit, values, target, better, compared=None, comparison=None, ratio_target=None, notes="",
           extra=None):
    """One row. `better` is "lower" or "higher"; `target` in `unit`. A comparison's ratio is
    (ours / theirs) for times and (ours / theirs) for rates too: read it with its target."""
    row = {"benchmark": name, "unit": unit, **summary(values), "target": target, "better": better, "notes": notes}
    median = row["median"]
    row["met"] = None if target is None else (median <= target if better == "lower" else median >= target)
    if compared is not None:
        row["compared_with"] = comparison
        row["comparison"] = summary(compared)
        theirs = row["comparison"]["median"]
        row["ratio"] = median / theirs if theirs else None
        row["ratio_target"] = ratio_target
        if ratio_target is not None and row["ratio"] is not None:
            # Times: ours/theirs ≤ target. Rates: ours/theirs ≥ target.
            row["ratio_met"] = row["ratio"] <= ratio_target if better == "lower" else row["ratio"] >= ratio_target
    if extra:
        row.update(extra)
    RESULTS.append(row)
    log(f"{name}: median {median:.4g} {unit}" + (f", ratio {row['ratio']:.3g}" if row.get("ratio") else ""))


def wanted(name):
    return not ONLY or name in ONLY


# MARK: Benchmarks


def bench_demo():
    """(1) dsar demo --requests N into an empty migrated database; keeps the first run's database."""
    times, peaks = [], []
    for index in range(RUNS):
        name = f"bench_demo_{index}"
        create_database(name, template="bench_migrated")
        seconds, peak, _ = dsar("demo", "--requests", str(REQUESTS), database=name)
        times.append(seconds)
        peaks.append(peak)
        log(f"demo run {index + 1}/{RUNS}: {seconds:.1f} s")
        if index == 0:
            psql('DROP DATABASE IF EXISTS "bench_desk_data"')
            psql(f'ALTER DATABASE "{name}" RENAME TO "bench_desk_data"')
        else:
            drop_database(name)
    record(f"dsar demo --requests {REQUESTS}", "s", times, 90.0 if REQUESTS == 1_000_000 else None, "lower",
           extra={"peak_rss_mib": summary(peaks)})


def ensure_desk_data():
    """The database the queue, show, report and letters benchmarks read."""
    exists = psql("SELECT count(*) FROM pg_database WHERE datname = 'bench_desk_data'") == "1"
    if not exists:
        create_database("bench_desk_data", template="bench_migrated")
        log(f"loading {REQUESTS} synthetic requests for the read benchmarks (not timed)")
        dsar("demo", "--requests", str(REQUESTS), database="bench_desk_data")
    # Statistics and visibility map as autovacuum would leave them on a desk in service, so every
    # read benchmark sees the same plans whatever autovacuum happened to do meanwhile.
    run([PSQL, "-X", "-q", "-c", "VACUUM (ANALYZE)", database_url("bench_desk_data")], label="vacuum")


def alternate(ours, theirs, runs=RUNS, warmup=True):
    """Runs ours and theirs alternately; returns their wall times (one warm-up of each first)."""
    if warmup:
        ours()
        theirs()
    mine, other = [], []
    for _ in range(runs):
        mine.append(ours())
        other.append(theirs())
    return mine, other


def previous_month():
    today = datetime.date.fromisoformat(NOW[:10])
    first = today.replace(day=1)
    last_month = first - datetime.timedelta(days=1)
    return last_month.replace(day=1)


def bench_queue():
    """(2) dsar queue --limit 50 vs psql running the same SQL."""
    today = datetime.date.fromisoformat(NOW[:10])
    url = database_url("bench_desk_data")
    sql = os.path.join(HERE, "queue.sql")
    psql_argv = [PSQL, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-v", f"today={today}", "-v",
                 f"week_end={today + datetime.timedelta(days=6)}", "-f", sql, url]
    open_count = psql("SELECT count(*) FROM requests WHERE state IN "
                      "('received', 'awaiting_identity', 'in_progress', 'awaiting_requester')", "bench_desk_data")
    ours, theirs = alternate(lambda: dsar("queue", "--limit", "50", database="bench_desk_data")[0],
                             lambda: run(psql_argv, label="psql queue")[0])
    record("dsar queue --limit 50", "s", ours, 0.080, "lower", theirs, "psql -f scripts/bench/queue.sql", 1.5,
           notes=f"{REQUESTS} requests, {open_count} open")


def bench_show():
    """(3) dsar show REF on a request from the middle of the history."""
    reference = psql("SELECT reference FROM requests ORDER BY id OFFSET (SELECT count(*) / 2 FROM requests) LIMIT 1",
                     "bench_desk_data")
    dsar("show", reference, database="bench_desk_data")
    times = [dsar("show", reference, database="bench_desk_data")[0] for _ in range(RUNS)]
    record("dsar show REF", "s", times, 0.060, "lower", notes=reference)


def bench_report():
    """(4) dsar report monthly vs psql running the same aggregate SQL."""
    month = previous_month()
    url = database_url("bench_desk_data")
    psql_argv = [PSQL, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-v", f"month={month.strftime('%Y-%m')}", "-v", "zone=Asia/Tashkent",
                 "-f", os.path.join(HERE, "report-monthly.sql"), url]
    ours, theirs = alternate(
        lambda: dsar("report", "monthly", month.strftime("%Y-%m"), database="bench_desk_data")[0],
        lambda: run(psql_argv, label="psql report")[0])
    record(f"dsar report monthly {month.strftime('%Y-%m')}", "s", ours, 1.5, "lower", theirs,
           "psql -f scripts/bench/report-monthly.sql", 1.5)


def mbox_path(messages=None):
    messages = messages or MESSAGES
    if messages == 50_000:
        path = os.path.join(ROOT, "bench-data", "bench.mbox")
    else:
        path = os.path.join(ROOT, "bench-data", f"bench-{messages}.mbox")
    if not os.path.exists(path):
        log(f"generating {path}")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        run([sys.executable, os.path.join(ROOT, "scripts", "make-bench-mbox.py"), str(messages), path],
            label="make-bench-mbox")
    return path


def bench_intake():
    """(5) and (6): intake import into a fresh desk and --dry-run --json, each against the
    Python standard-library baseline; the three alternate run by run (one baseline run serves
    both comparisons)."""
    mbox = mbox_path()
    baseline = [sys.executable, os.path.join(HERE, "python-mailbox-baseline.py"), mbox,
                "--limit", str(min(BASELINE_MESSAGES, MESSAGES))]
    imports, import_peaks, dry_runs, dry_peaks, baselines = [], [], [], [], []
    messages = MESSAGES
    for index in range(RUNS):
        name = f"bench_intake_{index}"
        create_database(name, template="bench_migrated")
        seconds, peak, _ = dsar("intake", "import", mbox, database=name)
        imports.append(seconds)
        import_peaks.append(peak)
        stored = psql("SELECT count(*) FROM messages", name)
        drop_database(name)
        seconds, _, out = run(baseline, stdout=subprocess.PIPE, label="python baseline")
        parsed = json.loads(out)["messages"]
        baselines.append(parsed / seconds)
        seconds, peak, _ = dsar("intake", "import", "--dry-run", "--json", mbox, database="bench_desk")
        dry_runs.append(seconds)
        dry_peaks.append(peak)
        log(f"intake run {index + 1}/{RUNS}: import {imports[-1]:.1f} s, baseline {parsed / baselines[-1]:.1f} s "
            f"for {parsed}, "
            f"dry run {dry_runs[-1]:.1f} s")
    rates = [messages / seconds for seconds in imports]
    dry_rates = [messages / seconds for seconds in dry_runs]
    python = f"python3 mailbox + email (policy.default), first {parsed} messages, no storage"
    record(f"dsar intake import ({messages} messages)", "messages/s", rates, 3000, "higher", baselines, python, 2.0,
           notes=f"fresh desk without letter settings (no acknowledgements written); {stored} messages stored",
           extra={"peak_rss_mib": summary(import_peaks), "peak_rss_target_mib": 200,
                  "peak_rss_met": statistics.median(import_peaks) <= 200})
    record(f"dsar intake import --dry-run --json ({messages} messages)", "messages/s", dry_rates, 10000, "higher",
           baselines, python, 2.0,
           extra={"peak_rss_mib": summary(dry_peaks)})



def bench_intake_ack():
    """(5b) The import a DPO runs: a desk whose letter settings are set, so every new request also
    gets its acknowledgement letter (rendered, hashed, recorded, audited) in the batch's
    transaction; issue 13: >= 2,000 messages/s on the 2,000-message mbox, peak RSS <= 200 MiB."""
    small = mbox_path(ACK_MESSAGES)
    ack_rates, ack_peaks = [], []
    for index in range(RUNS):
        name = f"bench_intake_ack_{index}"
        create_database(name, template="bench_desk")
        seconds, peak, _ = dsar("intake", "import", small, database=name)
        letters = psql("SELECT count(*) FROM letters", name)
        requests = psql("SELECT count(*) FROM requests", name)
        drop_database(name)
        if int(letters) != int(requests):
            raise Failure(f"intake with acknowledgements wrote {letters} letters for {requests} requests")
        ack_rates.append(ACK_MESSAGES / seconds)
        ack_peaks.append(peak)
        log(f"intake with acknowledgements run {index + 1}/{RUNS}: {seconds:.2f} s, {letters} letters, peak {peak:.0f} MiB")
    record(f"dsar intake import with acknowledgements ({ACK_MESSAGES} messages)", "messages/s", ack_rates, 2000,
           "higher", notes=f"fresh desk with letter settings; {letters} acknowledgement letters written",
           extra={"peak_rss_mib": summary(ack_peaks), "peak_rss_target_mib": 200,
                  "peak_rss_met": statistics.median(ack_peaks) <= 200})


def bench_mail():
    """Issue 16: `dsar intake fetch` of a 20,000-message folder from the local Dovecot into a desk
    with letter settings (every new request gets its acknowledgement), and `dsar outbox send --all`
    of 2,000 letters to the local Postfix on one connection. Needs scripts/mail/servers.sh
    around the harness (make bench does it)."""
    mail_dir = os.environ.get("DSAR_MAIL_DIR")
    if not mail_dir:
        log("mail: skipped (DSAR_MAIL_DIR is not set; run through scripts/mail/servers.sh)")
        return
    import mailbox
    count = MAIL_MESSAGES
    maildir = os.path.join(mail_dir, "mail", "dpo", "Maildir")
    source = mailbox.mbox(mbox_path(count))
    os.makedirs(os.path.dirname(maildir), exist_ok=True)
    target = mailbox.Maildir(maildir, create=True)
    for message in source:
        target.add(message)
    run(["chown", "-R", "dovecot:dovecot", os.path.join(mail_dir, "mail")], label="chown")
    imap_url = f"imaps://dpo%40desk.test@localhost:{os.environ['DSAR_MAIL_IMAPS_PORT']}/INBOX"
    smtp_url = f"smtp://dpo%40desk.test@localhost:{os.environ['DSAR_MAIL_SMTP_PORT']}"
    secrets = {"DSAR_IMAP_PASSWORD": os.environ["DSAR_MAIL_PASSWORD"], "DSAR_SMTP_PASSWORD": os.environ["DSAR_MAIL_PASSWORD"]}

    def desk(name, auto_send):
        create_database(name, template="bench_desk")
        for key, value in (("mail.ca_file", os.environ["DSAR_MAIL_CA"]), ("mail.smtp_url", smtp_url),
                           ("mail.auto_send", "on" if auto_send else "off"), ("dpo.email", "dpo@desk.test")):
            dsar("settings", "set", key, value, database=name)

    def timed(*arguments, database):
        env = {"DSAR_NOW": NOW, "DSAR_DATABASE_URL": database_url(database), "USER": "bench", **secrets}
        return run([DSAR, *arguments], env=env, stdout=subprocess.PIPE, label="dsar " + " ".join(arguments[:2]))

    rates, peaks, letters = [], [], 0
    for index in range(RUNS):
        name = f"bench_fetch_{index}"
        desk(name, auto_send=False)
        seconds, peak, out = timed("intake", "fetch", imap_url, database=name)
        log("fetch said: " + out.strip().replace("\n", " / ")[:300])
        letters = int(psql("SELECT count(*) FROM letters", name))
        stored = int(psql("SELECT count(*) FROM messages", name))
        said = re.search(r"(\d+) messages? fetched", out)
        fetched = int(said.group(1)) if said else 0
        if fetched != count:
            raise Failure(f"intake fetch read {fetched} of the folder's {count} messages")
        rates.append(fetched / seconds)
        peaks.append(peak)
        drop_database(name)
        log(f"fetch run {index + 1}/{RUNS}: {seconds:.1f} s for {stored} messages, {letters} acknowledgements")
    record(f"dsar intake fetch from Dovecot ({count} messages, acknowledgements)", "messages/s", rates, 500, "higher",
           notes=f"imaps on loopback, fresh desk with letter settings; {letters} acknowledgement letters written",
           extra={"peak_rss_mib": summary(peaks)})

    # 2,000 acknowledgements queued (mail.auto_send on), all addressed to the local requester.
    sends, send_peaks = [], []
    small = mbox_path(SEND_LETTERS)
    for index in range(RUNS):
        name = f"bench_send_{index}"
        desk(name, auto_send=True)
        dsar("intake", "import", small, database=name)
        psql("UPDATE outbox SET recipient = 'requester@example.test'", name)
        queued = int(psql("SELECT count(*) FROM outbox WHERE status = 'queued'", name))
        seconds, peak, _ = timed("outbox", "send", "--all", database=name)
        sent = int(psql("SELECT count(*) FROM outbox WHERE status = 'sent'", name))
        sends.append(sent / seconds)
        send_peaks.append(peak)
        drop_database(name)
        log(f"send run {index + 1}/{RUNS}: {sent} of {queued} letters in {seconds:.1f} s")
    record(f"dsar outbox send --all to Postfix ({SEND_LETTERS} letters)", "letters/s", sends, 100, "higher",
           notes="one SMTP connection reused; each letter committed sending, then sent with the server's reply",
           extra={"peak_rss_mib": summary(send_peaks)})


def bench_claims():
    """(7) 8 concurrent claim + close loops (dsar-bench claim-loops) vs pgbench simple-update."""
    create_database("bench_claims_template", template="bench_migrated")
    _, _, out = run([DSAR_BENCH, "prepare-claims", "--database-url", database_url("bench_claims_template"),
                     "--requests", str(CLAIMS)], stdout=subprocess.PIPE, label="dsar-bench prepare-claims")
    log(f"prepared {CLAIMS} requests for the claim loops: {json.loads(out)['seconds']:.1f} s")
    create_database("bench_pgbench")
    run([PGBENCH, "-i", "-q", "-s", "10", database_url("bench_pgbench")], label="pgbench -i")
    rates, tps, details = [], [], []
    for index in range(RUNS):
        name = f"bench_claims_{index}"
        create_database(name, template="bench_claims_template")
        _, _, out = run([DSAR_BENCH, "claim-loops", "--database-url", database_url(name), "--loops", "8"],
                        stdout=subprocess.PIPE, label="dsar-bench claim-loops", check=False)
        result = json.loads(out)
        verify_seconds, _, verify_out = dsar("audit", "verify", database=name, stdout=subprocess.PIPE, check=False)
        result["dsar_audit_verify"] = verify_out.strip().splitlines()[-1] if verify_out.strip() else ""
        details.append(result)
        rates.append(result["transitions_per_second"])
        drop_database(name)
        _, _, out = run([PGBENCH, "-n", "-b", "simple-update", "-c", "8", "-j", "2", "-T", str(PGBENCH_SECONDS),
                         database_url("bench_pgbench")], stdout=subprocess.PIPE, label="pgbench")
        match = re.search(r"tps = ([0-9.]+) \(without initial connection time\)", out)
        if not match:
            raise Failure("pgbench printed no tps line")
        tps.append(float(match.group(1)))
        log(f"claims run {index + 1}/{RUNS}: {rates[-1]:.0f} transitions/s, double claims {result['double_claims']}, "
            f"audit intact {result['audit_intact']}; pgbench {tps[-1]:.0f} tps")
    # Once: the ceiling of the per-request chains (chained-request.sql): append to one request's
    # chain and commit durably, with no row shared by every writer.
    psql("CREATE TABLE bench_chain_events (id bigserial PRIMARY KEY, chain bigint NOT NULL, pos bigint NOT NULL, "
         "hash text NOT NULL, payload text, UNIQUE (chain, pos))", "bench_pgbench")
    psql("CREATE TABLE bench_chain_heads (chain bigint PRIMARY KEY, version bigint NOT NULL DEFAULT 0, "
         "pos bigint NOT NULL DEFAULT 0, hash text); "
         "INSERT INTO bench_chain_heads (chain) SELECT generate_series(1, 100000)", "bench_pgbench")
    _, _, out = run([PGBENCH, "-n", "-f", os.path.join(HERE, "chained-request.sql"), "-c", "8", "-j", "2", "-T",
                     str(PGBENCH_SECONDS), database_url("bench_pgbench")], stdout=subprocess.PIPE, label="pgbench")
    match = re.search(r"tps = ([0-9.]+) \(without initial connection time\)", out)
    head_tps = float(match.group(1)) if match else None
    log(f"per-request chains, append + durable commit (pgbench chained-request.sql): {head_tps} tps")
    # Once: the floor of the desk's own schema (bare-transitions.sql): the claim's and the close's
    # bare UPDATE + INSERT + COMMIT driven by pgbench, without what the desk adds on top.
    create_database("bench_claims_bare", template="bench_claims_template")
    per_client = CLAIMS // 8 - 10
    _, _, out = run([PGBENCH, "-n", "-M", "prepared", "-f", os.path.join(HERE, "bare-transitions.sql"), "-c", "8", "-j",
                     "2", "-t", str(per_client), database_url("bench_claims_bare")], stdout=subprocess.PIPE,
                    label="pgbench bare-transitions.sql")
    match = re.search(r"tps = ([0-9.]+) \(without initial connection time\)", out)
    bare_tps = round(2 * float(match.group(1))) if match else None
    log(f"the same two transitions as bare statements on the desk's schema (pgbench bare-transitions.sql): "
        f"{bare_tps} transitions/s")
    drop_database("bench_claims_bare")
    drop_database("bench_claims_template")
    drop_database("bench_pgbench")
    doubles = sum(result["double_claims"] for result in details)
    intact = all(result["audit_intact"] for result in details)
    failures = sum(result["failures"] for result in details)
    record(f"8 claim + close loops over {CLAIMS} requests", "transitions/s", rates, 3000, "higher", tps,
           f"pgbench -b simple-update -c 8 -j 2 -T {PGBENCH_SECONDS} (tps; ceiling)", 0.5,
           notes=f"double claims {doubles}, audit chains and seals intact in every run: {intact}, loop failures "
                 f"{failures}; appending to per-request chains with durable commits allows {head_tps} tps "
                 f"(chained-request.sql); the two transitions' bare statements on the desk's schema, driven by "
                 f"pgbench, {bare_tps} transitions/s (bare-transitions.sql)",
           extra={"double_claims": doubles, "audit_intact": intact, "runs_detail": details,
                  "chained_request_ceiling_tps": head_tps, "bare_transitions_per_second": bare_tps,
                  "met_all": doubles == 0 and intact and failures == 0})
    if doubles or not intact or failures:
        RESULTS[-1]["met"] = False


def bench_verify():
    """(9) dsar audit verify over the desk of bench_demo (every chain, seal and leaf); the hash choice."""
    ensure_desk_data()
    events = int(psql("SELECT count(*) FROM events", "bench_desk_data"))
    times = []
    for index in range(RUNS):
        seconds, _, out = dsar("audit", "verify", database="bench_desk_data", stdout=subprocess.PIPE)
        times.append(seconds)
        log(f"verify run {index + 1}/{RUNS}: {seconds:.1f} s: {out.strip()}")
    record(f"dsar audit verify ({REQUESTS} requests, {events} events)", "s", times,
           10.0 if REQUESTS == 1_000_000 else None, "lower", notes=out.strip())
    _, _, out = run([DSAR_BENCH, "sha256", "--events", "1000000"], stdout=subprocess.PIPE, label="dsar-bench sha256")
    result = json.loads(out)
    record("SHA-256 of 1,000,000 audit events (swift-crypto)", "s", [result["crypto_seconds"]], None, "lower",
           [result["software_seconds"]], "DeskCore.SHA256.softwareDigest (plain Swift)", None,
           notes=f"plain Swift is {result['software_over_crypto']:.2f}x slower; kept only if within 1.2x",
           extra={"software_over_crypto": result["software_over_crypto"]})


def bench_letters():
    """(8) rendering 10,000 letters to files (dsar-bench letters)."""
    rates, wall, details = [], [], []
    for index in range(RUNS):
        directory = os.path.join(BENCH_DIR, "tmp", f"letters-{index}")
        shutil.rmtree(directory, ignore_errors=True)
        seconds, _, out = run([DSAR_BENCH, "letters", "--database-url", database_url("bench_desk_data"),
                               "--letters", str(LETTERS), "--output", directory], stdout=subprocess.PIPE,
                              env={"DSAR_NOW": NOW}, label="dsar-bench letters")
        result = json.loads(out)
        rates.append(result["letters_per_second"])
        wall.append(LETTERS / seconds)
        details.append(result)
        shutil.rmtree(directory, ignore_errors=True)
    record(f"rendering {LETTERS} letters to files", "letters/s", rates, 5000, "higher",
           notes=f"render + verification footer + write on {details[-1]['threads']} threads, timed in process; facts of "
                 f"{details[-1]['distinct_requests']} requests read first"
                 + (f"; {details[-1]['unreadable_requests']} sampled requests left out: their stored evidence "
                    "cannot be read" if details[-1].get("unreadable_requests") else ""),
           extra={"whole_process_letters_per_second": summary(wall), "kinds": details[-1]["kinds"]})


def cpu_seconds(pid):
    """User + system CPU time a process has used so far (/proc/PID/stat)."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wrk(url, headers=(), pid=None):
    """One wrk run on loopback: (requests/s, p99 latency in seconds, non-2xx/3xx responses,
    requests per CPU-second of process `pid`: a figure a loaded machine does not depress)."""
    argv = ["wrk", "-t2", "-c32", f"-d{WRK_SECONDS}s", "--latency"]
    for header in headers:
        argv += ["-H", header]
    before = cpu_seconds(pid) if pid else 0
    _, _, out = run(argv + [url], stdout=subprocess.PIPE, label="wrk")
    used = cpu_seconds(pid) - before if pid else 0
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    total = int(re.search(r"(\d+) requests in", out).group(1))
    value, unit = re.search(r"\s99%\s+([\d.]+)(us|ms|s)", out).groups()
    p99 = float(value) / {"us": 1e6, "ms": 1e3, "s": 1}[unit]
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    return rate, p99, int(errors.group(1)) if errors else 0, total / used if used else None


def bench_portal():
    """(issue 17) dsar-portal under wrk on loopback: GET / (the form) and the status page of a
    valid session. The session is made in the database as a verified code would make it. The
    portal logs in as a member of the restricted role dsar_portal, as in production."""
    import hashlib
    import socket
    import urllib.request
    if shutil.which("wrk") is None:
        raise Failure("wrk is missing; run scripts/ensure-deps.sh")
    create_database("bench_portal", template="bench_desk")
    dsar("settings", "set", "mail.smtp_url", "smtp://bench@127.0.0.1:9", database="bench_portal")
    dsar("demo", "--requests", "20", database="bench_portal")
    token = hashlib.sha256(os.urandom(32)).hexdigest()
    psql("INSERT INTO portal_sessions (token_hash, request_id, created_at, expires_at) "
         f"SELECT '{hashlib.sha256(token.encode()).hexdigest()}', min(id), now(), now() + interval '1 day' FROM requests",
         "bench_portal")
    psql("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'bench_portal_web') THEN "
         "CREATE ROLE bench_portal_web LOGIN IN ROLE dsar_portal; END IF; END $$")
    portal_url = database_url("bench_portal")
    portal_url += ("&" if "?" in portal_url else "?") + "user=bench_portal_web"
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log_path = os.path.join(BENCH_DIR, "tmp", "portal.log")
    with open(log_path, "w") as portal_log:
        portal = subprocess.Popen([DSAR_PORTAL, "--listen", f"127.0.0.1:{port}", "--database-url", portal_url],
                                  stdout=portal_log, stderr=subprocess.STDOUT)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(300):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise Failure(f"dsar-portal did not start; see {log_path}")
        # The session must open the status page (a redirect to /status would be timed instead).
        opened = urllib.request.urlopen(urllib.request.Request(base + "/status/view", headers={"Cookie": f"status={token}"}))
        if opened.status != 200 or opened.url != base + "/status/view":
            raise Failure("the bench session does not open the status page")
        form, form_p99, form_cpu, status, status_p99, status_cpu, errors = [], [], [], [], [], [], 0
        wrk(base + "/")  # warm-up
        for _ in range(RUNS):
            rate, p99, bad, per_cpu = wrk(base + "/", pid=portal.pid)
            form.append(rate)
            form_p99.append(p99)
            form_cpu.append(per_cpu or 0)
            rate, p99, bad_status, per_cpu = wrk(base + "/status/view", headers=[f"Cookie: status={token}"], pid=portal.pid)
            status.append(rate)
            status_p99.append(p99)
            status_cpu.append(per_cpu or 0)
            errors += bad + bad_status
    finally:
        portal.terminate()
        portal.wait(timeout=10)
        drop_database("bench_portal")
    note = f"wrk -t2 -c32 -d{WRK_SECONDS}s on loopback, portal and wrk on the same cores"
    load = os.getloadavg()[0]
    note += f"; load average {load:.1f} at the end"
    record("portal GET / (form)", "req/s", form, 3000, "higher", notes=note,
           extra={"requests_per_portal_cpu_second": summary(form_cpu)})
    record("portal GET / p99 latency", "s", form_p99, 0.020, "lower", notes=note)
    record("portal status page, valid session", "req/s", status, 1000, "higher",
           notes=note + "; the session and the request read from PostgreSQL on every page",
           extra={"p99_seconds": summary(status_p99), "requests_per_portal_cpu_second": summary(status_cpu)})
    if errors:
        RESULTS[-1]["met"] = False
        RESULTS[-1]["notes"] += f"; {errors} responses were not 2xx/3xx"


# MARK: Machine and output


def machine():
    info = {"cores": os.cpu_count(), "platform": platform.platform()}
    try:
        with open("/proc/meminfo") as meminfo:
            kib = int(re.search(r"MemTotal:\s+(\d+)", meminfo.read()).group(1))
            info["memory_gib"] = round(kib / 1024 / 1024, 1)
        with open("/proc/cpuinfo") as cpuinfo:
            match = re.search(r"model name\s*:\s*(.+)", cpuinfo.read())
            info["cpu"] = match.group(1).strip() if match else platform.processor()
    except OSError:
        pass
    # The machine is shared with other builds: say how loaded it was (1, 5, 15-minute load averages).
    info["load_average_at_start"] = [round(value, 2) for value in os.getloadavg()]
    info["postgresql"] = psql("SELECT version()")
    settings = psql("SELECT string_agg(name || '=' || current_setting(name), ' ' ORDER BY name) FROM pg_settings "
                    "WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes', 'shared_buffers', 'work_mem', "
                    "'maintenance_work_mem', 'max_wal_size', 'checkpoint_timeout', 'wal_level', 'max_connections')")
    info["postgresql_settings"] = settings
    try:
        version = subprocess.run(["swift", "--version"], capture_output=True, text=True, check=False)
        info["swift"] = (version.stdout or version.stderr).strip().splitlines()[0]
    except (OSError, IndexError):
        info["swift"] = "unknown"
    return info


def format_value(value, unit):
    if value is None:
        return "—"
    if unit == "s":
        return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"
    return f"{value:,.0f}"


def table(rows):
    header = ["benchmark", "unit", "median", "min", "max", "target", "met?", "compared median", "ratio"]
    lines = [header]
    for row in rows:
        unit = row["unit"]
        target = "—" if row["target"] is None else ("≤ " if row["better"] == "lower" else "≥ ") + format_value(row["target"], unit)
        met = "—" if row["met"] is None else ("yes" if row["met"] else "NO")
        compared = format_value(row["comparison"]["median"], unit) if "comparison" in row else "—"
        ratio = "—"
        if row.get("ratio") is not None:
            ratio = f"{row['ratio']:.2f}"
            if row.get("ratio_target") is not None:
                ratio += (" (≤ " if row["better"] == "lower" else " (≥ ") + f"{row['ratio_target']}: " + \
                    ("yes" if row.get("ratio_met") else "NO") + ")"
        lines.append([row["benchmark"], unit if unit != "s" else "time", format_value(row["median"], unit),
                      format_value(row["min"], unit), format_value(row["max"], unit), target, met, compared, ratio])
        if "requests_per_portal_cpu_second" in row:
            per_cpu = row["requests_per_portal_cpu_second"]
            lines.append(["  per portal CPU-second", "req", f"{per_cpu['median']:,.0f}", f"{per_cpu['min']:,.0f}",
                          f"{per_cpu['max']:,.0f}", "—", "—", "—", "—"])
        if "peak_rss_mib" in row:
            peak = row["peak_rss_mib"]
            target = row.get("peak_rss_target_mib")
            lines.append(["  peak RSS", "MiB", f"{peak['median']:.0f}", f"{peak['min']:.0f}", f"{peak['max']:.0f}",
                          f"≤ {target}" if target else "—",
                          "—" if target is None else ("yes" if row["peak_rss_met"] else "NO"), "—", "—"])
    widths = [max(len(line[column]) for line in lines) for column in range(len(header))]
    out = []
    for number, line in enumerate(lines):
        out.append("  ".join(cell.ljust(width) for cell, width in zip(line, widths)).rstrip())
        if number == 0:
            out.append("  ".join("-" * width for width in widths))
    return "\n".join(out)


def main():
    if not SERVER_URL:
        sys.exit("bench: DSAR_BENCH_DATABASE_URL is not set; run through scripts/bench/cluster.sh.")
    for binary in (DSAR, DSAR_BENCH):
        if not os.access(binary, os.X_OK):
            sys.exit(f"bench: {binary} is missing; run `swift build -c release` first (make bench does).")
    os.makedirs(os.path.join(BENCH_DIR, "tmp"), exist_ok=True)
    started = datetime.datetime.now(datetime.timezone.utc)
    clock = time.perf_counter()
    info = machine()
    log(f"{info.get('cpu', '?')}, {info['cores']} cores; {RUNS} runs each; requests {REQUESTS}, messages {MESSAGES}")

    create_database("bench_migrated")
    dsar("db", "migrate", database="bench_migrated")
    create_database("bench_desk", template="bench_migrated")
    for key, value in DESK_SETTINGS.items():
        dsar("settings", "set", key, value, database="bench_desk")

    try:
        if wanted("demo"):
            bench_demo()
        if any(wanted(name) for name in ("queue", "show", "report", "letters")):
            ensure_desk_data()
        if wanted("queue"):
            bench_queue()
        if wanted("show"):
            bench_show()
        if wanted("report"):
            bench_report()
        if wanted("intake"):
            bench_intake()
        if wanted("intake-ack"):
            bench_intake_ack()
        if wanted("claims"):
            bench_claims()
        if wanted("verify"):
            bench_verify()
        if wanted("letters"):
            bench_letters()
        if wanted("mail"):
            bench_mail()
        if wanted("portal"):
            bench_portal()
    except Failure as failure:
        log(f"bench failed: {failure}")
        return 1

    report = {
        "date": started.strftime("%Y-%m-%dT%H:%M:%SZ"), "machine": info, "runs": RUNS, "dsar_now": NOW,
        "sizes": {"requests": REQUESTS, "messages": MESSAGES, "claims": CLAIMS, "letters": LETTERS},
        "duration_seconds": round(time.perf_counter() - clock, 1), "results": RESULTS,
        "load_average_at_end": [round(value, 2) for value in os.getloadavg()],
    }
    text = table(RESULTS)
    print(f"\nDSAR Desk benchmarks, {report['date']}: {info.get('cpu', '?')}, {info['cores']} cores, "
          f"{info.get('memory_gib', '?')} GiB; {info['postgresql'].split(' on ')[0]}; {info['swift']}")
    print(f"median of {RUNS} runs; comparisons alternate run by run; whole run {report['duration_seconds']:.0f} s; "
          f"load average {info['load_average_at_start']} at the start, {report['load_average_at_end']} at the end\n")
    print(text)
    stamp = started.strftime("%Y%m%dT%H%M%SZ")
    path = os.path.join(BENCH_DIR, f"bench-{stamp}.json")
    with open(path, "w") as out:
        json.dump(report, out, indent=2, ensure_ascii=False)
        out.write("\n")
    shutil.copyfile(path, os.path.join(BENCH_DIR, "latest.json"))
    print(f"\nwritten: {os.path.relpath(path, ROOT)} and .bench/latest.json")
    failed = [row["benchmark"] for row in RESULTS if row["met"] is False]
    if failed:
        print("targets missed: " + "; ".join(failed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
