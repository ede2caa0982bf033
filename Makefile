# All set-up happens here: `make run` and `make test` work on a fresh machine with Python 3.11+.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
SNAPSHOTS ?= ../shared/data/passport-index/snapshots

.PHONY: install browser run serve test check bench docs import-passport-index clean

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

install: $(STAMP)

# The browser tests drive Debian's chromium (never a browser downloaded by Playwright).
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "note: /usr/bin/chromium is missing and cannot be installed here: the browser tests will be skipped (and fail under CI)"; \
	  fi; \
	fi

run: install
	$(BIN)/ausweg check
	$(BIN)/ausweg overview
	$(BIN)/ausweg assess --example deserter --lang ru
	@echo
	@echo "The web app: open http://127.0.0.1:8000/ru/ (Ctrl-C stops it)"
	$(BIN)/ausweg serve

serve: install
	$(BIN)/ausweg serve

test: install browser
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
