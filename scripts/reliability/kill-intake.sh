#!/usr/bin/env bash
# Crash safety of the intake (issue 9 §1): an import killed with SIGKILL at random moments and
# run again ends with the same desk as one clean import.
#
#   scripts/reliability/kill-intake.sh [MESSAGES] [KILLS]      (default 20000 messages, 5 kills)
#
# 1. writes a synthetic mbox (scripts/make-bench-mbox.py MESSAGES, deterministic);
# 2. imports it once, uninterrupted, into a fresh database (the reference) and times it;
# 3. into a second fresh database, starts the same import KILLS times and SIGKILLs each run at a
#    random moment while it writes (see below), then runs it once more to completion;
# 4. compares the two databases table by table with content digests (digest.sql: requests,
#    requesters, cases, messages, inbox items, letters, evidence, events, counters — ignoring only
#    surrogate ids, see there), checks no duplicates and no orphans, and `dsar audit verify` on both.
# The intake writes no letter files: acknowledgements live in the letters table, compared above.
# Exit status 0 only when everything matches. RELIABILITY_SEED fixes the random delays.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ensure_server "$@"

messages="${1:-20000}"
kills="${2:-5}"
work="$(mktemp -d "${TMPDIR:-/tmp}/kill-intake.XXXXXX")"
clean_db="rel_intake_clean_$$"
killed_db="rel_intake_killed_$$"
cleanup() {
    local status=$?
    drop_db "$clean_db"
    drop_db "$killed_db"
    rm -rf "$work"
    exit "$status"
}
trap cleanup EXIT

mbox="$work/intake.mbox"
python3 "$root/scripts/make-bench-mbox.py" "$messages" "$mbox" >/dev/null

import_into() { DSAR_DATABASE_URL="$1" "$DSAR" intake import "$mbox" >"$work/import.out" 2>"$work/import.err"; }

clean_url="$(fresh_db "$clean_db")"
letter_settings "$clean_url"
started="$(now_ms)"
import_into "$clean_url"
reference_ms=$(( $(now_ms) - started ))
echo "kill-intake: clean import of $messages messages took ${reference_ms} ms" >&2

killed_url="$(fresh_db "$killed_db")"
letter_settings "$killed_url"
# KILLS runs, each SIGKILLed at a random moment while it is writing: the kill points are KILLS
# random message counts between 5% and 95% of the mailbox, sorted, and run k is killed as soon as
# the database holds its count (polled every 0.1 s). Timing the kills against the clean run
# instead would put the later ones in the resumed runs' duplicate scan, where nothing is written.
kill_points="$(python3 -c "import random,sys; r=random.Random(int(sys.argv[1])); n=int(sys.argv[2]); k=int(sys.argv[3]); print(' '.join(str(p) for p in sorted(r.sample(range(max(1, n // 20), max(n // 20 + k, n * 19 // 20)), k))))" \
    "${RELIABILITY_SEED:-$$}" "$messages" "$kills")"
delays=()
points=()
for point in $kill_points; do
    DSAR_DATABASE_URL="$killed_url" "$DSAR" intake import "$mbox" >"$work/killed.out" 2>"$work/killed.err" &
    pid=$!
    run_started="$(now_ms)"
    stored=0
    while kill -0 "$pid" 2>/dev/null; do
        stored="$(psql -X -A -t "$killed_url" -c 'SELECT count(*) FROM messages')"
        [ "$stored" -ge "$point" ] && break
        sleep 0.1
    done
    if kill -KILL "$pid" 2>/dev/null; then
        wait "$pid" 2>/dev/null || true
        delay_ms=$(( $(now_ms) - run_started ))
        delays+=("$delay_ms")
        points+=("$stored")
        echo "kill-intake: kill ${#delays[@]} after ${delay_ms} ms of its run, at $stored messages stored" >&2
    else
        wait "$pid" 2>/dev/null || true
        echo "kill-intake: the run finished before reaching $point messages; it does not count as a kill." >&2
    fi
done
if [ "${#delays[@]}" -lt "$kills" ]; then
    echo "kill-intake: only ${#delays[@]} of $kills runs could be killed before they finished." >&2
    exit 1
fi
import_into "$killed_url"

failed=0
compare_desks kill-intake "$clean_url" "$killed_url" "$work" || failed=1
stored="$(digest_count "$work/killed.digest" messages)"
requests="$(digest_count "$work/killed.digest" requests)"
letters="$(digest_count "$work/killed.digest" letters)"
events="$(digest_count "$work/killed.digest" events)"
if [ "$failed" -ne 0 ]; then
    echo "kill-intake: FAILED ($messages messages, $kills kills)" >&2
    exit 1
fi
echo "kill-intake: OK — $messages messages imported under $kills SIGKILLs (at ${points[*]} messages stored, ${delays[*]} ms into runs; a clean import takes ${reference_ms} ms) + 1 resumed run: $stored messages, $requests requests, $letters letters, $events events identical to one clean import; no duplicates, no orphans; $(cat "$work/verify-killed")"
