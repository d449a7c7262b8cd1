#!/usr/bin/env bash
# The superuser rewrite of issue 15, end to end, against a throwaway cluster:
#   scripts/test-cluster.sh scripts/audit/superuser-rewrite.sh
# A desk of three events, its digest kept; then a superuser rewrites request 1's events and
# recomputes every hash and every seal in SQL (superuser-rewrite.sql, triggers disabled).
# `dsar audit verify` alone says intact; `dsar audit verify --digest OLD` exits 4.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
D="${DSAR_BINARY:-$here/../../.build/debug/dsar}"
U="${DSAR_TEST_DATABASE_URL:?run through scripts/test-cluster.sh}"
psql -X -q "$U" -c "CREATE DATABASE audit_rewrite"
export DSAR_DATABASE_URL="${U/\/postgres/\/audit_rewrite}" DSAR_NOW=2026-11-21T10:00:00+05:00
"$D" db migrate >/dev/null
ref="$("$D" new --kind access --name "Aziz Rahimov" --email aziz@example.uz)"
"$D" start "$ref" >/dev/null
"$D" new --kind erasure --name "Olga Petrova" --email olga@example.uz >/dev/null
old="$("$D" audit digest | awk '{print $3}')"
echo "digest kept: $old"
psql -X -q -v ON_ERROR_STOP=1 "$DSAR_DATABASE_URL" -f "$here/superuser-rewrite.sql"
"$D" audit verify
if "$D" audit verify --digest "$old"; then
    echo "superuser-rewrite: NOT caught" >&2
    exit 1
fi
echo "superuser-rewrite: caught by --digest (exit 4)"
