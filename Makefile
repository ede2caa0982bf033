# All set-up happens here: `make run` and `make test` work on a fresh machine with Python 3.11+.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
SNAPSHOTS ?= ../shared/data/passport-index/snapshots

.PHONY: install run test check bench docs import-passport-index clean

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/ausweg check
	$(BIN)/ausweg overview
	$(BIN)/ausweg assess --example deserter --lang ru

test: install
	$(BIN)/python -m pytest

check: install
	$(BIN)/ausweg check

bench: install
	$(BIN)/python benchmarks/run.py

docs: install
	$(BIN)/python -m ausweg.cli_docs > docs/CLI.md

import-passport-index: install
	$(BIN)/ausweg import passport-index $(SNAPSHOTS)

clean:
	rm -rf $(VENV) build src/*.egg-info .pytest_cache
