"""Index a built language tree for search with Pagefind (``make html``, before publishing).

Pagefind is the static search engine the site uses: it splits each
language's index into small chunks that a search fetches on demand, so the
first search of a reader downloads a few hundred kilobytes whatever the size
of the collection, where Sphinx's ``searchindex.js`` had to be fetched whole.
Its *extended* binary (the ``pagefind[extended]`` package) segments Chinese
into words; the plain binary would index a Chinese sentence as one word, so
without the extended binary this command fails instead of writing an index
that finds nothing.

Pagefind indexes a temporary copy of the pages with one change made on the
way (its output is written into the tree itself): docutils
puts a section's id on ``<section>``, while Pagefind takes the anchors of the
sub-results it links to only from headings with an id.  The indexed copy of
each page carries the section's id on its heading; the published page is
left as Sphinx wrote it, where the same id is on the section around that
heading, so every anchor in the index exists on the page.

What the pages mark (``data-pagefind-body``, metadata, filters, weights) is
written by :mod:`itukb.build.search`.

Usage: python -m itukb.build.pagefind_index SITE [SITE...]
writes SITE/pagefind/ for each language tree named.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from itukb.build.pagefind_canonical import canonicalize

#: where the index goes inside each language tree; the search page loads it from there
BUNDLE = "pagefind"
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

_SECTION_HEADING = re.compile(
    r'<section(?P<before>[^>]*?) id="(?P<id>[^"]+)"(?P<after>[^>]*)>'
    r'(?P<space>\s*)<h(?P<level>[1-6])>')


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


def headings_with_ids(html: str) -> str:
    """The page as Pagefind should read it: each section's id on its heading."""
    return _SECTION_HEADING.sub(
        lambda m: f'<section{m["before"]}{m["after"]}>{m["space"]}<h{m["level"]} id="{m["id"]}">',
        html)


def pages(site: Path) -> list[Path]:
    """Every HTML page of the tree except the bundle's own, in a stable order."""
    return sorted(path for path in site.rglob("*.html")
                  if BUNDLE not in path.relative_to(site).parts[:1])


def _index(binary: Path, site: Path, output: Path) -> int:
    """Run Pagefind on a copy of the pages as it should read them; the pages it indexed."""
    with tempfile.TemporaryDirectory(prefix="kb-pagefind-") as temporary:
        copy = Path(temporary)
        for path in pages(site):
            target = copy / path.relative_to(site)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(headings_with_ids(path.read_text(encoding="utf-8")),
                              encoding="utf-8")
        command = [str(binary), "--site", str(copy), "--output-path", str(output),
                   "--keep-index-url", f"--include-characters={INCLUDE_CHARACTERS}"]
        for selector in EXCLUDE:
            command.append(f"--exclude-selectors={selector}")
        result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SearchIndexError(f"{site}: Pagefind failed:\n{result.stdout}{result.stderr}")
    counts = [int(n) for n in re.findall(r"Indexed (\d+) pages?", result.stdout)]
    return counts[-1] if counts else 0


def build_index(site: Path) -> int:
    """Write ``site/pagefind``; return the number of pages indexed."""
    if not site.is_dir():
        raise SearchIndexError(f"{site}: nothing was built to index")
    binary = extended_binary()
    output = site / BUNDLE
    shutil.rmtree(output, ignore_errors=True)  # no chunk of an earlier index may linger
    indexed = _index(binary, site, output.resolve())
    if indexed == 0:
        raise SearchIndexError(f"{site}: no page has content to index (data-pagefind-body)")
    for name in UNUSED:
        (output / name).unlink(missing_ok=True)
    try:
        canonicalize(output)  # Pagefind writes its filters in a different order on each run
    except (OSError, ValueError, KeyError, IndexError) as err:
        raise SearchIndexError(f"{output}: unexpected Pagefind output: {err}") from err
    return indexed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sites", nargs="+", type=Path, help="built language trees")
    args = parser.parse_args(argv)
    for site in args.sites:
        try:
            count = build_index(site)
        except SearchIndexError as err:
            print(f"error: search index: {err}", file=sys.stderr)
            return 1
        print(f"search index of {site}: {count} pages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
