#!/usr/bin/env python3
"""The Python 3 standard-library baseline for `dsar intake import` (issue 8).

Reads MBOX with `mailbox.mbox`, parses every message with `email` under
`policy=email.policy.default`, gets its text body (plain preferred, else HTML), and stores
nothing. Prints {"messages": N, "seconds": S} as JSON on standard output.

Usage: scripts/bench/python-mailbox-baseline.py MBOX
"""
import email
import email.policy
import json
import mailbox
import sys
import time


def text_body(message):
    """The text of a message as a mail client would show it: text/plain first, else text/html."""
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    try:
        return part.get_content()
    except (LookupError, UnicodeError, AssertionError, ValueError, KeyError):
        # An unknown charset or broken encoding: what a tolerant reader would still show.
        payload = part.get_payload(decode=True) or b""
        return payload.decode("utf-8", errors="replace")


def main(argv):
    if len(argv) != 2:
        print("usage: python-mailbox-baseline.py MBOX", file=sys.stderr)
        return 2
    start = time.perf_counter()
    box = mailbox.mbox(argv[1], factory=None, create=False)
    count = 0
    characters = 0
    try:
        for key in box.iterkeys():
            raw = box.get_bytes(key)
            message = email.message_from_bytes(raw, policy=email.policy.default)
            _ = message["subject"], message["from"], message["date"], message["message-id"]
            characters += len(text_body(message))
            count += 1
    finally:
        box.close()
    seconds = time.perf_counter() - start
    print(json.dumps({"messages": count, "seconds": round(seconds, 3)}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
