# The README's two commands: `make run` and `make test`.
SHELL := /bin/bash
VENV := .venv
STAMP := $(VENV)/.installed
# Python 3.10 (Rasa 3.6 needs <3.11): on PATH, else from pyenv.
PYTHON310 := $(shell for p in python3.10 $$HOME/.pyenv/versions/3.10*/bin/python3.10 /usr/local/bin/python3.10 /usr/bin/python3.10; do \
	$$p -c 'import sys; assert sys.version_info[:2] == (3, 10)' >/dev/null 2>&1 && { echo $$p; break; }; done)
export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 3

.PHONY: install run test lint train bench clean

$(STAMP): pyproject.toml constraints.txt
	@test -n "$(PYTHON310)" || { echo "Python 3.10 not found: install it (e.g. pyenv install 3.10) and retry." >&2; exit 1; }
	@test -x $(VENV)/bin/python || $(PYTHON310) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade "pip<25" setuptools wheel
	$(VENV)/bin/pip install --quiet -c constraints.txt -e ".[test]"
	@touch $@

install: $(STAMP)

run: install
	$(VENV)/bin/lotse keys init --if-missing
	$(VENV)/bin/lotse run

train: install
	$(VENV)/bin/lotse train

test: install
	$(VENV)/bin/python -m pytest

lint: install
	$(VENV)/bin/ruff check .

bench: install
	$(VENV)/bin/lotse bench turn-latency

clean:
	rm -rf var models .rasa
