# QLCB-CNTT — two commands: `make run` and `make test`.
SWIFT ?= swift
BIN = .build/debug/qlcb
HOST ?= 127.0.0.1
PORT ?= 8080

.PHONY: run build test test-sqlite test-postgres test-e2e bench bench-scale clean

## make run: install what is missing, build, migrate, load the demo province, serve on http://127.0.0.1:8080
run: build
	$(BIN) demo
	@echo "==> Mở http://$(HOST):$(PORT) và đăng nhập bằng một tài khoản ở trên."
	$(BIN) serve --hostname $(HOST) --port $(PORT)

build:
	@scripts/ensure-deps.sh run
	$(SWIFT) build --product qlcb

## make test: every test — Domain and App on SQLite, App on PostgreSQL, the browser journey
test:
	@scripts/ensure-deps.sh test
	$(SWIFT) build --build-tests
	$(MAKE) test-sqlite
	$(MAKE) test-postgres
	$(MAKE) test-e2e

test-sqlite:
	$(SWIFT) test --skip-build

## App tests on PostgreSQL, then the suites whose statements read lists and aggregates again with
## sorted and index-ordered plans turned off, so code trusting an order it never asked for fails.
SCRAMBLED = AppTests\.(APITests|EvaluationListTests|DeepPageTests|AgencyTests|StaffingCacheTests|DocumentTests|EvaluationAPITests|YearEndRunTests|OfficerTests|PeopleWhoLeaveTests|EfficiencyByMonthsTests|WorkLogAPITests|ProvinceSummaryTests|SignOffIntervalTests|TicketScopeTests|TicketTextTests|ChartTests|PreScreeningTests|PreScreeningAccessTests|DutyAssignmentTests|HandoverTests|MailTests|MailEventTests|VisibleAgenciesTests|SubmissionOverviewTests)
test-postgres:
	scripts/with-postgres.sh sh -c '$(SWIFT) test --skip-build --filter AppTests && \
	  QLCB_TEST_PG_PLANS=scrambled $(SWIFT) test --skip-build --filter "$(SCRAMBLED)"'

test-e2e:
	$(SWIFT) build --product qlcb
	.venv/bin/python -m pytest -q e2e

## make bench: release build, large demo, wrk measurements (the registry on SQLite and on a throw-away
## PostgreSQL, where each list's time goes with perf), the registry lists' query plans on both
## → bench/RESULTS.md (not run in CI)
bench:
	@scripts/ensure-deps.sh bench
	bench/run.sh
	bench/where.sh
	DB=postgres bench/run.sh
	bench/worklog.sh
	bench/documents.sh
	bench/yearend.sh
	bench/text-pg.sh
	bench/explain.sh
	DB=postgres bench/explain.sh

## make bench-scale: PostgreSQL at 10x (200,000 officers, ~19 M tickets, ~20 GB of disk, about 30 minutes)
bench-scale:
	@scripts/ensure-deps.sh bench
	bench/scale-pg.sh

clean:
	rm -rf .build data
