# Makefile for the ITU document knowledge base.
# `make html` and `make test` set everything up on first use (a .venv).

# -- Variables ---------------------------------------------------------------

PYTHON      ?= python3
VENV        ?= .venv
BIN         := $(VENV)/bin
SOURCEDIR   := docs
BUILDDIR    ?= _build
STAGEDIR    := $(BUILDDIR)/staging
LOCALEDIR   := locale
SOURCE_LANG := zh_CN
TARGET_LANGS:= en
LANGUAGES   := $(SOURCE_LANG) $(TARGET_LANGS)
JOBS        ?= 1
SPHINXOPTS  ?= -n -W --keep-going -q -j $(JOBS)
SPHINXBUILD := $(BIN)/sphinx-build
STAMP       := $(VENV)/.installed-stamp
PYTESTOPTS  ?=
LINKCHECKOPTS ?=
NPM         ?= npm
AXE_DIR     := $(VENV)/npm
AXE_JS      := $(AXE_DIR)/node_modules/axe-core/axe.min.js
SCALE_SIZES ?= 500 2000

.DEFAULT_GOAL := help
.PHONY: help venv html $(addprefix html-,$(LANGUAGES)) $(addprefix stage-,$(LANGUAGES)) gettext update-po stats check \
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

# Sphinx builds into $(STAGEDIR) (kept, so that incremental builds stay
# incremental); only when every language built without a warning are they
# swapped into $(BUILDDIR)/html, so a failed build leaves the last good site.
# A failed build also forgets its environment: the next build re-reads every
# page, so it reports the same problems again instead of passing on pages it
# has already written.
# Every language is built even when one fails, so that one run reports the
# problems of the translations as well as those of the source pages.
html: $(STAMP)  ## build the site in both languages into _build/html/
	@status=0; for language in $(LANGUAGES); do \
	  $(MAKE) --no-print-directory stage-$$language || status=1; \
	done; exit $$status
	@$(BIN)/python -m itukb.publish $(STAGEDIR) $(BUILDDIR)/html $(LANGUAGES)
	@cp $(SOURCEDIR)/_root/index.html $(BUILDDIR)/html/index.html
	@echo "Site built: open $(BUILDDIR)/html/index.html"

$(addprefix html-,$(LANGUAGES)): html-%: stage-%  ## build one language, e.g. make html-en
	@$(BIN)/python -m itukb.publish $(STAGEDIR) $(BUILDDIR)/html $*

STAGE_BUILD = $(SPHINXBUILD) -b html -c . -D language=$* $(SPHINXOPTS) \
	-d $(BUILDDIR)/doctrees/$* $(SOURCEDIR) $(STAGEDIR)/$*

$(addprefix stage-,$(LANGUAGES)): stage-%: $(STAMP)
	@echo "$(STAGE_BUILD)"
	@$(STAGE_BUILD) || { rm -f $(BUILDDIR)/doctrees/$*/environment.pickle; \
	  echo "html-$*: build failed; $(BUILDDIR)/html/$* still holds the last good build" >&2; \
	  exit 1; }

# -- Translation -------------------------------------------------------------

# Incremental, like the HTML builds: Sphinx re-reads the pages that changed and
# itukb writes only their templates, and deletes those of removed pages
# (itukb/gettext_incremental.py). A failed extraction forgets its environment,
# so the next one starts from nothing and reports the same problems.
gettext: $(STAMP)  ## extract the messages into _build/gettext/*.pot (only pages changed since the last run)
	$(SPHINXBUILD) -b gettext -c . $(SPHINXOPTS) \
		-d $(BUILDDIR)/doctrees/gettext $(SOURCEDIR) $(BUILDDIR)/gettext \
	|| { rm -f $(BUILDDIR)/doctrees/gettext/environment.pickle; exit 1; }

update-po: $(STAMP)  ## fresh templates merged into locale/<lang>/LC_MESSAGES/*.po; no translation lost
	$(MAKE) --no-print-directory gettext
	$(BIN)/python scripts/update_po.py --pot-dir $(BUILDDIR)/gettext --locale-dir $(LOCALEDIR) \
		$(addprefix -l ,$(TARGET_LANGS))

stats: $(STAMP)  ## translation progress per catalog and in total (STATSOPTS=--json for JSON)
	@$(BIN)/python scripts/po_stats.py $(LOCALEDIR) $(addprefix -l ,$(TARGET_LANGS)) $(STATSOPTS)

# -- Checks ------------------------------------------------------------------

# Both checks run even when the first fails, so that one run lists every finding.
check: $(STAMP)  ## every offline check: links, anchors, catalogs
	@status=0; \
	$(MAKE) --no-print-directory check-po || status=1; \
	$(MAKE) --no-print-directory check-links || status=1; \
	exit $$status

check-po: $(STAMP)  ## check the translation catalogs (syntax, progress, markup, glossary)
	$(BIN)/python scripts/check_catalogs.py --glossary $(LOCALEDIR)/glossary.tsv $(LOCALEDIR)

check-links: html  ## every link and anchor of the built site, both languages (offline)
	$(BIN)/python scripts/check_links.py $(BUILDDIR)/html

linkcheck: html  ## check external links, each URL once (needs network; results cached)
	$(BIN)/python scripts/linkcheck_external.py --cache $(BUILDDIR)/linkcheck-cache.json \
		$(LINKCHECKOPTS) $(BUILDDIR)/html

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
