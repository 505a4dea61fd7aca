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
	$(PIP) install -e ".[embeddings,dashboards]"
	touch $@

$(VENV)/.test-installed: pyproject.toml | $(BIN)/python
	$(PIP) install -e ".[test,bench]"
	touch $@ $(VENV)/.run-installed

venv: $(VENV)/.run-installed

# The API in the foreground, the dashboards beside it with an admin key (yours from
# RAPPORT_DASHBOARD_API_KEY, or a fresh one); stopping the API stops both.
run: $(VENV)/.run-installed
	$(BIN)/rapport demo --if-empty
	@api="http://$${RAPPORT_API_HOST:-127.0.0.1}:$${RAPPORT_API_PORT:-8000}"; \
	key="$${RAPPORT_DASHBOARD_API_KEY:-$$($(BIN)/rapport keys create --role admin --label make-run --json | $(BIN)/python -c 'import json,sys; print(json.load(sys.stdin)["token"])')}"; \
	echo "Rapport API on $$api (OpenAPI at /docs)"; \
	echo "Dashboards on http://127.0.0.1:$${RAPPORT_DASHBOARD_PORT:-8501}"; \
	RAPPORT_DASHBOARD_API_URL="$${RAPPORT_DASHBOARD_API_URL:-$$api}" RAPPORT_DASHBOARD_API_KEY="$$key" \
	  $(BIN)/rapport dashboard & dash=$$!; trap "kill $$dash" EXIT INT TERM; \
	$(BIN)/rapport serve

lint: $(VENV)/.test-installed
	$(BIN)/ruff check .
	$(BIN)/mypy

# On the embedded default the suite runs on every core (each worker starts its own engines);
# on a shared Neo4j (NEO4J_URI) it runs in one process. pytest exits 5 when it collects
# nothing; that is not a failure of the build.
PYTEST_ARGS ?= $(if $(NEO4J_URI),,--numprocesses auto --dist loadfile --no-loadscope-reorder)
test: $(VENV)/.test-installed lint
	$(BIN)/python -m pytest $(PYTEST_ARGS); rc=$$?; if [ $$rc -eq 5 ]; then rc=0; fi; exit $$rc

bench: $(VENV)/.test-installed
	$(BIN)/python benchmarks/load.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache *.egg-info
