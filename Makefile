# Sáng kiến — developer entry points. See README.md.
#
#   make run    install (runtime deps), migrate, load the demo province, start web + worker + beat
#   make test   install (dev deps) and run the whole pytest suite
#   make lint   ruff check + ruff format --check
#   make check  lint, migrations up to date, the layer rule (imports and templates); run by CI
#   make fmt    ruff format + ruff check --fix
#   make backup                 database + uploaded files -> $BACKUP_DIR/sangkien-<date>-<time>.tar
#   make restore FILE=<archive> put a backup back (asks first; CONFIRM=1 does not), then migrate

SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
PYTEST_ARGS ?=
PIP_INSTALL = $(BIN)/pip install --quiet --disable-pip-version-check
CONSTRAINTS := requirements/constraints.txt

# Playwright never downloads browsers here: the e2e tests drive Debian's Chromium.
CHROMIUM ?= /usr/bin/chromium
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1

# The install stamps are keyed on the content of the requirement files (and the Python
# version), so a re-run with unchanged requirements costs nothing, and any edit reinstalls.
hash = $(shell cat $(1) | { sha256sum 2>/dev/null || shasum -a 256; } | cut -c1-16)
PY_VERSION := $(shell $(PYTHON) -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)
BASE_STAMP := $(VENV)/.installed-base-$(PY_VERSION)-$(call hash,requirements/base.txt $(CONSTRAINTS))
DEV_STAMP := $(VENV)/.installed-dev-$(PY_VERSION)-$(call hash,requirements/base.txt requirements/dev.txt $(CONSTRAINTS))

.PHONY: help run test lint check fmt bench bench-documents backup restore venv venv-dev clean-venv

help:
	@echo "make run   - start the system on http://127.0.0.1:$(PORT) (demo accounts, DEBUG=1)"
	@echo "make test  - run the test suite"
	@echo "make lint  - ruff check + ruff format --check"
	@echo "make check - lint, makemigrations --check, layer rule (import-linter + templates)"
	@echo "make fmt   - format and autofix with ruff"
	@echo "make bench [BENCH_DOSSIERS=100000] - build a province that size, time every page"
	@echo "make bench-documents - time issuing the certificates of a 50-dossier round decision"
	@echo "make backup - save the database and uploaded files (var/backups, or \$$BACKUP_DIR)"
	@echo "make restore FILE=<archive> [CONFIRM=1] - restore a backup made by make backup"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# dev.txt includes base.txt: a dev install also satisfies the runtime stamp, so `make run`
# after `make test` installs nothing (and `make run` never removes the dev tools).
$(BASE_STAMP): | $(BIN)/python
	$(PIP_INSTALL) -r requirements/base.txt -c $(CONSTRAINTS)
	@rm -f $(VENV)/.installed-base-*
	@touch $@

$(DEV_STAMP): | $(BIN)/python
	$(PIP_INSTALL) -r requirements/dev.txt -c $(CONSTRAINTS)
	@rm -f $(VENV)/.installed-dev-* $(VENV)/.installed-base-*
	@touch $@ $(BASE_STAMP)

venv: $(BASE_STAMP)
venv-dev: $(DEV_STAMP)

clean-venv:
	rm -rf $(VENV)

# DEBUG defaults to on for `make run` only, so the demo accounts can log in.
run: export DEBUG ?= 1
run: $(BASE_STAMP)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(BIN)/python manage.py load_demo
	PATH="$(abspath $(BIN)):$$PATH" $(BIN)/honcho start --procfile Procfile --port $(PORT)

test: $(DEV_STAMP)
	@if [ -x "$(CHROMIUM)" ]; then echo "Chromium for browser tests: $(CHROMIUM)"; \
	else echo "Note: $(CHROMIUM) not found (apt-get install chromium); browser tests need it."; fi
	CHROMIUM="$(CHROMIUM)" $(BIN)/pytest $(PYTEST_ARGS); rc=$$?; \
	if [ $$rc -ne 0 ]; then echo "pytest exited with status $$rc"; fi; exit $$rc

lint: $(DEV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# What CI checks besides the tests (.ci/run runs it before `make test`).
check: lint
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/lint-imports --no-cache
	$(BIN)/python scripts/check_template_layers.py

fmt: $(DEV_STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Speed targets are checked here, never by timed tests (README "Benchmark"): builds
# BENCH_DOSSIERS dossiers in a throwaway database (`<name>_bench` on the server DATABASE_URL
# names, SQLite under var/bench/ without it), serves them with gunicorn (DEBUG off) and prints
# each page's p50/p95/max and query count next to the /healthz floor; fails over a query budget.
BENCH_DOSSIERS ?= 100000
BENCH_ARGS ?=
bench: $(DEV_STAMP)
	BENCH_DOSSIERS=$(BENCH_DOSSIERS) $(BIN)/python -m scripts.bench $(BENCH_ARGS)
# Other measures of the suite join here, one target each, and their pages one row each in
# scripts/bench/pages.py.
bench-documents: $(DEV_STAMP)
	$(BIN)/python scripts/bench_documents.py

# Backups (README "Backup and restore"): one archive holds the database and the uploaded files.
# Restore asks for confirmation unless CONFIRM=1, then brings the schema up to this code.
backup: $(BASE_STAMP)
	$(BIN)/python manage.py backup

restore: $(BASE_STAMP)
	@if [ -z "$(FILE)" ]; then echo "usage: make restore FILE=var/backups/sangkien-<date>-<time>.tar [CONFIRM=1]" >&2; exit 2; fi
	$(BIN)/python manage.py restore "$(FILE)" $(if $(filter 1 yes true,$(CONFIRM)),--noinput)
	$(BIN)/python manage.py migrate --noinput
