"""Index a built language tree for search with Pagefind (``make html``, before publishing).

Pagefind is the static search engine the site uses: it splits each
language's index into small chunks that a search fetches on demand, so the
first search of a reader downloads a few hundred kilobytes whatever the size
of the collection, where Sphinx's ``searchindex.js`` had to be fetched whole.
Its *extended* binary (the ``pagefind[extended]`` package) segments Chinese
into words; the plain binary would index a Chinese sentence as one word, so
without the extended binary this command fails instead of writing an index
that finds nothing.

Pagefind indexes copies of the pages with one change made on the way (its
output is written into the tree itself): docutils
puts a section's id on ``<section>``, while Pagefind takes the anchors of the
sub-results it links to only from headings with an id.  The indexed copy of
each page carries the section's id on its heading; the published page is
left as Sphinx wrote it, where the same id is on the section around that
heading, so every anchor in the index exists on the page.

The copies are kept between builds (``--cache``, :mod:`itukb.build.pagefind_pages`):
only the pages that changed are copied again, and when no page changed and
the index is as the last run left it, Pagefind is not run at all.  When a
page did change, Pagefind indexes the whole language again, as it has no
incremental mode, and its output is the same as a build from nothing.

What the pages mark (``data-pagefind-body``, metadata, filters, weights) is
written by :mod:`itukb.build.search`.

Usage: python -m itukb.build.pagefind_index [--cache DIR] [--early] SITE [SITE...]
writes SITE/pagefind/ for each language tree named; with ``--cache``, the
copies of SITE's pages are kept in DIR/<SITE's name> for the next run.
``--early`` is the run Sphinx starts once the pages are written
(:mod:`itukb.build.search`); the build's own run then finds the index written and
says so.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

from filelock import FileLock

from itukb.build.pagefind_canonical import canonicalize
from itukb.build.pagefind_pages import BUNDLE, PageCache

#: interface text, footnote and heading marks, generated lists, and text marked as in
#: another language than the page's (quoted originals): never indexed
EXCLUDE = (
    "body [lang]",
    ".kb-language-switcher", ".headerlink", ".footnote-reference", "aside.footnote > .label",
    ".no-search", ".kb-backlinks", ".kb-source", ".kb-changelog", ".kb-version-box", "nav",
    "script", "style",
)
#: kept inside words, so that "CL-20/20" and "3.5" are single words
INCLUDE_CHARACTERS = "-/."
#: the files of the bundle the site does not use (Pagefind's own interfaces)
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js",
          "pagefind-modular-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css",
          "pagefind-highlight.js")


class SearchIndexError(Exception):
    """Why no index could be written, worded for the person running the build."""


def extended_binary() -> Path:
    """The Pagefind binary that segments Chinese; an error saying how to get it if missing."""
    try:
        from pagefind_bin_extended import get_executable  # type: ignore[import-not-found]

        binary = Path(get_executable())
    except (ImportError, FileNotFoundError) as err:
        raise SearchIndexError(
            "Pagefind's extended binary is not installed (package pagefind-bin-extended, "
            "from the project's dependency pagefind[extended]): without it Chinese is not "
            "segmented into words and the Chinese search would find nothing. Install the "
            "project's dependencies (make html does this in .venv).") from err
    return binary


def _options() -> list[str]:
    options = ["--keep-index-url", f"--include-characters={INCLUDE_CHARACTERS}"]
    return options + [f"--exclude-selectors={selector}" for selector in EXCLUDE]


def _settings(binary: Path) -> str:
    """What else than the pages decides the index: a cache made under others is dropped."""
    from importlib.metadata import version

    return json.dumps([version("pagefind_bin_extended"), binary.name, _options()])


def _index(binary: Path, copies: Path, output: Path) -> int:
    """Run Pagefind on the copies of the pages; the number of pages it indexed."""
    command = [str(binary), "--site", str(copies), "--output-path", str(output), *_options()]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SearchIndexError(f"{copies}: Pagefind failed:\n{result.stdout}{result.stderr}")
    counts = [int(n) for n in re.findall(r"Indexed (\d+) pages?", result.stdout)]
    return counts[-1] if counts else 0


class Indexed(NamedTuple):
    """What a run did: the pages in the index, and whether it was written (or kept)."""

    pages: int
    written: bool
    #: kept, as the run Sphinx started early had just written it
    early: bool = False

    def report(self) -> str:
        if self.written:
            return f"{self.pages} pages, written"
        if self.early:
            return f"{self.pages} pages, written while Sphinx finished"
        return f"{self.pages} pages, unchanged, kept"


def build_index(site: Path, cache: Path | None = None, early: bool = False) -> Indexed:
    """Write ``site/pagefind`` unless it is up to date with the pages.

    ``cache`` keeps the copies of the pages for the next run; without it
    they go to a temporary directory and everything is indexed.  ``early``:
    this is the run Sphinx starts, whose index the build's own run reports.
    """
    if not site.is_dir():
        raise SearchIndexError(f"{site}: nothing was built to index")
    binary = extended_binary()
    if cache is None:
        with tempfile.TemporaryDirectory(prefix="kb-pagefind-") as temporary:
            pages = PageCache.load(site, Path(temporary), _settings(binary))
            return _build(site, pages, binary, early)
    cache.parent.mkdir(parents=True, exist_ok=True)
    # one run per tree at a time: the one Sphinx starts early and the build's own
    with FileLock(cache.with_name(cache.name + ".lock")):
        return _build(site, PageCache.load(site, cache, _settings(binary)), binary, early)


def _build(site: Path, pages: PageCache, binary: Path, early: bool) -> Indexed:
    pages.update()
    if not pages.indexed():
        raise SearchIndexError(f"{site}: no page has content to index (data-pagefind-body)")
    if not pages.changed:
        written_early, pages.early = pages.early, pages.early and early
        if pages.restated or written_early != pages.early:
            pages.save()
        return Indexed(pages.indexed(), written=False, early=written_early and not early)
    output = site / BUNDLE
    shutil.rmtree(output, ignore_errors=True)  # no chunk of an earlier index may linger
    indexed = _index(binary, pages.copies, output.resolve())
    if indexed == 0:
        raise SearchIndexError(f"{site}: no page has content to index (data-pagefind-body)")
    for name in UNUSED:
        (output / name).unlink(missing_ok=True)
    try:
        canonicalize(output)  # Pagefind writes its filters in a different order on each run
    except (OSError, ValueError, KeyError, IndexError) as err:
        raise SearchIndexError(f"{output}: unexpected Pagefind output: {err}") from err
    pages.early = early
    pages.save()
    return Indexed(indexed, written=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sites", nargs="+", type=Path, help="built language trees")
    parser.add_argument("--cache", type=Path,
                        help="keep the copies of the pages in CACHE/<tree's name> for the next run")
    parser.add_argument("--early", action="store_true",
                        help="(started by Sphinx) the build's own run reports this run's index")
    args = parser.parse_args(argv)
    for site in args.sites:
        start = time.perf_counter()
        try:
            result = build_index(site, args.cache / site.name if args.cache else None,
                                 args.early)
        except SearchIndexError as err:
            print(f"error: search index: {err}", file=sys.stderr)
            return 1
        # the time is what `make bench` reports as the search index's part of a build
        print(f"search index of {site}: {result.report()} "
              f"in {time.perf_counter() - start:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
