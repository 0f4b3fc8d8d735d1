# The two commands a fresh machine needs: `make site` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
LIGHTHOUSE := bench/lighthouse/node_modules/.installed
# Builds are reproducible: dates in the site come from the last commit, not the clock.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)
export NO_MKDOCS_2_WARNING := 1

# What a fresh machine lacks, said with the fix (pyproject.toml's requires-python is the floor).
PYTHON_OK := import sys; sys.exit(sys.version_info < (3, 11, 5))
PYTHON_ADVICE = site-builder needs Python 3.11.5 or later, and '$(PYTHON)' is \
	$(shell command -v $(PYTHON) >/dev/null && $(PYTHON) --version 2>&1 || echo "not installed"). \
	On Debian 13 or Ubuntu 24.04: sudo apt-get install python3 python3-venv. On Debian 12 (Python 3.11.2) or \
	elsewhere: install a newer Python (https://www.python.org/downloads/, or: uv python install 3.13), then \
	run make PYTHON=/path/to/python3.13
PIP_ADVICE = installing the Python packages into $(VENV) failed (see pip's message above); $(VENV) was removed, \
	so the next make starts afresh. Without network access pip cannot reach the package registry.
# A .venv whose Python no longer runs (removed or upgraded away) is not reused: its stamps go, so it is rebuilt.
ifneq ($(shell $(BIN)/python -c pass 2>/dev/null && echo runs),runs)
$(shell rm -f $(VENV)/.installed $(VENV)/.installed-test)
endif
NPM_CHECK := command -v node >/dev/null && command -v npm >/dev/null || { echo "The front-end files (plotly.js, map \
	geometry) are installed with npm: install Node.js 20 or later with npm (Debian or Ubuntu: sudo apt-get install \
	nodejs npm; elsewhere https://nodejs.org/), then run make again." >&2; exit 1; }

.PHONY: site serve test lint format check bench lighthouse weight setup setup-test clean

# The engine: mkdocs (the default) or zensical (site_builder/engines/zensical/: our steps around Zensical's build).
ENGINE ?= mkdocs
ifeq ($(ENGINE),zensical)
SITE_COMMAND := $(BIN)/python -m site_builder.engines.zensical build
SERVE_COMMAND := $(BIN)/python -m site_builder.engines.zensical serve -a 127.0.0.1:8000
else
# site-builder build: every edition (mkdocs.yml, mkdocs.<lang>.yml, Serbian in Latin) with MkDocs, swapped in once.
SITE_COMMAND := $(BIN)/site-builder build
# site-builder serve: MkDocs' live-reload server that keeps answering while a file (mkdocs.yml too) is broken.
SERVE_COMMAND := $(BIN)/site-builder serve
endif

# Chart images are drawn at build time in Chromium (site_builder/build/images.py): a build needs it.
site: setup /usr/bin/chromium ## Build the site into site/ in strict mode (ENGINE=zensical: with Zensical)
	$(SITE_COMMAND)

serve: setup /usr/bin/chromium ## Live preview of the English edition on http://127.0.0.1:8000/ (another: site-builder serve -f mkdocs.sq.yml)
	$(SERVE_COMMAND)

check: setup ## Check every dataset, chart and page; print problems with file:line
	$(BIN)/site-builder check

test: setup-test lint ## Everything `site` needs, plus test tools, chromium and Lighthouse; then the house style and the whole suite
	$(BIN)/pytest -n 2 --dist loadgroup

lint: setup-test ## The house style (ruff, configured in pyproject.toml): lint, and formatting unchanged
	$(BIN)/ruff check --quiet .
	$(BIN)/ruff format --check --quiet .

format: setup-test ## Apply the house style: ruff's safe fixes, then its formatter
	$(BIN)/ruff check --quiet --fix .
	$(BIN)/ruff format --quiet .

bench: setup ## Build-speed figures on synthetic sites, every edition against single ones, then Lighthouse on the site (never fails CI; see bench/README.md)
	$(BIN)/python bench/run.py
	$(BIN)/python bench/diff.py
	$(BIN)/python bench/editions.py
	$(MAKE) --no-print-directory lighthouse

lighthouse: setup $(LIGHTHOUSE) /usr/bin/chromium ## Lighthouse, mobile preset, median of 3, on every page of the site served with gzip (never fails)
	$(BIN)/python bench/lighthouse_site.py

weight: site ## What a reader downloads for each page of the built site, in gzip bytes, against the budget
	$(BIN)/python bench/page_weight.py site

setup: $(VENV)/.installed node_modules/.installed

setup-test: setup $(VENV)/.installed-test /usr/bin/chromium $(LIGHTHOUSE)

# A .venv is only reused when its Python is new enough and its pip runs; one whose install failed is removed
# (the stamp is written only after success), so the next `make` builds it afresh instead of reusing it.
$(VENV)/.installed: pyproject.toml constraints.txt
	@$(BIN)/python -c '$(PYTHON_OK)' 2>/dev/null && $(BIN)/python -m pip --version >/dev/null 2>&1 || { \
		$(PYTHON) -c '$(PYTHON_OK)' 2>/dev/null || { echo "$(PYTHON_ADVICE)" >&2; exit 1; }; \
		rm -rf $(VENV) && echo "creating $(VENV) with $$(command -v $(PYTHON))" && $(PYTHON) -m venv $(VENV); }
	$(BIN)/python -m pip install --quiet --upgrade pip || { rm -rf $(VENV); echo "$(PIP_ADVICE)" >&2; exit 1; }
	$(BIN)/python -m pip install --quiet -c constraints.txt -e . || { rm -rf $(VENV); echo "$(PIP_ADVICE)" >&2; exit 1; }
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml constraints.txt
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]' || { rm -rf $(VENV); echo "$(PIP_ADVICE)" >&2; exit 1; }
	touch $@

# Front-end code (plotly.js bundles, map geometry) comes from the npm registry, pinned by package-lock.json.
node_modules/.installed: package.json package-lock.json
	@$(NPM_CHECK)
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Lighthouse (bench/lighthouse/), pinned by its own lock file, for `make lighthouse` and its test: apart from the
# front-end files above, so that `make site` never installs it.
$(LIGHTHOUSE): bench/lighthouse/package.json bench/lighthouse/package-lock.json
	@$(NPM_CHECK)
	npm ci --prefix bench/lighthouse --no-audit --no-fund --loglevel=error
	touch $@

/usr/bin/chromium:
	@if [ "$$(id -u)" = 0 ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
		echo "Chart images and browser tests need Debian's chromium: run 'sudo apt-get install chromium'" \
			"(or set images: false under the site-builder plugin in mkdocs.yml to build without images)" >&2; exit 1; \
	fi

clean:
	rm -rf site .site-builder-cache
