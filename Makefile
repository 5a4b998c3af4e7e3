# Commoning: every set-up step on a fresh machine, behind two commands.
#   make demo   create .venv, install, seed a demo network and serve it (SQLite, ./var)
#   make test   install the test extra and run the whole suite (DATABASE_URL for PostgreSQL)
# Re-running reuses .venv; it reinstalls only when pyproject.toml changes (stamp files).

PYTHON ?= python3
VENV ?= .venv
HOST ?= 127.0.0.1
PORT ?= 8000
ARGS ?=

BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --disable-pip-version-check
RUNTIME_STAMP := $(VENV)/.installed-runtime
TEST_STAMP := $(VENV)/.installed-test

.DEFAULT_GOAL := help
.PHONY: help install demo test lint check bench clean

help:
	@echo "make demo    seed a demo network and serve it at http://$(HOST):$(PORT)/ (PORT=8123 to change)"
	@echo "make test    run the whole suite (ARGS='-k foo' passes options to pytest;"
	@echo "             DATABASE_URL=postgres://... runs it on PostgreSQL)"
	@echo "make lint    ruff"
	@echo "make check   Django system checks of this node's configuration"
	@echo "make bench   run every benchmark in bench/ (BENCH=bench/sync.py BENCH_ARGS=... for one)"
	@echo "make clean   remove .venv and caches (keeps ./var, the demo node's data)"

# A half-made venv (e.g. Debian without python3-venv) is removed, so the next run starts clean.
$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); \
	  echo "python3 -m venv failed; on Debian: apt install python3-venv"; exit 1; }

$(RUNTIME_STAMP): pyproject.toml | $(BIN)/python
	$(PIP) install --quiet -e .
	touch $@

# The test extra includes the runtime, so it satisfies the runtime stamp as well.
$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(PIP) install --quiet -e '.[test]'
	touch $@ $(RUNTIME_STAMP)

install: $(RUNTIME_STAMP)

demo: $(RUNTIME_STAMP)
	$(BIN)/commoning demo --host $(HOST) --port $(PORT)

# Each run gets a throwaway COMMONING_HOME, so tests never write secrets into ./var or into a
# real node's home. The test database itself is in memory (SQLite) or test_* (PostgreSQL).
test: $(TEST_STAMP)
	@home="$$(mktemp -d)"; trap 'rm -rf "$$home"' EXIT; \
	if [ -n "$${DATABASE_URL:-}" ]; then database=PostgreSQL; else database=SQLite; fi; \
	echo "pytest on $$database, COMMONING_HOME=$$home"; \
	COMMONING_HOME="$$home" $(BIN)/python -m pytest $(ARGS)

lint: $(TEST_STAMP)
	$(BIN)/ruff check .

check: $(RUNTIME_STAMP)
	DJANGO_SETTINGS_MODULE=commoning.settings $(BIN)/django-admin check

# Every benchmark at its own default scale (some take long); narrow it down with, e.g.,
#   make bench BENCH=bench/sync.py BENCH_ARGS="--sizes 10000"
# big_log.py builds the logs web.py measures; it is not a benchmark of its own.
BENCH ?= $(filter-out bench/big_log.py,$(wildcard bench/*.py))
BENCH_ARGS ?=
bench: $(TEST_STAMP)
	@home="$$(mktemp -d)"; trap 'rm -rf "$$home"' EXIT; status=0; \
	for script in $(BENCH); do \
	  [ -e "$$script" ] || { echo "no benchmarks match $(BENCH)"; break; }; \
	  echo "== $$script"; \
	  COMMONING_HOME="$$home/$$(basename "$$script" .py)" \
	    $(BIN)/python "$$script" $(BENCH_ARGS) || status=1; \
	done; exit $$status

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis .ruff_cache build dist *.egg-info
	find . -path ./var -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +
