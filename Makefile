# careerpath: every task in one place. `make run` and `make test` set everything up themselves.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: help run test test-all lint check bench fuzz diagrams tour clean browser-check

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-14s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)  ## show the PWP profile from the bundled data
	$(BIN)/careerpath show PWP

# --durations: the slowest tests are named on every run, so a slow newcomer is seen at once.
PYTEST = $(BIN)/python -m pytest --durations=8
# The coverage tracer (CTracer on Python 3.11) makes the route search's tight loops about 2.5
# times slower, which took `make test` past its 3 minutes on the 2-core machine: the everyday
# run goes without it, and `make check` (CI) measures coverage and holds the floor.
COVER = --cov --cov-report=term --cov-fail-under=$(COVERAGE_MIN)

test: $(STAMP)  ## the test suite on every core, less the few marked slow (`make check` runs those too, with coverage)
	$(PYTEST) --no-cov -n auto -m 'not slow'

test-all: $(STAMP)  ## every test with coverage on every core, slow ones included (wheel build, all of ESCO)
	$(PYTEST) $(COVER) -n auto

lint: $(STAMP)  ## formatting, lint, strict types and architecture layers
	$(BIN)/ruff format --check careerpath tests benchmarks docs
	$(BIN)/ruff check careerpath tests benchmarks docs
	$(BIN)/mypy
	$(BIN)/lint-imports

check: lint test-all  ## everything CI runs

bench: $(STAMP)  ## start-up, analysis, 3,000-role scale and ESCO benchmarks (docs/speed.md)
	$(BIN)/python benchmarks/bench.py
	$(BIN)/python benchmarks/supply_bench.py
	$(BIN)/python benchmarks/routes_bench.py

diagrams: $(STAMP)  ## regenerate the example diagrams shown in the README
	mkdir -p docs/images
	$(BIN)/careerpath diagram -o docs/images/career-map.svg
	$(BIN)/careerpath diagram -o docs/images/career-map.png
	$(BIN)/careerpath diagram --role PWP --depth 2 -o docs/images/pwp-neighbourhood.svg
	$(BIN)/careerpath diagram --role PWP --depth 2 -o docs/images/pwp-neighbourhood.png
	$(BIN)/careerpath diagram --overlap CWP EMHP PWP -o docs/images/overlap-cwp-emhp-pwp.svg
	$(BIN)/careerpath diagram --overlap CWP EMHP PWP -o docs/images/overlap-cwp-emhp-pwp.png
	$(BIN)/careerpath diagram --family cyp-mental-health -o docs/images/family-cyp-mental-health.png
	$(BIN)/careerpath diagram --route degree SWP -o docs/images/route-degree-swp.png
	$(BIN)/python docs/pictures.py

BROWSER_OUT := build/browser
browser/node_modules/.installed: browser/package.json browser/package-lock.json
	# Each only when missing: a machine whose Node.js comes from NodeSource already has npm,
	# and asking apt for Debian's npm beside it is refused as a conflict.
	command -v chromium >/dev/null || (apt-get update && apt-get install -y chromium)
	command -v npm >/dev/null || (apt-get update && apt-get install -y nodejs npm)
	cd browser && npm ci --no-audit --no-fund --loglevel=error
	touch $@

browser-check: $(STAMP) browser/node_modules/.installed  ## the report and every Mermaid output in headless Chromium (axe-core, Mermaid 11)
	rm -rf $(BROWSER_OUT) && mkdir -p $(BROWSER_OUT)
	$(BIN)/careerpath report CWP EMHP PWP -o $(BROWSER_OUT)/report.html
	$(BIN)/careerpath report CWP EMHP PWP -o $(BROWSER_OUT)/report.md
	$(BIN)/careerpath report PWP --provision examples/northvale -o $(BROWSER_OUT)/report-coverage.html
	$(BIN)/careerpath report PWP --provision examples/northvale -o $(BROWSER_OUT)/report-coverage.md
	$(BIN)/careerpath diagram -o $(BROWSER_OUT)/career-map.mmd
	$(BIN)/careerpath diagram --family cyp-mental-health -o $(BROWSER_OUT)/family.mmd
	$(BIN)/careerpath diagram --role PWP --depth 2 -o $(BROWSER_OUT)/neighbourhood.mmd
	$(BIN)/careerpath diagram --route degree SWP -o $(BROWSER_OUT)/route.mmd
	$(BIN)/careerpath diagram --overlap CWP EMHP PWP -o $(BROWSER_OUT)/overlap.mmd
	$(BIN)/careerpath export --format mermaid -o $(BROWSER_OUT)/export.mmd
	$(BIN)/careerpath curriculum CWP EMHP PWP -o $(BROWSER_OUT)/curriculum.mmd > /dev/null
	$(BIN)/python browser/hostile.py $(BROWSER_OUT)/hostile.mmd
	node browser/check.mjs $(BROWSER_OUT)

tour: $(STAMP)  ## regenerate docs/tour.md from real command output
	$(BIN)/python docs/tour.py

fuzz: $(STAMP)  ## property-based fuzzing, long enough to matter (not part of make test)
	CAREERPATH_FUZZ_EXAMPLES=$${FUZZ_EXAMPLES:-3000} $(BIN)/python -m pytest tests/test_fuzz.py tests/test_routes.py \
		-p no:cacheprovider --hypothesis-show-statistics -q

clean:  ## remove the virtual environment and caches
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .coverage dist build

COVERAGE_MIN ?= 90
