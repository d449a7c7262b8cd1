#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL cluster:
#   scripts/test-cluster.sh swift test
# The cluster lives in a fresh temporary directory, listens on a Unix socket only, and is
# stopped and removed when the command ends, whatever its outcome. The command sees
# DSAR_TEST_DATABASE_URL (superuser `dsar`, maintenance database `postgres`); its exit
# status is this script's exit status. DSAR_CLUSTER_SETTINGS (`-c name=value …`) replaces the
# default server settings (no fsync: fast, not durable).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=pg-bindir.sh
. "$here/pg-bindir.sh"

if [ "$#" -eq 0 ]; then
    echo "usage: scripts/test-cluster.sh COMMAND [ARGUMENTS...]" >&2
    exit 2
fi
if ! bindir="$(pg_bindir)"; then
    echo "test-cluster: initdb and pg_ctl were not found; run scripts/ensure-deps.sh first." >&2
    exit 1
fi

# The server refuses to run as root: run its programs as the postgres user then, from a
# directory that user may enter.
as_server_user=()
if [ "$(id -u)" -eq 0 ]; then
    if ! id postgres >/dev/null 2>&1; then
        echo "test-cluster: running as root needs the postgres system user (apt-get install postgresql)." >&2
        exit 1
    fi
    as_server_user=(runuser -u postgres --)
fi

# As root the postgres user must reach the directory: /tmp, whatever TMPDIR says.
parent="${TMPDIR:-/tmp}"
if [ "${#as_server_user[@]}" -gt 0 ]; then parent=/tmp; fi
cluster="$(mktemp -d "$parent/dsar-test-cluster.XXXXXX")"
sockdir="$cluster/run"
mkdir -p "$sockdir"
if [ "${#as_server_user[@]}" -gt 0 ]; then chown -R postgres: "$cluster"; fi

server() { (cd "$cluster" && ${as_server_user[@]+"${as_server_user[@]}"} "$@"); }

cleanup() {
    local status=$?
    trap - EXIT INT TERM
    if [ -f "$cluster/data/postmaster.pid" ]; then
        server "$bindir/pg_ctl" -D "$cluster/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$cluster"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if ! server "$bindir/initdb" -D "$cluster/data" -U dsar --auth=trust -E UTF8 --locale=C.UTF-8 \
    >"$cluster/initdb.log" 2>&1; then
    echo "test-cluster: initdb failed:" >&2
    cat "$cluster/initdb.log" >&2
    exit 1
fi
# Tests need no durability; DSAR_CLUSTER_SETTINGS replaces these settings (scripts/bench/cluster.sh
# starts a durable server that way).
settings="${DSAR_CLUSTER_SETTINGS:--c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200}"
# -l sends the server's output to a file, so the daemon holds no pipe of ours.
if ! server "$bindir/pg_ctl" -D "$cluster/data" -l "$cluster/server.log" -w -t 60 \
    -o "-c listen_addresses='' -k $sockdir $settings" \
    start >"$cluster/pg_ctl.log" 2>&1; then
    echo "test-cluster: the server did not start:" >&2
    cat "$cluster/pg_ctl.log" "$cluster/server.log" >&2 || true
    exit 1
fi

urlencode() {
    local text="$1" out="" char i
    for ((i = 0; i < ${#text}; i++)); do
        char="${text:i:1}"
        case "$char" in
            [a-zA-Z0-9._~-]) out+="$char" ;;
            *) out+="$(printf '%%%02X' "'$char")" ;;
        esac
    done
    printf '%s' "$out"
}

export DSAR_TEST_DATABASE_URL="postgresql://dsar@$(urlencode "$sockdir")/postgres"
echo "test-cluster: PostgreSQL running in $cluster (DSAR_TEST_DATABASE_URL=$DSAR_TEST_DATABASE_URL)" >&2

set +e
"$@"
status=$?
set -e
exit "$status"
