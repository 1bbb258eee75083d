# One obvious command per task. `make serve` and `make test` set up everything they need.
VENV := .venv
PY := $(VENV)/bin/python
PYTHON ?= python3
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true

.PHONY: serve test check build schema setup setup-test external-links urls

## serve: set up the site's dependencies and serve it at http://127.0.0.1:8000 with live reload
serve: setup
	$(VENV)/bin/mkdocs serve --dev-addr 127.0.0.1:8000

## test: set up everything the tests need (browser included) and run the whole suite
test: setup-test
	$(PY) -m pytest

## check: validate the question bank
check: setup
	$(PY) -m macros check

## build: strict build of the site into site/
build: setup
	$(VENV)/bin/mkdocs build --strict

## schema: regenerate questions/question.schema.json from the model
schema: setup
	$(PY) -m macros schema

setup: $(VENV)/.site-installed node_modules/.installed

setup-test: setup $(VENV)/.test-installed
	scripts/install-system-packages.sh --browser

$(VENV)/.site-installed: requirements.txt
	scripts/install-system-packages.sh
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.test-installed: requirements-test.txt requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	scripts/install-system-packages.sh
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

## external-links: check every external link (needs the network; CI runs it weekly)
external-links: setup
	$(PY) scripts/check_external_links.py

## urls: record the public URLs of a fresh build in tests/published-urls.txt (never removes any)
urls: setup
	$(PY) scripts/update_url_manifest.py

.PHONY: figures figures-check

## figures: regenerate every figure in docs/assets/figures/ from scripts/figures/
figures: setup-test
	$(PY) -m scripts.figures

## figures-check: fail, listing them, if any committed figure differs from a fresh render
figures-check: setup-test
	$(PY) -m scripts.figures --check

## bench: measure build time, memory, site size, Lighthouse, search speed and findability into benchmarks/RESULTS.md
.PHONY: bench
bench: setup-test
	$(PY) -m benchmarks
