#!/usr/bin/env python3
"""Load test driver and event-replay check (issue 9 §8). Python 3 standard library only.

    load.py work  --url URL --workers 8 --seconds 120 --out OPS.jsonl
    load.py check --url URL --ops OPS.jsonl

`work` runs WORKERS desk members at once, each a loop of real `dsar` commands against the desk at
URL (actor desk1…deskN): claim the most urgent unassigned request, bring it to in_progress
(start / identity verified / resume), record the evidence its right's gate needs, close it
fulfilled and produce the fulfilled letter. One step in five instead acts on a request another
member just worked on (record or close), which is where documented conflicts come from: exit 4
(already closed: refused by a rule) and 5 (changed meanwhile). Every command's exit status is
written to OPS as one JSON line. Any other exit status is an error.

`check` then proves, against the database:
  * every command that exited 0 left exactly its trace (no lost update): per member, successful
    claims = `assigned` events with claimed=true, successful transitions = transition events,
    successful records = evidence rows and `evidence_recorded` events, successful letters =
    letters produced; and no request was claimed twice;
  * the requests table agrees with the event log, by replaying the log: folding each request's
    own hash chain in chain order (`chain_pos`, issue 15) gives its state (every event's from_state must be the state the
    fold had reached), its assignee, its due date, whether it is closed, and its evidence and
    letter counts — all compared with `requests`, `evidence` and `letters`.
"""
import argparse
import csv
import io
import json
import os
import random
import subprocess
import shutil
import sys
import tempfile
import threading
import time

DSAR = os.environ.get("DSAR_BINARY") or os.path.join(os.path.dirname(__file__), "..", "..", ".build", "debug", "dsar")
CLOSED = {"fulfilled", "partially_fulfilled", "refused", "withdrawn", "lifted"}
DOCUMENTED_CONFLICTS = {4, 5}
EVIDENCE = {
    "access": [["no-data-held", "--note", "nothing held in any system"]],
    "rectification": [["change", "--field", "phone", "--summary", "new number recorded"], ["no-recipients"]],
    "erasure": [["erasure", "--system", "CRM", "--categories", "contact", "--method", "deleted",
                 "--performed-by", "IT desk", "--approved-by", "DPO"], ["no-recipients"]],
    "restriction": [["restriction", "--systems", "CRM", "--purposes", "marketing"]],
    "portability": [["export", "--format", "json", "--path", "export.json", "--sha256", "ab" * 32]],
    "objection": [["decision", "--decision", "processing_stopped", "--purposes", "marketing"]],
}
TO_IN_PROGRESS = {"received": ["start"], "awaiting_identity": ["identity", "verified"], "awaiting_requester": ["resume"]}
TRANSITION_COMMANDS = {"start", "identity", "resume", "close"}


def dsar(url, actor, args):
    env = dict(os.environ, DSAR_DATABASE_URL=url, DSAR_ACTOR=actor)
    started = time.monotonic()
    done = subprocess.run([DSAR, *args, "--actor", actor], env=env, capture_output=True, text=True)
    return done.returncode, done.stdout, done.stderr, time.monotonic() - started


class Worker(threading.Thread):
    def __init__(self, index, url, deadline, log, shared, lock):
        super().__init__(daemon=True)
        self.actor = f"desk{index}"
        self.url, self.deadline, self.log, self.shared, self.lock = url, deadline, log, shared, lock
        self.rng = random.Random(index * 7919 + int(os.environ.get("RELIABILITY_SEED", "1")))
        self.ran_dry = False
        self.scratch = tempfile.mkdtemp(prefix=f"load-{self.actor}-")

    def run_command(self, args, reference=None, target="own"):
        status, out, err, seconds = dsar(self.url, self.actor, args)
        entry = {"actor": self.actor, "command": args[0], "args": args, "status": status, "reference": reference,
                 "target": target, "seconds": round(seconds, 3), "stderr": err.strip()[:300]}
        with self.lock:
            self.log.write(json.dumps(entry) + "\n")
        return status, out

    def interfere(self):
        with self.lock:
            if not self.shared:
                return
            reference, kind = self.rng.choice(self.shared)
        if self.rng.random() < 0.5:
            self.run_command(["record", reference, *EVIDENCE[kind][0]], reference, "other")
        else:
            self.run_command(["close", reference, "--outcome", "fulfilled"], reference, "other")

    def run(self):
        while time.monotonic() < self.deadline:
            if self.rng.random() < 0.2:
                self.interfere()
                continue
            status, out = self.run_command(["claim"])
            if status == 3:
                self.ran_dry = True
                return
            if status != 0:
                continue
            reference = out.split()[0] if out.split() else None
            if not reference:
                continue
            status, out = self.run_command(["show", reference, "--json"], reference)
            if status != 0:
                continue
            shown = json.loads(out)
            kind, state = shown["kind"], shown["state"]
            with self.lock:
                self.shared.append((reference, kind))
                del self.shared[:-64]
            if state in TO_IN_PROGRESS:
                status, _ = self.run_command([TO_IN_PROGRESS[state][0], reference, *TO_IN_PROGRESS[state][1:]], reference)
                if status != 0:
                    continue
            for evidence in EVIDENCE[kind]:
                self.run_command(["record", reference, *evidence], reference)
            status, _ = self.run_command(["close", reference, "--outcome", "fulfilled"], reference)
            if status == 0:
                # A file of our own: `--out /dev/null` once made an atomic write rename a file over /dev/null.
                self.run_command(["letter", reference, "fulfilled", "--out", os.path.join(self.scratch, "letter.txt")], reference)


def work(args):
    deadline = time.monotonic() + args.seconds
    lock = threading.Lock()
    shared = []
    started = time.monotonic()
    with open(args.out, "w") as log:
        workers = [Worker(i + 1, args.url, deadline, log, shared, lock) for i in range(args.workers)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        for worker in workers:
            shutil.rmtree(worker.scratch, ignore_errors=True)
    elapsed = time.monotonic() - started
    ops = [json.loads(line) for line in open(args.out)]
    by_status = {}
    for op in ops:
        by_status[op["status"]] = by_status.get(op["status"], 0) + 1
    unexpected = [op for op in ops if op["status"] not in (0, 3) and op["status"] not in DOCUMENTED_CONFLICTS]
    # A claim finding nothing (3) is the queue running dry; 3 anywhere else is an error.
    unexpected += [op for op in ops if op["status"] == 3 and op["command"] != "claim"]
    print(f"load: {len(ops)} commands by {args.workers} desk members in {elapsed:.1f} s "
          f"({len(ops) / elapsed:.1f}/s); exit codes {dict(sorted(by_status.items()))}"
          + ("; the queue ran dry" if any(w.ran_dry for w in workers) else ""), file=sys.stderr)
    for op in unexpected[:20]:
        print(f"load: undocumented exit {op['status']} from {' '.join(op['args'])}: {op['stderr']}", file=sys.stderr)
    return 1 if unexpected else 0


def query(url, sql):
    done = subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", url, "-c", f"COPY ({sql}) TO STDOUT WITH CSV HEADER"],
                          capture_output=True, text=True, check=True)
    return list(csv.DictReader(io.StringIO(done.stdout)))


def check(args):
    ops = [json.loads(line) for line in open(args.ops)]
    problems = []

    # 1. No lost update: every acknowledged command left its trace, per desk member.
    ok = {}
    for op in ops:
        if op["status"] == 0:
            key = (op["actor"], "transition" if op["command"] in TRANSITION_COMMANDS else op["command"])
            ok[key] = ok.get(key, 0) + 1
    stored = {}
    for row in query(args.url, """
            SELECT actor, CASE WHEN event = 'assigned' AND payload::jsonb ->> 'claimed' = 'true' THEN 'claim'
                               WHEN event = 'evidence_recorded' THEN 'record'
                               WHEN event = 'letter_produced' THEN 'letter'
                               WHEN from_state IS DISTINCT FROM to_state THEN 'transition' END AS what, count(*) AS n
            FROM events WHERE actor LIKE 'desk%' GROUP BY 1, 2"""):
        if row["what"]:
            stored[(row["actor"], row["what"])] = stored.get((row["actor"], row["what"]), 0) + int(row["n"])
    for row in query(args.url, "SELECT recorded_by AS actor, count(*) AS n FROM evidence WHERE recorded_by LIKE 'desk%' GROUP BY 1"):
        if int(row["n"]) != stored.get((row["actor"], "record"), 0):
            problems.append(f"{row['actor']}: {row['n']} evidence rows but {stored.get((row['actor'], 'record'), 0)} evidence events")
    for key in sorted(set(ok) | set(stored)):
        if key[1] == "show":
            continue
        if ok.get(key, 0) != stored.get(key, 0):
            problems.append(f"{key[0]} {key[1]}: {ok.get(key, 0)} commands succeeded but {stored.get(key, 0)} are recorded")
    for row in query(args.url, """
            SELECT request_id, count(*) AS n FROM events
            WHERE event = 'assigned' AND payload::jsonb ->> 'claimed' = 'true' GROUP BY 1 HAVING count(*) > 1"""):
        problems.append(f"request {row['request_id']} was claimed {row['n']} times")

    # 2. Replay the event log and compare with the requests table.
    folded = {}
    breaks = 0
    for row in query(args.url, "SELECT request_id, seq, event, from_state, to_state, payload FROM events "
                               "WHERE request_id IS NOT NULL ORDER BY request_id, chain_pos NULLS FIRST, seq"):
        request = folded.setdefault(row["request_id"], {"state": None, "assignee": "", "due_on": None,
                                                        "evidence": 0, "letters": 0})
        if row["from_state"] and request["state"] is not None and row["from_state"] != request["state"]:
            breaks += 1
            if breaks <= 10:
                problems.append(f"request {row['request_id']}: event #{row['seq']} {row['event']} starts from "
                                f"{row['from_state']} but the log had reached {request['state']}")
        if row["to_state"]:
            request["state"] = row["to_state"]
        payload = json.loads(row["payload"])
        if "assignee" in payload:
            request["assignee"] = payload["assignee"] or ""
        if "due_on" in payload:
            request["due_on"] = payload["due_on"]
        if row["event"] == "evidence_recorded":
            request["evidence"] += 1
        if row["event"] == "letter_produced":
            request["letters"] += 1
    mismatches = 0
    requests = query(args.url, """
        SELECT r.id, r.reference, r.state, coalesce(r.assignee, '') AS assignee, r.due_on, r.closed_at IS NOT NULL AS closed,
               (SELECT count(*) FROM evidence e WHERE e.request_id = r.id) AS evidence,
               (SELECT count(*) FROM letters l WHERE l.request_id = r.id) AS letters
        FROM requests r""")
    for row in requests:
        replayed = folded.get(row["id"])
        if replayed is None:
            differences = ["no events"]
        else:
            differences = []
            for field in ("state", "assignee", "evidence", "letters"):
                if str(replayed[field]) != row[field]:
                    differences.append(f"{field} {row[field]} in the table, {replayed[field]} by the log")
            if replayed["due_on"] is not None and replayed["due_on"] != row["due_on"]:
                differences.append(f"due_on {row['due_on']} in the table, {replayed['due_on']} by the log")
            if (row["closed"] == "t") != (replayed["state"] in CLOSED):
                differences.append(f"closed_at {'set' if row['closed'] == 't' else 'empty'} but the log says {replayed['state']}")
        if differences:
            mismatches += 1
            if mismatches <= 10:
                problems.append(f"{row['reference']}: " + "; ".join(differences))
    if len(folded) != len(requests):
        problems.append(f"the log names {len(folded)} requests, the table holds {len(requests)}")

    acknowledged = sum(1 for op in ops if op["status"] == 0 and op["command"] != "show")
    conflicts = sum(1 for op in ops if op["status"] in DOCUMENTED_CONFLICTS)
    if problems:
        for problem in problems:
            print(f"load check: {problem}", file=sys.stderr)
        print(f"load check: FAILED ({mismatches} requests disagree with the log, {breaks} broken transitions)", file=sys.stderr)
        return 1
    print(f"{len(ops)} commands, {acknowledged} acknowledged writes all found in the log, {conflicts} documented conflicts; "
          f"{len(requests)} requests replayed from the event log agree with the table (state, assignee, due date, "
          f"closed, evidence, letters); no double claims")
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="what", required=True)
    w = sub.add_parser("work")
    w.add_argument("--url", required=True)
    w.add_argument("--workers", type=int, default=8)
    w.add_argument("--seconds", type=float, default=120)
    w.add_argument("--out", required=True)
    c = sub.add_parser("check")
    c.add_argument("--url", required=True)
    c.add_argument("--ops", required=True)
    args = parser.parse_args()
    return work(args) if args.what == "work" else check(args)


if __name__ == "__main__":
    sys.exit(main())
