#!/bin/sh
# `swift format lint` (it ships with the toolchain) over Sources/ and Tests/ with the project's
# .swift-format, which turns on exactly the rules the project enforces (STYLE.md): no force
# unwraps, no force tries, no implicitly unwrapped optionals. Any finding of those rules fails,
# as does a file swift-format cannot parse. swift-format's pretty printer also reports layout
# (indentation, line breaks) whatever the configuration says; the code is laid out by hand, so
# those findings are neither enforced nor printed.
set -u
cd "$(dirname "$0")/.."
SWIFT=${SWIFT:-swift}
out=$("$SWIFT" format lint --configuration .swift-format --recursive --parallel Sources Tests 2>&1)
status=$?
rules='\[(NeverForceUnwrap|NeverUseForceTry|NeverUseImplicitlyUnwrappedOptionals)\]'
findings=$(printf '%s\n' "$out" | grep -E "$rules")
broken=$(printf '%s\n' "$out" | grep -E '(^|: )error:')
if [ -n "$findings" ] || [ -n "$broken" ]; then
    printf '%s\n' "$findings" "$broken" | grep -v '^$' >&2
    echo "lint: the code above breaks the .swift-format rules (force unwrap, force try or implicitly unwrapped optional); use guard/if let, #require in tests, or do/catch." >&2
    exit 1
fi
if [ "$status" -ne 0 ]; then
    echo "lint: swift format lint failed (exit $status) without a finding; run it by hand to see why." >&2
    exit 1
fi
echo "lint: no force unwraps, force tries or implicitly unwrapped optionals in Sources/ and Tests/"
