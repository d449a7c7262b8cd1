# Shared by the reliability scripts (sourced, not run).
#
# Every script works on fresh databases of one PostgreSQL server named by RELIABILITY_SERVER_URL
# (a superuser URL whose last path segment is the maintenance database, e.g.
# postgresql://dsar@%2Ftmp%2Fsock/postgres), else DSAR_TEST_DATABASE_URL (set by
# scripts/test-cluster.sh). With neither set, a script runs itself again under
# scripts/test-cluster.sh, which starts a throwaway cluster and removes it afterwards.
# Only the client (`dsar`) is ever killed, never the server, so the cluster's durability settings
# do not matter for what is checked here.

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DSAR="${DSAR_BINARY:-$root/.build/debug/dsar}"
# One clock for every command, so two runs of the same work write the same dates.
export DSAR_NOW="${DSAR_NOW:-2026-11-21T10:00:00+05:00}"
export DSAR_ACTOR="${DSAR_ACTOR:-reliability}"
# psql: no NOTICE chatter from DROP DATABASE IF EXISTS and the like.
export PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning"

# Re-executes the calling script under a throwaway cluster when no server is configured.
ensure_server() {
    RELIABILITY_SERVER_URL="${RELIABILITY_SERVER_URL:-${DSAR_TEST_DATABASE_URL:-}}"
    if [ -z "$RELIABILITY_SERVER_URL" ]; then
        exec "$root/scripts/test-cluster.sh" "$0" "$@"
    fi
    export RELIABILITY_SERVER_URL
    if [ ! -x "$DSAR" ]; then
        echo "$(basename "$0"): $DSAR is missing; run swift build (or set DSAR_BINARY)." >&2
        exit 1
    fi
}

# The URL of database NAME on the server.
db_url() {
    local base="${RELIABILITY_SERVER_URL%%\?*}" query=""
    case "$RELIABILITY_SERVER_URL" in *\?*) query="?${RELIABILITY_SERVER_URL#*\?}" ;; esac
    printf '%s/%s%s' "${base%/*}" "$1" "$query"
}

# Creates (or re-creates) a fresh, migrated database NAME and prints its URL.
fresh_db() {
    psql -X -q -v ON_ERROR_STOP=1 "$RELIABILITY_SERVER_URL" -c "DROP DATABASE IF EXISTS \"$1\" WITH (FORCE)" \
        -c "CREATE DATABASE \"$1\"" >/dev/null
    DSAR_DATABASE_URL="$(db_url "$1")" "$DSAR" db migrate >/dev/null
    db_url "$1"
}

drop_db() {
    psql -X -q "$RELIABILITY_SERVER_URL" -c "DROP DATABASE IF EXISTS \"$1\" WITH (FORCE)" >/dev/null 2>&1 || true
}

# The four settings letters need, so the intake records an acknowledgement letter per request.
letter_settings() {
    local url="$1"
    DSAR_DATABASE_URL="$url" "$DSAR" settings set organisation.name "Raqamli Xizmatlar MChJ" >/dev/null
    DSAR_DATABASE_URL="$url" "$DSAR" settings set organisation.address "Toshkent, Buyuk Ipak Yoʻli 100" >/dev/null
    DSAR_DATABASE_URL="$url" "$DSAR" settings set dpo.name "Kamola Rasulova" >/dev/null
    DSAR_DATABASE_URL="$url" "$DSAR" settings set dpo.email dpo@raqamli.uz >/dev/null
}

# Per-table content digests of a desk (digest.sql), one "table rows md5" line each.
digest() {
    psql -X -q -A -t -F ' ' -v ON_ERROR_STOP=1 "$1" -f "$root/scripts/reliability/digest.sql"
}

# `dsar audit verify` must say the chain is intact.
verify_chain() {
    local out
    if ! out="$(DSAR_DATABASE_URL="$1" "$DSAR" audit verify 2>&1)"; then
        echo "audit verify FAILED: $out" >&2
        return 1
    fi
    printf '%s\n' "$out"
}

now_ms() { date +%s%3N; }

# Compares a killed-and-resumed database with a clean one: `dsar audit verify` on both (into
# WORK/verify-clean and WORK/verify-killed), the table-by-table digests of digest.sql (into
# WORK/clean.digest and WORK/killed.digest) and their no-duplicate/no-orphan checks. Prints what
# differs on stderr, prefixed with NAME; fails when anything does.
#   compare_desks NAME CLEAN_URL KILLED_URL WORK
compare_desks() {
    local name="$1" clean_url="$2" killed_url="$3" work="$4" failed=0
    verify_chain "$clean_url" >"$work/verify-clean"
    verify_chain "$killed_url" >"$work/verify-killed"
    digest "$clean_url" >"$work/clean.digest"
    digest "$killed_url" >"$work/killed.digest"
    if ! diff -u "$work/clean.digest" "$work/killed.digest" >&2; then
        echo "$name: the killed-and-resumed database differs from the clean one (lines above)." >&2
        failed=1
    fi
    if ! awk -v name="$name" '$1 == "check" && $3 != 0 { bad = 1; print name ": invariant broken: " $0 > "/dev/stderr" } END { exit bad }' \
        "$work/killed.digest" "$work/clean.digest"; then failed=1; fi
    return "$failed"
}

# The row count of TABLE in a digest file: digest_count FILE TABLE
digest_count() { awk -v table="$2" '$1 == "table" && $2 == table { print $3 }' "$1"; }
