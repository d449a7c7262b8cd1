#!/usr/bin/env bash
# Runs a command against a throwaway, DURABLE PostgreSQL cluster tuned for the benchmarks:
#   scripts/bench/cluster.sh python3 scripts/bench/run.py
# The cluster is the one of scripts/test-cluster.sh (fresh directory, Unix socket only, removed
# at the end) but with fsync, synchronous_commit and full_page_writes left on, and the settings
# every benchmark is measured with (issue 8). The command sees DSAR_BENCH_DATABASE_URL
# (superuser `dsar`, maintenance database `postgres`).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

if [ "$#" -eq 0 ]; then
    echo "usage: scripts/bench/cluster.sh COMMAND [ARGUMENTS...]" >&2
    exit 2
fi

# initdb needs the real null device; on this shared machine it has been replaced by a plain file
# more than once (by something writing to /dev/null with a rename or delete-and-create).
if [ ! -c /dev/null ]; then
    echo "bench cluster: /dev/null is not the null device; as root restore it: rm /dev/null && mknod -m 666 /dev/null c 1 3" >&2
    exit 1
fi

export DSAR_CLUSTER_SETTINGS="-c fsync=on -c synchronous_commit=on -c full_page_writes=on \
-c shared_buffers=2GB -c work_mem=64MB -c maintenance_work_mem=1GB -c max_wal_size=16GB \
-c checkpoint_timeout=30min -c wal_level=minimal -c max_wal_senders=0 \
-c max_parallel_maintenance_workers=2 -c max_connections=200"

# shellcheck disable=SC2016
exec "$here/../test-cluster.sh" bash -c 'export DSAR_BENCH_DATABASE_URL="$DSAR_TEST_DATABASE_URL"; exec "$@"' bench-cluster "$@"
