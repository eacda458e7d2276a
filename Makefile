# Two commands for a newcomer: `make build` (the bundled seeds/ into out/) and `make test`.
# Both create .venv and install kg with its test extras from pyproject.toml on first use.
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin

.PHONY: build test test-fast lint clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

build: $(BIN)/.installed
	$(BIN)/kg build

lint: $(BIN)/.installed
	$(BIN)/ruff check kg tests bench
	$(BIN)/mypy kg

test: lint
	$(BIN)/python -m pytest

# Under a minute: no browser, no server process, no corpus, nothing marked slow.
test-fast: $(BIN)/.installed
	$(BIN)/python -m pytest -q -m "not browser and not servers and not corpus and not slow"

clean:
	rm -rf out test-output .pytest_cache .mypy_cache .ruff_cache
