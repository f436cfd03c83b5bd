# The two commands from the README: `make run` (serve the embedded default) and `make test`;
# `make bench` runs the load benchmark (README, "Benchmarks").
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test install lint format migration bench bench-scale clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/conduit db upgrade
	$(BIN)/conduit serve --no-migrate --host $${HOST:-127.0.0.1} --port $${PORT:-8000}

test: $(STAMP)
	$(BIN)/ruff check src tests examples bench
	$(BIN)/lint-imports --config importlinter.ini
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check src tests examples bench
	$(BIN)/ruff format --check src tests examples bench
	$(BIN)/lint-imports --config importlinter.ini

format: $(STAMP)
	$(BIN)/ruff check --fix src tests examples bench
	$(BIN)/ruff format src tests examples bench

# Autogenerate a migration from the table definitions: make migration m="add articles"
migration: $(STAMP)
	$(BIN)/conduit db revision -m "$(m)"

# Load benchmark against a real server (README, "Benchmarks"); BENCH_QUICK=1 for a short run.
# Installs the load generator (Debian's wrk) when it is missing.
bench: $(STAMP)
	@command -v wrk >/dev/null || apt-get install -y wrk || (apt-get update && apt-get install -y wrk)
	$(BIN)/python -m bench.run

# The size curve (10 k, 100 k, 1 M articles, cache off and on) and reads under writes at scale;
# about an hour, and some 5 GB of disk at 1 M articles (README, "Benchmarks at scale").
bench-scale: $(STAMP)
	@command -v wrk >/dev/null || apt-get install -y wrk || (apt-get update && apt-get install -y wrk)
	$(BIN)/python -m bench.scale

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .conduit .bench
