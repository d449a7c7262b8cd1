#!/usr/bin/env python3
"""The intake benchmark's baseline: parse every message of an mbox with the Python 3 standard
library and take its plain-text body, storing nothing.

    python3 scripts/bench/python-mailbox-baseline.py bench-data/bench.mbox [--limit N]
    {"messages": 50000, "failed": 0, "seconds": 41.2}

mailbox.mbox splits the file; email.message_from_bytes(policy=email.policy.default) parses each
message (headers decoded, MIME tree built); get_body(("plain",)).get_content() decodes the body's
transfer encoding and charset. A message whose body cannot be decoded counts as failed (the
intake would quarantine it), not as an error of the run. --limit N stops after the first N
messages (the harness compares rates, and this parser is the slow side of the comparison).
"""
import email
import email.policy
import json
import mailbox
import sys
import time


def plain_text(message):
    part = message.get_body(preferencelist=("plain", "html"))
    return part.get_content() if part is not None else ""


def main():
    arguments = sys.argv[1:]
    limit = None
    if len(arguments) == 3 and arguments[1] == "--limit" and arguments[2].isdigit() and int(arguments[2]) > 0:
        limit = int(arguments[2])
    elif len(arguments) != 1:
        print("usage: python-mailbox-baseline.py MBOX [--limit N]", file=sys.stderr)
        return 2
    start = time.perf_counter()
    box = mailbox.mbox(arguments[0], create=False)
    messages = failed = 0
    characters = 0
    for key in box.iterkeys():
        if limit is not None and messages >= limit:
            break
        message = email.message_from_bytes(box.get_bytes(key), policy=email.policy.default)
        messages += 1
        try:
            characters += len(message.get("subject", "")) + len(plain_text(message))
        except (LookupError, ValueError, KeyError):
            failed += 1
    seconds = time.perf_counter() - start
    print(json.dumps({"messages": messages, "failed": failed, "seconds": round(seconds, 3)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
