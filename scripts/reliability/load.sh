#!/usr/bin/env bash
# Load (issue 9 §8): desk members working the queue at once while an intake import runs, then
# proof that nothing was lost and that the requests table agrees with the event log.
#
#   scripts/reliability/load.sh            (8 members for 120 s on a 20,000-request desk, 5,000 messages imported)
#   LOAD_WORKERS=4 LOAD_SECONDS=10 LOAD_REQUESTS=2000 LOAD_MESSAGES=200 scripts/reliability/load.sh   (quick)
#
# The desk: a fresh database, the letter settings, `dsar demo --requests LOAD_REQUESTS`. Then, at
# the same time: `dsar intake import` of a LOAD_MESSAGES-message mbox (which creates requests and
# attaches replies to existing ones), and LOAD_WORKERS desk members (load.py work) claiming,
# starting, recording, closing and producing letters with real `dsar` commands for LOAD_SECONDS.
# Checks: only exit codes 0, 3 (claim: the queue is empty) and the documented conflicts 4 and 5;
# the import succeeds; `dsar audit verify`; every acknowledged write is in the log and no request
# was claimed twice; replaying the event log gives the requests table (load.py check); and the
# no-duplicate/no-orphan checks of digest.sql.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ensure_server "$@"

workers="${LOAD_WORKERS:-8}"
seconds="${LOAD_SECONDS:-120}"
requests="${LOAD_REQUESTS:-20000}"
messages="${LOAD_MESSAGES:-5000}"
work="$(mktemp -d "${TMPDIR:-/tmp}/load.XXXXXX")"
db="rel_load_$$"
cleanup() {
    local status=$?
    [ -n "${import_pid:-}" ] && kill "$import_pid" 2>/dev/null || true
    drop_db "$db"
    rm -rf "$work"
    exit "$status"
}
trap cleanup EXIT

url="$(fresh_db "$db")"
letter_settings "$url"
DSAR_DATABASE_URL="$url" "$DSAR" demo --requests "$requests" >/dev/null 2>"$work/demo.err"
python3 "$root/scripts/make-bench-mbox.py" "$messages" "$work/load.mbox" >/dev/null
open="$(psql -X -A -t "$url" -c "SELECT count(*) FROM requests WHERE state NOT IN ('fulfilled','partially_fulfilled','refused','withdrawn','lifted')")"
echo "load: desk of $requests requests ($open open); $workers members for ${seconds} s while $messages messages are imported" >&2

started="$(now_ms)"
DSAR_DATABASE_URL="$url" "$DSAR" intake import "$work/load.mbox" --actor intake >"$work/import.out" 2>"$work/import.err" &
import_pid=$!
failed=0
DSAR_BINARY="$DSAR" python3 "$root/scripts/reliability/load.py" work --url "$url" --workers "$workers" --seconds "$seconds" \
    --out "$work/ops.jsonl" || failed=1
import_status=0
wait "$import_pid" || import_status=$?
import_pid=""
elapsed_ms=$(( $(now_ms) - started ))
if [ "$import_status" -ne 0 ]; then
    echo "load: the concurrent intake import failed (exit $import_status): $(tail -3 "$work/import.err")" >&2
    failed=1
fi
imported="$(psql -X -A -t "$url" -c 'SELECT count(*) FROM messages')"

chain="$(verify_chain "$url")" || failed=1
summary="$(python3 "$root/scripts/reliability/load.py" check --url "$url" --ops "$work/ops.jsonl")" || failed=1
digest "$url" >"$work/digest"
if ! awk '$1 == "check" && $3 != 0 { bad = 1; print "load: invariant broken: " $0 > "/dev/stderr" } END { exit bad }' "$work/digest"; then
    failed=1
fi
ops="$(wc -l <"$work/ops.jsonl")"
if [ "$failed" -ne 0 ]; then
    echo "load: FAILED ($workers members, ${seconds} s)" >&2
    exit 1
fi
echo "load: OK — $workers desk members for ${seconds} s ($ops commands, $((elapsed_ms / 1000)) s with the import) while $imported messages were imported: $summary; $chain"
