# Makefile for the ITU document knowledge base.
# `make html` and `make test` set everything up on first use (a .venv).

# -- Variables ---------------------------------------------------------------

PYTHON      ?= python3
VENV        ?= .venv
BIN         := $(VENV)/bin
SOURCEDIR   := docs
BUILDDIR    ?= _build
STAGEDIR    := $(BUILDDIR)/staging
# the copies of the staged pages Pagefind reads, kept between builds (itukb.build.pagefind_pages)
SEARCHCACHE := $(BUILDDIR)/search-pages
LOCALEDIR   := locale
# the site's languages, declared once in conf.py (kb_languages, source first);
# read once per command: the make this Makefile runs again gets them from the
# first one (KB_CONF_LANGUAGES), not from another Python start (0.15 s each)
ifeq ($(origin KB_CONF_LANGUAGES),command line)
LANGUAGES   := $(KB_CONF_LANGUAGES)
else
LANGUAGES   := $(shell $(PYTHON) -c 'import runpy; print(*runpy.run_path("conf.py")["kb_languages"])')
endif
# (written out as $(MAKE) in each recipe: make runs only those lines under make -n)
SUBMAKEFLAGS = --no-print-directory KB_CONF_LANGUAGES="$(LANGUAGES)"
SOURCE_LANG := $(firstword $(LANGUAGES))
TARGET_LANGS:= $(wordlist 2,$(words $(LANGUAGES)),$(LANGUAGES))
# the share (percent) of each language's catalogs that must be translated for
# `make check-po` to pass: the source language's itukb.po and every
# translation ship complete; a language being started may lower its own
PO_THRESHOLDS ?= $(addsuffix =100,$(LANGUAGES))
JOBS        ?= 1
SPHINXOPTS  ?= -n -W --keep-going -q -j $(JOBS)
SPHINXBUILD := $(BIN)/sphinx-build
STAMP       := $(VENV)/.installed-stamp
PYTESTOPTS  ?=
LINKCHECKOPTS ?=
NPM         ?= npm
AXE_DIR     := $(VENV)/npm
AXE_JS      := $(AXE_DIR)/node_modules/axe-core/axe.min.js
VNU_JAR     := $(AXE_DIR)/node_modules/vnu-jar/build/dist/vnu.jar
SCALE_SIZES ?= 500 2000
SEARCH_DOCUMENTS ?= 2000
# the published site's URL, e.g. https://example.org/kb/ (canonical links, absolute
# hreflang and kb.json URLs, sitemaps); empty: a local build with relative links
KB_BASEURL  ?=
comma       := ,
empty       :=
space       := $(empty) $(empty)
BUILD_LOCK  := $(BUILDDIR)/.build.lock

.DEFAULT_GOAL := help
.PHONY: help venv html $(addprefix html-,$(LANGUAGES)) $(addprefix stage-,$(LANGUAGES)) site gettext update-po stats check \
        check-po check-versions check-links linkcheck test browser-test lint clean bench serve

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

# The Nu HTML checker (vnu.jar, run with Java), which the tests run on the built site.
$(VNU_JAR):
	@if command -v $(NPM) >/dev/null 2>&1; then \
		$(NPM) install --silent --no-audit --no-fund --prefix $(AXE_DIR) "vnu-jar@^26"; \
	else echo "$(NPM) not found: the HTML validity tests will be skipped"; fi

# -- Building ----------------------------------------------------------------

# Sphinx builds into $(STAGEDIR) (kept, so that incremental builds stay
# incremental); only when every language built without a warning are they
# swapped into $(BUILDDIR)/html, so a failed build leaves the last good site.
# A failed build also forgets its environment: the next build re-reads every
# page, so it reports the same problems again instead of passing on pages it
# has already written.
# Each language's search index (Pagefind) is written into its staged tree
# before it is published: a failed index fails the build like a warning does.
# It is written again only when a staged page changed; the copies of the pages
# Pagefind reads are kept in $(SEARCHCACHE)/<lang>, and only changed pages are
# copied again. Sphinx starts it as soon as the pages are written
# (kb_search_cache); the indexing step below waits for that run and checks it.
# Every language is built even when one fails, so that one run reports the
# problems of the translations as well as those of the source pages.
#
# One build of a checkout at a time: a second `make html` waits for the lock
# ($(BUILD_LOCK), flock from util-linux) instead of writing the same files.
# A language's build leaves a mark ($(BUILDDIR)/doctrees/<lang>.building)
# that only its end removes: a build killed on the way (kill -9, a power cut)
# leaves it, and the next build starts that language from scratch (doctrees,
# staging, compiled catalogs, search copies) instead of trusting half-written state.
ifeq ($(shell command -v flock 2>/dev/null),)
LOCKED = echo "flock (util-linux) not found: this build does not wait for another one" >&2;
else
LOCKED = mkdir -p $(BUILDDIR) && { flock -n $(BUILD_LOCK) true || echo "another build of \
this checkout is running: waiting for it to finish ($(BUILD_LOCK))" >&2; } && flock $(BUILD_LOCK)
endif

html: $(STAMP)  ## build the site in every language (conf.py kb_languages) into _build/html/
	@$(LOCKED) $(MAKE) $(SUBMAKEFLAGS) site SITE_LANGUAGES="$(LANGUAGES)"

$(addprefix html-,$(LANGUAGES)): html-%: $(STAMP)  ## build one language, e.g. make html-en
	@$(LOCKED) $(MAKE) $(SUBMAKEFLAGS) site SITE_LANGUAGES=$*

# (run by html under the lock) build SITE_LANGUAGES, print their findings once,
# then publish them
site: $(STAMP)
	@status=0; for language in $(SITE_LANGUAGES); do \
	  $(MAKE) $(SUBMAKEFLAGS) stage-$$language KB_FINDINGS=later || status=1; \
	done; \
	$(BIN)/python -m itukb.build.build_findings $(BUILDDIR)/warnings $(SITE_LANGUAGES); exit $$status
	@$(BIN)/python -m itukb.build.publish $(STAGEDIR) $(BUILDDIR)/html $(SITE_LANGUAGES)
	@cp $(SOURCEDIR)/_root/index.html $(BUILDDIR)/html/index.html
	@$(BIN)/python -m itukb.build.rootfiles $(BUILDDIR)/html --base-url "$(KB_BASEURL)" $(LANGUAGES)
	@echo "Site built: open $(BUILDDIR)/html/index.html"

STAGE_BUILD = $(SPHINXBUILD) -b html -c . -D language=$* $(SPHINXOPTS) \
	-D kb_baseurl="$(KB_BASEURL)" -D kb_languages=$(subst $(space),$(comma),$(LANGUAGES)) \
	-D kb_search_cache=$(abspath $(SEARCHCACHE)) \
	-d $(BUILDDIR)/doctrees/$* $(SOURCEDIR) $(STAGEDIR)/$*
BUILDING = $(BUILDDIR)/doctrees/$*.building

# Each build's findings go to $(BUILDDIR)/warnings/<lang>.txt; `make html`
# prints them once for both languages (KB_FINDINGS=later), naming the
# languages that found each, instead of every source page problem twice.
$(addprefix stage-,$(LANGUAGES)): stage-%: $(STAMP)
	@if [ -e $(BUILDING) ]; then \
	  echo "html-$*: the last build was interrupted: building $* from scratch" >&2; \
	  rm -rf $(BUILDDIR)/doctrees/$* $(STAGEDIR)/$* $(SEARCHCACHE)/$*; \
	  find $(LOCALEDIR)/$* -name '*.mo' -delete 2>/dev/null || true; \
	fi
	@mkdir -p $(BUILDDIR)/doctrees $(BUILDDIR)/warnings && touch $(BUILDING)
	@echo "$(STAGE_BUILD)"
	@$(STAGE_BUILD) 2>$(BUILDDIR)/warnings/$*.txt; status=$$?; \
	[ "$(KB_FINDINGS)" = later ] || cat $(BUILDDIR)/warnings/$*.txt >&2; \
	[ $$status = 0 ] || { rm -f $(BUILDDIR)/doctrees/$*/environment.pickle $(BUILDING); \
	  echo "html-$*: build failed; $(BUILDDIR)/html/$* still holds the last good build" >&2; \
	  exit 1; }
	@$(BIN)/python -m itukb.build.pagefind_index --cache $(SEARCHCACHE) $(STAGEDIR)/$* || { \
	  echo "html-$*: search index failed; $(BUILDDIR)/html/$* still holds the last good build" >&2; \
	  exit 1; }
	@rm -f $(BUILDING)

# Search fetches its index from the server, so it needs the site served over
# HTTP; every other page also works opened as a file.
SERVE_PORT ?= 8000
serve: $(STAMP)  ## serve _build/html on http://127.0.0.1:$(SERVE_PORT)/ (search needs it; SERVE_PORT=...)
	@test -d $(BUILDDIR)/html || { echo "no site in $(BUILDDIR)/html: run make html first" >&2; exit 1; }
	@echo "Serving $(BUILDDIR)/html on http://127.0.0.1:$(SERVE_PORT)/ (Ctrl-C stops)"
	$(BIN)/python -m http.server --bind 127.0.0.1 --directory $(BUILDDIR)/html $(SERVE_PORT)

# -- Translation -------------------------------------------------------------

# Incremental, like the HTML builds: Sphinx re-reads the pages that changed and
# itukb writes only their templates, and deletes those of removed pages
# (itukb/build/gettext_incremental.py). A failed extraction forgets its environment,
# so the next one starts from nothing and reports the same problems.
gettext: $(STAMP)  ## extract the messages into _build/gettext/*.pot (only pages changed since the last run)
	$(SPHINXBUILD) -b gettext -c . $(SPHINXOPTS) \
		-d $(BUILDDIR)/doctrees/gettext $(SOURCEDIR) $(BUILDDIR)/gettext \
	|| { rm -f $(BUILDDIR)/doctrees/gettext/environment.pickle; exit 1; }

# The extension's own words (itukb.i18n) are extracted from its code by Babel
# (itukb/i18n/extract.py) into $(WORDS_POT), sorted and without line numbers,
# so that moving code changes nothing, and merged into
# locale/<lang>/LC_MESSAGES/itukb.po of every language but English, the
# language they are written in.
WORDS_POT := $(BUILDDIR)/itukb/itukb.pot

update-po: $(STAMP)  ## fresh templates merged into locale/<lang>/LC_MESSAGES/*.po; no translation lost
	$(MAKE) $(SUBMAKEFLAGS) gettext
	$(BIN)/python -m itukb.i18n.extract $(WORDS_POT)
	$(BIN)/python scripts/update_po.py --pot-dir $(BUILDDIR)/gettext --locale-dir $(LOCALEDIR) \
		$(addprefix -l ,$(TARGET_LANGS)) --words-pot $(WORDS_POT) \
		$(addprefix --words-language ,$(LANGUAGES))

stats: $(STAMP)  ## translation progress per catalog and in total (STATSOPTS=--json for JSON)
	@$(BIN)/python scripts/po_stats.py $(LOCALEDIR) $(addprefix -l ,$(LANGUAGES)) $(STATSOPTS)

# -- Checks ------------------------------------------------------------------

# Every check runs even when one fails, so that one run lists every finding.
check: $(STAMP)  ## every offline check: links, anchors, catalogs, versions
	@status=0; \
	$(MAKE) $(SUBMAKEFLAGS) check-po || status=1; \
	$(MAKE) $(SUBMAKEFLAGS) check-versions || status=1; \
	$(MAKE) $(SUBMAKEFLAGS) check-links || status=1; \
	exit $$status

check-po: $(STAMP)  ## check the translation catalogs (syntax, progress, markup, glossary)
	$(BIN)/python scripts/check_catalogs.py --glossary $(LOCALEDIR)/glossary.tsv \
		$(addprefix --threshold ,$(PO_THRESHOLDS)) $(LOCALEDIR)

check-versions: $(STAMP)  ## no page's text changed since the commit that set its version
	$(BIN)/python scripts/check_versions.py --conf conf.py $(SOURCEDIR)

check-links: html  ## every link and anchor of the built site, every language (offline)
	$(BIN)/python scripts/check_links.py --base-url "$(KB_BASEURL)" \
		--languages $(subst $(space),$(comma),$(LANGUAGES)) $(BUILDDIR)/html

linkcheck: html  ## check external links, each URL once (needs network; results cached)
	$(BIN)/python scripts/linkcheck_external.py --cache $(BUILDDIR)/linkcheck-cache.json \
		--languages $(subst $(space),$(comma),$(LANGUAGES)) \
		$(LINKCHECKOPTS) $(BUILDDIR)/html

lint: $(STAMP)  ## ruff and mypy
	$(BIN)/ruff check .
	$(BIN)/mypy

test: $(STAMP) $(AXE_JS) $(VNU_JAR)  ## run the test suite (builds every language in a temporary directory)
	KB_AXE_JS=$(abspath $(AXE_JS)) KB_VNU_JAR=$(abspath $(VNU_JAR)) $(BIN)/python -m pytest $(PYTESTOPTS)

browser-test: $(STAMP) $(AXE_JS)  ## only the tests in headless Chromium (needs Debian's chromium)
	KB_AXE_JS=$(abspath $(AXE_JS)) $(BIN)/python -m pytest -m browser $(PYTESTOPTS)

bench: $(STAMP)  ## run the benchmarks and print their figures (SCALE_SIZES="500 2000", SEARCH_DOCUMENTS=2000)
	$(BIN)/python benchmarks/bench_catalogs.py
	$(BIN)/python -m pip install --quiet --group bench  # lychee and linkchecker, to compare
	$(BIN)/python benchmarks/bench_links.py
	$(BIN)/python benchmarks/bench_scale.py --sizes $(SCALE_SIZES)
	$(BIN)/python benchmarks/bench_search.py --documents $(SEARCH_DOCUMENTS)

clean:  ## remove build output (keeps .venv)
	rm -rf $(BUILDDIR)
	find $(LOCALEDIR) -name '*.mo' -delete
