# careerpath: every task in one place. `make run` and `make test` set everything up themselves.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: help run test lint check bench fuzz diagrams tour clean

help:  ## list the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)  ## show the PWP profile from the bundled data
	$(BIN)/careerpath show PWP

test: $(STAMP)  ## run the test suite with coverage
	$(BIN)/python -m pytest --cov --cov-report=term --cov-fail-under=$(COVERAGE_MIN)

lint: $(STAMP)  ## formatting, lint, strict types and architecture layers
	$(BIN)/ruff format --check careerpath tests benchmarks docs
	$(BIN)/ruff check careerpath tests benchmarks docs
	$(BIN)/mypy
	$(BIN)/lint-imports

check: lint test  ## everything CI runs

bench: $(STAMP)  ## start-up and analysis benchmarks
	$(BIN)/python benchmarks/bench.py
	$(BIN)/python benchmarks/routes_bench.py

diagrams: $(STAMP)  ## regenerate the example diagrams shown in the README
	mkdir -p docs/images
	$(BIN)/careerpath diagram -o docs/images/career-map.svg
	$(BIN)/careerpath diagram -o docs/images/career-map.png
	$(BIN)/careerpath diagram --role PWP --depth 2 -o docs/images/pwp-neighbourhood.svg
	$(BIN)/careerpath diagram --role PWP --depth 2 -o docs/images/pwp-neighbourhood.png
	$(BIN)/careerpath diagram --overlap CWP EMHP PWP -o docs/images/overlap-cwp-emhp-pwp.svg

tour: $(STAMP)  ## regenerate docs/tour.md from real command output
	$(BIN)/python docs/tour.py

fuzz: $(STAMP)  ## property-based fuzzing, long enough to matter (not part of make test)
	CAREERPATH_FUZZ_EXAMPLES=$${FUZZ_EXAMPLES:-3000} $(BIN)/python -m pytest tests/test_fuzz.py tests/test_routes.py \
		-p no:cacheprovider --hypothesis-show-statistics -q

clean:  ## remove the virtual environment and caches
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .coverage dist build

COVERAGE_MIN ?= 90
