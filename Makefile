# The README's two commands: `make run` and `make test`.
SHELL := /bin/bash
VENV := .venv
STAMP := $(VENV)/.installed
# Python 3.10 (Rasa 3.6 needs <3.11): on PATH, else from pyenv.
PYTHON310 := $(shell for p in python3.10 $$HOME/.pyenv/versions/3.10*/bin/python3.10 /usr/local/bin/python3.10 /usr/bin/python3.10; do \
	$$p -c 'import sys; assert sys.version_info[:2] == (3, 10)' >/dev/null 2>&1 && { echo $$p; break; }; done)
export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 3

.PHONY: install run test lint train bench clean fonts

$(STAMP): pyproject.toml constraints.txt
	@test -n "$(PYTHON310)" || { echo "Python 3.10 not found: install it (e.g. pyenv install 3.10) and retry." >&2; exit 1; }
	@test -x $(VENV)/bin/python || $(PYTHON310) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade "pip<25" setuptools wheel
	$(VENV)/bin/pip install --quiet -c constraints.txt -e ".[test]"
	@touch $@

# CV PDFs need Noto Sans + Noto Naskh Arabic (Debian fonts-noto-core; documents/fonts.py finds them at
# run time, LOTSE_FONT_DIR first). Installed here when missing and running as root, else a hint.
NOTO_DIR := /usr/share/fonts/truetype/noto
fonts:
	@if [ -f $(NOTO_DIR)/NotoSans-Regular.ttf ] && [ -f $(NOTO_DIR)/NotoNaskhArabic-Regular.ttf ]; then :; \
	elif [ -n "$$LOTSE_FONT_DIR" ] && find $$(echo "$$LOTSE_FONT_DIR" | tr ':' ' ') -name 'NotoSans-Regular.ttf' 2>/dev/null | grep -q .; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "Installing fonts-noto-core (fonts for CV PDFs in Latin, Cyrillic and Arabic script) ..."; \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-core; } \
	    || echo "WARNING: could not install fonts-noto-core; CV PDFs fall back to DejaVu Sans if installed." >&2; \
	else \
	  echo "NOTE: fonts for CV PDFs are missing. Install them with: sudo apt-get install fonts-noto-core" >&2; \
	  echo "      (or set LOTSE_FONT_DIR to a directory with NotoSans-*.ttf and NotoNaskhArabic-*.ttf)" >&2; \
	fi

install: $(STAMP) fonts

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
