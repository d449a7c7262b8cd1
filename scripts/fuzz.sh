#!/usr/bin/env bash
# Builds the libFuzzer target for the mail intake (MIME parser + mbox reader) and runs it.
#
#   scripts/fuzz.sh [SECONDS]        default 600 (or $FUZZ_SECONDS)
#
# The target is compiled with swiftc, not `swift build`: libFuzzer brings its own `main`, which
# clashes with an executable target's (SPEC §9). DeskCore is compiled first as a plain module;
# MailIntake and fuzz/IntakeFuzz.swift are compiled together with -sanitize=fuzzer,address.
# Seeds come from Tests/MailIntakeTests/Fixtures (mboxes split into messages, Maildir files,
# .eml, and the whole mboxes) plus the regression inputs in Fixtures/fuzz; the working corpus
# lives in .build/fuzz/corpus (git-ignored) and grows across runs. Crashes, leaks and hangs are
# written to .build/fuzz/artifacts/ — make each one a fixture under
# Tests/MailIntakeTests/Fixtures/fuzz/ with a regression test.
# Inputs stay under 64 KiB (-max_len), where a quadratic cost is still fast: the one found so far
# (UnicodeScalarView.append(contentsOf:), 36 s for a 1 MB body) came from scaling corpus inputs
# to megabytes by hand, and MutationTests.longTextsAreRepairedAndDecodedInLinearTime keeps it fixed.
set -euo pipefail

cd "$(dirname "$0")/.."
SECONDS_TO_RUN="${1:-${FUZZ_SECONDS:-600}}"
SWIFTC="${SWIFTC:-swiftc}"
OUT=.build/fuzz
FIXTURES=Tests/MailIntakeTests/Fixtures
mkdir -p "$OUT/module" "$OUT/corpus" "$OUT/artifacts" "$OUT/seeds"

newer() { # true when $1 is missing or older than any of the remaining files
    local target=$1; shift
    [ -e "$target" ] || return 0
    for f in "$@"; do [ "$f" -nt "$target" ] && return 0; done
    return 1
}

if newer "$OUT/module/libDeskCore.a" Sources/DeskCore/*.swift; then
    echo "fuzz: compiling DeskCore" >&2
    "$SWIFTC" -O -parse-as-library -module-name DeskCore -sanitize=address \
        -emit-module -emit-module-path "$OUT/module/DeskCore.swiftmodule" \
        -emit-library -static -o "$OUT/module/libDeskCore.a" Sources/DeskCore/*.swift
fi
if newer "$OUT/intake-fuzz" Sources/MailIntake/*.swift fuzz/IntakeFuzz.swift "$OUT/module/libDeskCore.a"; then
    echo "fuzz: compiling MailIntake + fuzz/IntakeFuzz.swift with -sanitize=fuzzer,address" >&2
    # MailIntake as its own module (so `import MailIntake` and its `public`/`internal` split hold),
    # then the entry file linked against it.
    "$SWIFTC" -O -parse-as-library -module-name MailIntake -sanitize=fuzzer,address \
        -I "$OUT/module" -emit-module -emit-module-path "$OUT/module/MailIntake.swiftmodule" \
        -emit-library -static -o "$OUT/module/libMailIntake.a" Sources/MailIntake/*.swift
    "$SWIFTC" -O -parse-as-library -module-name IntakeFuzz -sanitize=fuzzer,address \
        -I "$OUT/module" fuzz/IntakeFuzz.swift \
        "$OUT/module/libMailIntake.a" "$OUT/module/libDeskCore.a" -o "$OUT/intake-fuzz"
fi

# Seeds: every message on its own, plus the mailboxes whole.
rm -rf "$OUT/seeds" && mkdir -p "$OUT/seeds"
cp "$FIXTURES"/*.eml "$FIXTURES"/*.mbox "$FIXTURES"/escaped_from.txt "$OUT/seeds/"
for dir in cur new; do
    [ -d "$FIXTURES/Maildir/$dir" ] || continue
    for f in "$FIXTURES/Maildir/$dir"/*; do [ -f "$f" ] && cp "$f" "$OUT/seeds/maildir-$dir-$(basename "$f" | tr ':,' '__')"; done
done
for mbox in "$FIXTURES"/*.mbox; do
    awk -v prefix="$OUT/seeds/$(basename "$mbox" .mbox)-" '
        /^From / && (NR == 1 || blank) { n++ }
        { file = prefix n ".msg"; print > file; blank = ($0 == "" || $0 == "\r") }
    ' "$mbox"
done
if [ -d "$FIXTURES/fuzz" ]; then cp "$FIXTURES"/fuzz/* "$OUT/seeds/" 2>/dev/null || true; fi
echo "fuzz: $(ls "$OUT/seeds" | wc -l) seeds, corpus $(ls "$OUT/corpus" | wc -l) inputs; running ${SECONDS_TO_RUN}s" >&2

LOG="$OUT/fuzz-$(date -u +%Y%m%dT%H%M%SZ).log"
status=0
# ASan leak detection stays on: a leak report is a finding like a crash.
"$OUT/intake-fuzz" "$OUT/corpus" "$OUT/seeds" \
    -dict=fuzz/intake.dict -max_total_time="$SECONDS_TO_RUN" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
    -artifact_prefix="$OUT/artifacts/" -print_final_stats=1 2>&1 | tee "$LOG" || status=$?

runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$LOG" | grep -o '[0-9]*$' | tail -1 || true)
took=$(grep -o 'Done [0-9]* runs in [0-9]* second' "$LOG" | tail -1 || true)
echo "fuzz: ${runs:-?} executions${took:+ ($took(s))}, corpus $(ls "$OUT/corpus" | wc -l) inputs, log $LOG" >&2
if ls "$OUT/artifacts"/* >/dev/null 2>&1; then
    echo "fuzz: findings in $OUT/artifacts:" >&2
    ls -l "$OUT/artifacts" >&2
fi
exit "$status"
