# Calcinosis Reference: every command a contributor or CI needs. `make help` lists them.
# Each target bootstraps .venv (Python pins in requirements.txt) and node_modules (npm
# pins in package-lock.json) when they are missing or the pins changed, and not otherwise.

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.package-lock.json
export NO_MKDOCS_2_WARNING := 1
# Keep the compiled bytecode of the hooks and tools (__pycache__/, ignored by git), as Python
# does by default: some container images set PYTHONDONTWRITEBYTECODE, and then every build
# compiles the hooks again (about 0.1 s; README, Performance).
export PYTHONDONTWRITEBYTECODE :=
# Paper size of the PDF handouts (hooks/pdf_handouts.py): `make site PAPER=letter` for US Letter.
PAPER ?= a4
export PDF_PAPER := $(PAPER)

.DEFAULT_GOAL := help
.PHONY: help site verify lock test serve clean bootstrap check diagrams bench-pdf bench new-page screenshots doctor \
	preflight-site preflight-serve preflight-test preflight-diagrams preflight-screenshots

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  make %-12s %s\n", $$1, $$2}'

bootstrap: $(STAMP) $(NODE_STAMP) ## Create .venv and node_modules from the pins (done by every target)

$(STAMP): requirements.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

$(NODE_STAMP): package.json package-lock.json
	@command -v npm >/dev/null || { echo "make: npm is not installed: node_modules/ (Mermaid, axe-core) comes from \
	npm ci. Fix: install Node.js 20 with npm (for example \`sudo apt-get install -y nodejs npm\`), then run make again." >&2; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# First of all, the Debian packages a target needs (.ci/debian-packages.txt, tools/preflight.py):
# installed when make runs as root with apt-get, else one message with the install command and
# a stop, before the bootstrap and any test. Standard library only, so .venv need not exist yet.
PREFLIGHT = $(if $(wildcard $(PY)),$(PY),$(PYTHON)) -I -S tools/preflight.py

preflight-site preflight-serve preflight-test preflight-diagrams preflight-screenshots:
	@$(PREFLIGHT) $(@:preflight-%=%)

# Before any command that lets MkDocs read mkdocs.yml: its YAML is checked without being
# read as MkDocs reads it (a tag could run code; hooks/core/site_config.py).
GUARD = $(PY) tools/check.py --config-only

site: preflight-site bootstrap ## Build the whole site strictly into site/, with the PDFs in site/pdf/ (PAPER=letter: US Letter), then verify it
	@$(GUARD)
	$(PY) -m mkdocs build --strict --site-dir site
	$(PY) tools/verify.py --site-dir site

# Reads site/ as it is, without MkDocs: what any generator must have produced (hooks/core/verify.py).
verify: bootstrap ## Check the built site/ without building: no raw [@ citation or generate marker, review lines, reference lists, nothing from another host
	$(PY) tools/verify.py --site-dir site

# requirements.in (the direct dependencies) is compiled by pip-tools, in a venv of its own so
# that it is not itself a pin of the site, into requirements.txt, the lock every target installs.
# pip-compile keeps each version already pinned unless told: UPGRADE=name (or UPGRADE="a b")
# moves those packages to their newest versions, UPGRADE=all every package.
PIP_TOOLS := pip-tools==7.7.0
LOCK_VENV ?= $(VENV)/lock-tools
UPGRADE ?=

lock: ## Compile requirements.in into the pinned requirements.txt (UPGRADE=name: newest version of name; UPGRADE=all)
	@test -x $(LOCK_VENV)/bin/pip-compile || { $(PYTHON) -m venv $(LOCK_VENV) && \
		$(LOCK_VENV)/bin/pip install --quiet --disable-pip-version-check $(PIP_TOOLS); }
	CUSTOM_COMPILE_COMMAND="make lock" $(LOCK_VENV)/bin/pip-compile --quiet --strip-extras --no-emit-index-url \
		--no-emit-find-links $(if $(filter all,$(UPGRADE)),--upgrade,$(foreach p,$(UPGRADE),--upgrade-package $(p))) \
		--output-file requirements.txt requirements.in

diagrams: preflight-diagrams bootstrap ## Draw the Mermaid diagrams as SVG for the PDFs into diagrams/ (needs Debian's chromium)
	$(PY) tools/diagrams.py

bench-pdf: bootstrap ## Build the site into a temporary folder and time the PDF rendering
	$(PY) tools/bench_pdf.py

# BENCH_ARGS passes options, e.g. `make bench BENCH_ARGS="--only serve pdf"` (one or more parts: builds, rebuild,
# serve, pdf, test, check), `--no-test`, or `--sizes 100 --runs 3` (see tools/bench.py --help).
bench: bootstrap ## Time the builds, make serve, the PDFs and make test (about half an hour; BENCH_ARGS="--only PART"; results in bench/results/)
	$(PY) tools/bench.py $(BENCH_ARGS)

# The suite runs in one process per core (pytest-xdist), each test file in one process, so a
# module's fixtures are made once; the real site is built once for all (tests/conftest.py).
# TEST_WORKERS=0: one process, no xdist.
TEST_WORKERS ?= auto

test: preflight-test bootstrap ## Run the test suite (in parallel: TEST_WORKERS=auto; 0 for one process)
	@$(GUARD)
	$(PY) -m pytest -q -n $(TEST_WORKERS) --dist loadfile

# ADDR chooses where the preview listens, e.g. `make serve ADDR=127.0.0.1:8001`.
ADDR ?= 127.0.0.1:8000

serve: preflight-serve bootstrap ## Live preview at http://127.0.0.1:8000, or ADDR=host:port (rebuilds on save of any input)
	@$(GUARD)
	$(PY) -m mkdocs serve --strict --dev-addr $(ADDR)

clean: ## Remove the built site and caches (keeps .venv and node_modules)
	rm -rf site .cache .pytest_cache
	find . -name __pycache__ -not -path './.venv/*' -not -path './node_modules/*' -exec rm -rf {} +

doctor: ## One screen on the set-up: Python, .venv, node and node_modules, Debian packages, Chromium, .cache/
	@$(if $(wildcard $(PY)),$(PY),$(PYTHON)) tools/doctor.py

check: bootstrap ## Run every content check without building (about a second)
	$(PY) tools/check.py

screenshots: preflight-screenshots site ## PNGs of key pages (desktop and phone, light and dark) into screenshots/ for review
	$(PY) tools/screenshots.py

# KIND, ID, TITLE (and SECTION, DESCRIPTION) given on the command line reach the recipe as
# environment variables, so a title with quotes or apostrophes passes through unchanged.
new-page: bootstrap ## Start a page from its template and add it to the nav: KIND=condition ID=some-id TITLE="..."
	@$(PY) tools/new_page.py --kind "$$KIND" --id "$$ID" --title "$$TITLE" --section "$$SECTION" --description "$$DESCRIPTION"
