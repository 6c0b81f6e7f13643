# Kanmin — one entry point. `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PEERS := .venv-peers
PEERS_STAMP := $(PEERS)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.DEFAULT_GOAL := help

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

NATIVE := tabular/engine/native
NATIVE_LIB := $(NATIVE)/libkanmin_cp932.so

install: $(STAMP) $(NATIVE_LIB) $(PEERS_STAMP) ## Create .venv (and .venv-peers for peer tools) and install everything

$(STAMP): requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	KANMIN_DEBUG=1 $(PY) manage.py compile_translations
	touch $(STAMP)

# The CP932 decoder (C), built when a C compiler is present. Without one, build.py says so and
# writes nothing (the engine decodes with iconv) and is run again at the next install.
$(NATIVE_LIB): $(STAMP) $(NATIVE)/cp932.c $(NATIVE)/build.py $(NATIVE)/cp932.py tabular/engine/encoding.py
	$(PY) $(NATIVE)/build.py

$(PEERS_STAMP): requirements-peers.txt
	$(PYTHON) -m venv $(PEERS)
	$(PEERS)/bin/python -m pip install --quiet -r requirements-peers.txt
	touch $(PEERS_STAMP)

run: install ## Migrate, load the demo city デモ市 and serve it at http://127.0.0.1:8000 with the job worker
	KANMIN_DEBUG=$${KANMIN_DEBUG:-1} bin/run-demo $(HOST) $(PORT)

test: install ## Run the whole test suite (CI=true also runs browser tests and PostgreSQL)
	bin/run-tests

bench: install ## Run the benchmarks in bench/ and print ratios against the peer tools
	bin/run-bench

lint: install ## ruff, Django's system checks and a check for missing migrations
	$(VENV)/bin/ruff check .
	KANMIN_TESTING=1 $(PY) manage.py check
	KANMIN_TESTING=1 $(PY) manage.py makemigrations --check --dry-run

.PHONY: help install run test bench lint
