# Makefile for the ITU document knowledge base.
# `make html` and `make test` set everything up on first use (a .venv).

# -- Variables ---------------------------------------------------------------

PYTHON      ?= python3
VENV        ?= .venv
BIN         := $(VENV)/bin
SOURCEDIR   := docs
BUILDDIR    ?= _build
LOCALEDIR   := locale
SOURCE_LANG := zh_CN
TARGET_LANGS:= en
LANGUAGES   := $(SOURCE_LANG) $(TARGET_LANGS)
JOBS        ?= 1
SPHINXOPTS  ?= -n -W --keep-going -q -j $(JOBS)
SPHINXBUILD := $(BIN)/sphinx-build
STAMP       := $(VENV)/.installed-stamp
PYTESTOPTS  ?=
NPM         ?= npm
AXE_DIR     := $(VENV)/npm
AXE_JS      := $(AXE_DIR)/node_modules/axe-core/axe.min.js
SCALE_SIZES ?= 500 2000

.DEFAULT_GOAL := help
.PHONY: help venv html $(addprefix html-,$(LANGUAGES)) gettext update-po stats check \
        check-po check-links linkcheck test browser-test lint clean bench

# -- Help --------------------------------------------------------------------

help:  ## list the targets
	@echo "ITU document knowledge base. Targets:"
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | sed -E 's/^([a-zA-Z_-]+):.*## /  \1\t/' | expand -t 16

# -- Set-up ------------------------------------------------------------------

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=25.1"
	$(BIN)/python -m pip install --quiet -e . --group dev
	@touch $@

venv: $(STAMP)  ## create .venv and install the project (done by every target that needs it)

# axe-core, which the accessibility tests inject into pages; from npm, never committed.
# Without npm the rule says so and those tests are skipped with the reason.
$(AXE_JS):
	@if command -v $(NPM) >/dev/null 2>&1; then \
		$(NPM) install --silent --no-audit --no-fund --prefix $(AXE_DIR) "axe-core@^4.10"; \
	else echo "$(NPM) not found: the accessibility tests will be skipped"; fi

# -- Building ----------------------------------------------------------------

html: $(addprefix html-,$(LANGUAGES))  ## build the site in both languages into _build/html/
	@cp $(SOURCEDIR)/_root/index.html $(BUILDDIR)/html/index.html
	@echo "Site built: open $(BUILDDIR)/html/index.html"

$(addprefix html-,$(LANGUAGES)): html-%: $(STAMP)  ## build one language, e.g. make html-en
	$(SPHINXBUILD) -b html -c . -D language=$* $(SPHINXOPTS) \
		-d $(BUILDDIR)/doctrees/$* $(SOURCEDIR) $(BUILDDIR)/html/$*

# -- Translation -------------------------------------------------------------

gettext: $(STAMP)  ## extract the messages into _build/gettext/*.pot
	$(SPHINXBUILD) -b gettext -c . $(SPHINXOPTS) \
		-d $(BUILDDIR)/doctrees/gettext $(SOURCEDIR) $(BUILDDIR)/gettext

update-po: $(STAMP)  ## fresh templates merged into locale/<lang>/LC_MESSAGES/*.po; no translation lost
	rm -rf $(BUILDDIR)/gettext  # templates of removed pages must not linger
	$(MAKE) --no-print-directory gettext
	$(BIN)/python scripts/update_po.py --pot-dir $(BUILDDIR)/gettext --locale-dir $(LOCALEDIR) \
		$(addprefix -l ,$(TARGET_LANGS))

stats: $(STAMP)  ## translation progress per catalog and in total (STATSOPTS=--json for JSON)
	@$(BIN)/python scripts/po_stats.py $(LOCALEDIR) $(addprefix -l ,$(TARGET_LANGS)) $(STATSOPTS)

# -- Checks ------------------------------------------------------------------

check: check-po check-links  ## every offline check: links, anchors, catalogs

check-po: $(STAMP)  ## check the translation catalogs (syntax, progress, markup, glossary)
	$(BIN)/python scripts/check_catalogs.py --glossary $(LOCALEDIR)/glossary.tsv $(LOCALEDIR)

check-links: html  ## every link and anchor of the built site, both languages (offline)
	$(BIN)/python scripts/check_links.py $(BUILDDIR)/html

linkcheck: html  ## check external links, each URL once (needs network; results cached)
	$(BIN)/python scripts/linkcheck_external.py --cache $(BUILDDIR)/linkcheck-cache.json \
		$(BUILDDIR)/html

lint: $(STAMP)  ## ruff and mypy
	$(BIN)/ruff check .
	$(BIN)/mypy

test: $(STAMP) $(AXE_JS)  ## run the test suite (builds both languages in a temporary directory)
	KB_AXE_JS=$(abspath $(AXE_JS)) $(BIN)/python -m pytest $(PYTESTOPTS)

browser-test: $(STAMP) $(AXE_JS)  ## only the tests in headless Chromium (needs Debian's chromium)
	KB_AXE_JS=$(abspath $(AXE_JS)) $(BIN)/python -m pytest -m browser $(PYTESTOPTS)

bench: $(STAMP)  ## run the benchmarks and print their figures (SCALE_SIZES="500 2000")
	$(BIN)/python benchmarks/bench_catalogs.py
	$(BIN)/python -m pip install --quiet --group bench  # lychee and linkchecker, to compare
	$(BIN)/python benchmarks/bench_links.py
	$(BIN)/python benchmarks/bench_scale.py --sizes $(SCALE_SIZES)

clean:  ## remove build output (keeps .venv)
	rm -rf $(BUILDDIR)
	find $(LOCALEDIR) -name '*.mo' -delete
