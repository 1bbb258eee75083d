# One obvious command per task. `make serve` and `make test` set up everything they need.
VENV := .venv
PY := $(VENV)/bin/python
PYTHON ?= python3
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true

# Every Python package comes from a lock file with hashes (make lock writes them): pip refuses a
# package whose hash differs, or any package the lock file does not list.
PIP_INSTALL := $(PY) -m pip install --quiet --disable-pip-version-check --require-hashes
LOCK_VENV := .cache/lock-venv
PIP_COMPILE := $(LOCK_VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe \
	--strip-extras --no-emit-index-url --no-emit-find-links --no-emit-trusted-host

.PHONY: serve test check new build schema setup setup-test external-links urls lock

## serve: set up the site's dependencies and serve it at http://127.0.0.1:8000 with live reload;
##        a save of one question file rebuilds only the pages that show it (--dirty, issue #16)
serve: setup
	$(VENV)/bin/mkdocs serve --dirty --dev-addr 127.0.0.1:8000

## test: set up everything the tests need (browser included) and run the whole suite
##       (PYTEST_ARGS="-k ..." runs part of it)
test: setup-test
	$(PY) -m pytest $(PYTEST_ARGS)

## check: validate the question bank; FILE=questions/<topic>/<id>.yaml checks one file (cross-file
##        rules included), in about a second
check: setup
	$(PY) -m macros check $(FILE)

## new: write a skeleton question file: make new TOPIC=<topic> TITLE="The question?"
##      (a title holding $ goes in single quotes: TITLE='Why does $\lambda$ shrink weights?')
new: setup
	@test -n $(call shell-word,TOPIC) && test -n $(call shell-word,TITLE) || \
		{ echo 'usage: make new TOPIC=<topic> TITLE="The question?"' >&2; exit 2; }
	$(PY) -m macros new --topic $(call shell-word,TOPIC) --title $(call shell-word,TITLE)

# A variable's text as one shell word, exactly as given (`$\lambda$`, quotes, backslashes):
# $(value) reads it without Make expanding `$\` or `$(...)` in it, the single quotes keep the
# shell from expanding it, and each ' in it is written '\''. (The copy Make exports to the
# shell's environment is expanded, so "$$TITLE" would lose every `$`.)
shell-word = '$(subst ','\'',$(value $(1)))'

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
	$(PIP_INSTALL) -r requirements.txt
	touch $@

# requirements-test.txt is complete on its own (the site's packages included, same versions).
$(VENV)/.test-installed: requirements-test.txt requirements.txt
	$(PIP_INSTALL) -r requirements-test.txt
	touch $@

## lock: regenerate requirements*.txt (pinned, with hashes) from the requirements*.in files;
##       keeps the current versions unless an .in file asks otherwise (add a package, then run it)
lock:
	test -x $(LOCK_VENV)/bin/python || $(PYTHON) -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes \
		-r requirements-lock.txt
	$(PIP_COMPILE) --output-file requirements.txt requirements.in
	$(PIP_COMPILE) --output-file requirements-test.txt requirements-test.in
	$(PIP_COMPILE) --output-file requirements-lock.txt requirements-lock.in

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

## bench: measure build time, memory, site size, Lighthouse, search speed, findability, edit-to-reload
##        under make serve and the wall time of make test on a clean clone (needs the package
##        indexes; an hour or more: run it on a quiet machine) into benchmarks/RESULTS.md
.PHONY: bench
bench: setup-test
	$(PY) -m benchmarks
