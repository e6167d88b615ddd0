# The two commands: `make run` serves the demo sites; `make test` runs the whole suite
# (`make test-fast`: the part without a browser, servers or the slow sweeps).
SHELL := /bin/bash
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip
MANAGE := $(BIN)/python manage.py
PORT ?= 8000

.PHONY: run test test-fast stack bench survive serve setup demo install install-dev node-deps messages lint format constraints clean

# --- environment -------------------------------------------------------------------------
$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when a requirements file changes.
$(VENV)/.installed-base: requirements/base.txt requirements/constraints.txt | $(BIN)/python
	$(PIP) install --quiet --disable-pip-version-check -r requirements/base.txt -c requirements/constraints.txt
	touch $@

$(VENV)/.installed-dev: requirements/dev.txt requirements/base.txt requirements/constraints.txt | $(BIN)/python
	$(PIP) install --quiet --disable-pip-version-check -r requirements/dev.txt -c requirements/constraints.txt
	touch $@ $(VENV)/.installed-base

install: $(VENV)/.installed-base
install-dev: $(VENV)/.installed-dev

# axe-core and the Nu HTML Checker (vnu-jar, run with Java) for the accessibility and HTML
# tests, at the exact versions in package.json, into ./node_modules (ignored by git).
node_modules/.installed: package.json
	npm install --no-audit --no-fund --no-package-lock
	touch $@

node-deps: node_modules/.installed

# The interface translations: locale/<language>/LC_MESSAGES/django.po compiled to django.mo
# (built, not committed; in Python, so no gettext needed). Adding a language: see docs/operators.md.
messages: install
	$(MANAGE) compile_translations --verbosity 0

# --- make run ----------------------------------------------------------------------------
setup: install messages
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo --port $(PORT)
	$(MANAGE) setup_teams
	$(MANAGE) demo_users
	$(MANAGE) ensure_admin

run: setup
	@echo ""
	@echo "  CIPC press room          http://localhost:$(PORT)/"
	@echo "  ICE Out of California    http://iceout.localhost:$(PORT)/"
	@echo "  Sample site (fictional)  http://example.localhost:$(PORT)/"
	@echo "  Wagtail admin (all)      http://localhost:$(PORT)/admin/"
	@echo "  Branded error pages      http://localhost:$(PORT)/_errors/404/ and /_errors/500/ (DEBUG shows Django's own)"
	@echo ""
	@# The scheduler publishes stories whose "go live at" time has come; it stops with the server.
	@# PORT: the admin's links in emails (WAGTAILADMIN_BASE_URL, config/settings/dev.py) follow it.
	export PORT=$(PORT); $(MANAGE) run_scheduler & scheduler=$$!; trap 'kill $$scheduler 2>/dev/null' EXIT; \
	$(MANAGE) runserver 127.0.0.1:$(PORT)

# --- make stack ---------------------------------------------------------------------------
# The production shape on one machine, in the foreground (Ctrl-C stops it all): PostgreSQL
# (pressroom_stack, or STACK_DATABASE_URL), Redis db 3 (or STACK_REDIS_URL), S3 (moto) on
# :9000, two gunicorns with the production settings on :8001 and :8002, the scheduler, and
# Varnish (deploy/varnish/default.vcl) on :8080. Its environment is written to var/stack.env.
stack: install-dev messages
	$(BIN)/python -m harness.stack

# --- make bench, make survive --------------------------------------------------------------
# The harness (harness/, outside the apps and the Docker image) runs them. Each starts its own
# stack on free loopback ports (a running `make stack` is not needed and not touched) and stops
# it at the end. The first run generates its databases (pressroom_bench_2k, pressroom_bench_10k:
# about 15 minutes on two cores); later runs reuse them. bench: one table (cache-busting traffic
# at 2k and 10k beside stock Wagtail, cached vs nginx, publish storm, purge to fresh, first
# request after a publish, a profile, memory per worker), about 10 minutes
# (BENCH_ARGS=--quick: about 3). survive: failures under load, about 2 minutes.
bench: install-dev messages
	$(BIN)/python -m harness.bench $(BENCH_ARGS)

survive: install-dev messages
	$(BIN)/python -m harness.survive

# --- make test ---------------------------------------------------------------------------
# The suite on PostgreSQL and Redis (DATABASE_URL and REDIS_URL, default the local servers,
# Redis database 9, which the tests empty). pytest's exit code 5 means "no tests ran": that
# is a failure here, never a pass.
# Two pytest-xdist workers (PYTEST_WORKERS=auto: one per core; 0: one process). Each worker
# has its own test database (test_<name>_gw0, _gw1) and Redis database (REDIS_URL's number
# plus the worker's: 9 and 10 by default); --dist worksteal hands each worker whole runs of
# neighbouring tests, so a class's setUpTestData mostly runs once, and an idle one takes over.
# Measured once, on the 2-core machine with other test runs on it (load average 7.5-9.7):
# make test 35 min 42 s wall, 13 min 5 s CPU; make test-fast 12 min 38 s wall, 8 min 28 s CPU
# (load 1.3-5.5). CPU time over two cores is the floor when the machine is idle: about 6½
# and 4¼ minutes. Before the workers, make test took about 14.6 minutes (docs/developers.md).
PYTEST_WORKERS ?= 2
define run_pytest
	@DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/pytest -n $(PYTEST_WORKERS) --dist worksteal $(1) $(PYTEST_ARGS); \
	status=$$?; \
	if [ $$status -eq 5 ]; then echo "make $@: pytest collected no tests" >&2; exit 1; fi; \
	exit $$status
endef

test: install-dev node-deps messages
	$(call run_pytest,)

# The fast lane while working: no browser, no servers or other processes, none of the slow
# sweeps and whole-demo set-ups (markers applied by
# tests/conftest.py), still on PostgreSQL and Redis. `make test` runs everything.
test-fast: install-dev messages
	$(call run_pytest,-m "not browser and not servers and not slow")

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

constraints: install-dev
	{ head -n 2 requirements/constraints.txt; $(PIP) freeze --exclude-editable; } > requirements/constraints.new
	mv requirements/constraints.new requirements/constraints.txt

clean:
	rm -rf $(VENV) var
