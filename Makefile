# DSAR Desk — everyday commands. `make test` needs nothing but a Swift toolchain and apt.
SWIFT ?= swift
DSAR := .build/debug/dsar

.PHONY: build demo test bench bench-data clean deps reliability fuzz lint

deps:
	scripts/ensure-deps.sh

build:
	$(SWIFT) build

# Sample data in the local database (or in DSAR_DATABASE_URL when set), then the queue.
# Harmless to run twice: `db start` and `demo` leave an existing desk as it is.
demo: deps build
	@if [ -z "$${DSAR_DATABASE_URL:-}" ]; then $(DSAR) db start; else $(DSAR) db migrate; fi
	$(DSAR) demo
	$(DSAR) queue

# Every test against a throwaway PostgreSQL cluster (scripts/test-cluster.sh) and a private
# Dovecot + Postfix on loopback (scripts/mail/servers.sh); both are stopped whatever the
# outcome. The explicit build first puts the `dsar` binary next to the tests for the
# end-to-end CLI tests. Then the portal in a real browser (scripts/portal/e2e.py: headless
# chromium through Selenium, the code read from the requester's Maildir), which also takes the
# README's screenshots (docs/portal/).
test: deps lint build
	scripts/mail/servers.sh scripts/test-cluster.sh sh -c '$(SWIFT) test && python3 scripts/portal/e2e.py'

# `swift format lint` with .swift-format (scripts/lint.sh): no force unwraps, force tries or
# implicitly unwrapped optionals in Sources/ or Tests/. Part of `make test`.
lint:
	SWIFT=$(SWIFT) scripts/lint.sh

# Every benchmark of issue 8 against a throwaway DURABLE PostgreSQL (scripts/bench/cluster.sh):
# release build, the 50,000-message mbox, then scripts/bench/run.py (table on stdout, JSON in
# .bench/). Smaller runs: BENCH_RUNS=2 BENCH_REQUESTS=20000 BENCH_MESSAGES=5000 make bench
bench: deps bench-data
	$(SWIFT) build -c release
	scripts/mail/servers.sh scripts/bench/cluster.sh python3 scripts/bench/run.py

# The long reliability runs of issue 9, on the release build, each against its own throwaway
# cluster (scripts/test-cluster.sh; only `dsar` is ever killed, never the server): an intake of
# 20,000 messages SIGKILLed 5 times, `demo --requests 200000` SIGKILLed 5 times, 8 desk members
# for 2 minutes while 5,000 messages are imported; and the fuzz run (`fuzz`, its own target).
# Each prints one summary line with its numbers; any loss or inconsistency fails the target.
reliability: deps build fuzz
	$(SWIFT) build -c release
	DSAR_BINARY=.build/release/dsar scripts/reliability/kill-intake.sh 20000 5
	DSAR_BINARY=.build/release/dsar scripts/reliability/kill-demo.sh 200000 5
	DSAR_BINARY=.build/release/dsar LOAD_WORKERS=8 LOAD_SECONDS=120 scripts/reliability/load.sh

# libFuzzer over the MIME parser and the mbox reader (scripts/fuzz.sh): FUZZ_SECONDS, default 600.
# Findings land in .build/fuzz/artifacts/; each becomes a fixture in Tests/MailIntakeTests/Fixtures/fuzz/.
FUZZ_SECONDS ?= 600
fuzz:
	scripts/fuzz.sh $(FUZZ_SECONDS)

# A synthetic mbox of 50,000 messages for the intake benchmark (git-ignored directory).
bench-data: bench-data/bench.mbox

bench-data/bench.mbox: scripts/make-bench-mbox.py
	mkdir -p bench-data
	python3 scripts/make-bench-mbox.py 50000 $@

clean:
	$(SWIFT) package clean
	rm -rf .build .tmp .bench
