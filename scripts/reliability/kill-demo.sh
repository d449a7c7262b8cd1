#!/usr/bin/env bash
# Crash safety of the synthetic desk (issue 9 §1, contract 1): `dsar demo --requests N` killed
# with SIGKILL at random moments and run again ends with exactly the database of one clean run.
#
#   scripts/reliability/kill-demo.sh [REQUESTS] [KILLS]      (default 200000 requests, 5 kills)
#
# Same shape as kill-intake.sh: a clean run into one fresh database (timed), KILLS runs killed at
# random moments within that duration into a second one, one run to completion, then the
# table-by-table digests of digest.sql, the no-duplicate/no-orphan checks and `dsar audit verify`.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ensure_server "$@"

requests="${1:-200000}"
kills="${2:-5}"
RANDOM="${RELIABILITY_SEED:-$$}"
work="$(mktemp -d "${TMPDIR:-/tmp}/kill-demo.XXXXXX")"
clean_db="rel_demo_clean_$$"
killed_db="rel_demo_killed_$$"
cleanup() {
    local status=$?
    drop_db "$clean_db"
    drop_db "$killed_db"
    rm -rf "$work"
    exit "$status"
}
trap cleanup EXIT

demo_into() { DSAR_DATABASE_URL="$1" "$DSAR" demo --requests "$requests" >"$work/demo.out" 2>"$work/demo.err"; }

clean_url="$(fresh_db "$clean_db")"
started="$(now_ms)"
demo_into "$clean_url"
reference_ms=$(( $(now_ms) - started ))
echo "kill-demo: clean run of $requests requests took ${reference_ms} ms" >&2

killed_url="$(fresh_db "$killed_db")"
# KILLS runs killed at a random moment between 5% and 80% of the clean run's duration. A run that
# finishes before its kill does not count: the next one waits half as long (at most 4×KILLS runs).
delays=()
window=$(( reference_ms * 3 / 4 > 20 ? reference_ms * 3 / 4 : 20 ))
delay_ms=0
for ((attempt = 1; ${#delays[@]} < kills && attempt <= 4 * kills; attempt++)); do
    if [ "$delay_ms" -eq 0 ]; then delay_ms=$(( reference_ms / 20 + (RANDOM * 32768 + RANDOM) % window )); fi
    DSAR_DATABASE_URL="$killed_url" "$DSAR" demo --requests "$requests" >"$work/killed.out" 2>"$work/killed.err" &
    pid=$!
    sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
    if kill -KILL "$pid" 2>/dev/null; then
        wait "$pid" 2>/dev/null || true
        delays+=("$delay_ms")
        stored="$(psql -X -A -t "$killed_url" -c 'SELECT count(*) FROM requests')"
        echo "kill-demo: kill ${#delays[@]} after ${delay_ms} ms; $stored requests stored so far" >&2
        delay_ms=0
    else
        wait "$pid" 2>/dev/null || true
        # A finished run added its N requests; the next run would add N more (the demo adds to
        # a desk that holds requests). Start that database again: earlier kills left nothing.
        echo "kill-demo: the run finished before its kill at ${delay_ms} ms; trying again sooner on a fresh database" >&2
        killed_url="$(fresh_db "$killed_db")"
        delay_ms=$(( delay_ms / 2 > 10 ? delay_ms / 2 : 10 ))
    fi
done
if [ "${#delays[@]}" -lt "$kills" ]; then
    echo "kill-demo: only ${#delays[@]} of $kills runs could be killed before they finished." >&2
    exit 1
fi
if ! demo_into "$killed_url"; then
    echo "kill-demo: the resumed run failed: $(cat "$work/demo.err")" >&2
fi

failed=0
compare_desks kill-demo "$clean_url" "$killed_url" "$work" || failed=1
stored="$(digest_count "$work/killed.digest" requests)"
events="$(digest_count "$work/killed.digest" events)"
letters="$(digest_count "$work/killed.digest" letters)"
if [ "$failed" -ne 0 ]; then
    echo "kill-demo: FAILED ($requests requests, $kills kills)" >&2
    exit 1
fi
echo "kill-demo: OK — demo --requests $requests under $kills SIGKILLs (at ${delays[*]} ms of a ${reference_ms} ms run) + 1 resumed run: $stored requests, $events events, $letters letters identical to one clean run; no duplicates, no orphans; $(cat "$work/verify-killed")"
