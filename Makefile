# Two commands do all set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip --disable-pip-version-check -q

.PHONY: run test lint bench clean venv

# The stamp files re-install only when pyproject.toml changes.
$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --upgrade pip

$(VENV)/.run-installed: pyproject.toml | $(BIN)/python
	$(PIP) install -e ".[embeddings]"
	touch $@

$(VENV)/.test-installed: pyproject.toml | $(BIN)/python
	$(PIP) install -e ".[test,bench]"
	touch $@ $(VENV)/.run-installed

venv: $(VENV)/.run-installed

run: $(VENV)/.run-installed
	$(BIN)/rapport demo --if-empty
	@echo "Rapport API on http://$${RAPPORT_API_HOST:-127.0.0.1}:$${RAPPORT_API_PORT:-8000} (OpenAPI at /docs)"
	$(BIN)/rapport serve

lint: $(VENV)/.test-installed
	$(BIN)/ruff check .
	$(BIN)/mypy

# pytest exits 5 when it collects nothing; that is not a failure of the build.
test: $(VENV)/.test-installed lint
	$(BIN)/python -m pytest $(PYTEST_ARGS); rc=$$?; if [ $$rc -eq 5 ]; then rc=0; fi; exit $$rc

bench: $(VENV)/.test-installed
	$(BIN)/python benchmarks/load.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache *.egg-info
