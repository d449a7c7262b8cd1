#!/usr/bin/env bash
# Installs what DSAR Desk needs to build and test, only when it is missing:
# the PostgreSQL server (initdb, pg_ctl) and libpq's headers, libcurl's headers, Dovecot and
# Postfix for the mail tests. Needs a Swift toolchain on PATH.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=pg-bindir.sh
. "$here/pg-bindir.sh"

missing=()
pg_bindir >/dev/null || missing+=(postgresql)
if ! { pkg-config --exists libpq 2>/dev/null || [ -f /usr/include/postgresql/libpq-fe.h ]; }; then
    missing+=(libpq-dev)
fi
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
# libcurl is the mail client library (MailTransport); Dovecot and Postfix are the real mail
# servers the tests start on loopback (scripts/mail/servers.sh); openssl makes their test CA.
pkg-config --exists libcurl 2>/dev/null || [ -f /usr/include/x86_64-linux-gnu/curl/curl.h ] || [ -f /usr/include/curl/curl.h ] \
    || missing+=(libcurl4-openssl-dev)
command -v dovecot >/dev/null 2>&1 || missing+=(dovecot-imapd)
[ -x /usr/sbin/postfix ] || missing+=(postfix)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
# The portal's browser test (Tests/portal/e2e.py) drives Debian's chromium headless through
# chromium-driver and Selenium; zbarimg is the reference decoder of the QR encoder's tests;
# wrk measures the portal in `make bench`.
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
command -v zbarimg >/dev/null 2>&1 || missing+=(zbar-tools)
command -v wrk >/dev/null 2>&1 || missing+=(wrk)
command -v pip3 >/dev/null 2>&1 || command -v pip >/dev/null 2>&1 || missing+=(python3-pip)

if [ "${#missing[@]}" -gt 0 ]; then
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "ensure-deps: ${missing[*]} missing and apt-get is not available; install them with your package manager." >&2
        exit 1
    fi
    sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null 2>&1; then
            sudo=(sudo)
        else
            echo "ensure-deps: ${missing[*]} missing; run this script as root or install sudo." >&2
            exit 1
        fi
    fi
    echo "ensure-deps: installing ${missing[*]}"
    # Dovecot's and Postfix's packages would start system-wide servers on every address: a
    # policy-rc.d that refuses service starts keeps them stopped (the tests run their own).
    policy=/usr/sbin/policy-rc.d
    placed_policy=""
    if [ ! -e "$policy" ]; then
        ${sudo[@]+"${sudo[@]}"} sh -c "printf '#!/bin/sh\nexit 101\n' > $policy && chmod 755 $policy" && placed_policy=yes
    fi
    ${sudo[@]+"${sudo[@]}"} env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    status=0
    ${sudo[@]+"${sudo[@]}"} env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" || status=$?
    if [ -n "$placed_policy" ]; then ${sudo[@]+"${sudo[@]}"} rm -f "$policy"; fi
    [ "$status" -eq 0 ] || exit "$status"
fi

# Selenium, from PyPI, for the browser test (only when missing).
if ! python3 -c 'import selenium' >/dev/null 2>&1; then
    echo "ensure-deps: installing selenium (pip)"
    python3 -m pip install --quiet selenium || python3 -m pip install --quiet --break-system-packages selenium
fi

if ! bindir="$(pg_bindir)"; then
    echo "ensure-deps: the PostgreSQL server programs (initdb, pg_ctl) were not found after installing postgresql." >&2
    exit 1
fi

if ! command -v swift >/dev/null 2>&1; then
    echo "ensure-deps: swift is not on PATH; install a Swift 6 toolchain from https://swift.org/install and add its usr/bin to PATH." >&2
    exit 1
fi

echo "ensure-deps: ok (PostgreSQL server programs in $bindir, libpq $(pkg-config --modversion libpq 2>/dev/null || echo present), $(swift --version 2>/dev/null | head -n1))"
