"""The search index after a rebuild: kept when no page changed, else the same as from nothing.

``make html`` indexes each language with ``--cache``: the copies of the
pages Pagefind reads are kept between builds.  Here a copy of one built
language of the session's site is indexed again, as a rebuild would, and
the index is compared with one written from nothing (no cache) of the same
pages, and with Pagefind's index of the whole pages, as they were indexed
before the copies were trimmed.
"""

from __future__ import annotations

import gzip
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from pagefind_bundle import fragments

from itukb.build.pagefind_canonical import canonicalize
from itukb.build.pagefind_index import EXCLUDE, INCLUDE_CHARACTERS, UNUSED, extended_binary
from itukb.build.pagefind_pages import headings_with_ids

pytestmark = pytest.mark.site


def index(tree: Path, cache: Path | None) -> str:
    """Index ``tree`` as ``make html`` does (with ``cache``) or from nothing; its report."""
    command = [sys.executable, "-m", "itukb.build.pagefind_index", str(tree)]
    if cache is not None:
        command[3:3] = ["--cache", str(cache)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def bundle(tree: Path) -> dict[str, bytes]:
    return {path.relative_to(tree).as_posix(): path.read_bytes()
            for path in sorted((tree / "pagefind").rglob("*")) if path.is_file()}


def times(tree: Path) -> dict[str, int]:
    return {path.relative_to(tree).as_posix(): path.stat().st_mtime_ns
            for path in sorted((tree / "pagefind").rglob("*")) if path.is_file()}


def from_nothing(tree: Path, scratch: Path) -> dict[str, bytes]:
    """The index a clean build writes for the pages of ``tree`` (indexed in a copy)."""
    shutil.rmtree(scratch, ignore_errors=True)
    shutil.copytree(tree, scratch)
    shutil.rmtree(scratch / "pagefind")
    assert "written" in index(scratch, None)
    return bundle(scratch)


@pytest.fixture
def english(site: Path, tmp_path: Path) -> Path:
    tree = tmp_path / "en"
    shutil.copytree(site / "en", tree)
    return tree


def _a_document(tree: Path) -> Path:
    """An indexed page of a document, with a paragraph of its own words."""
    for page in sorted((tree / "documents").glob("*.html")):
        html = page.read_text(encoding="utf-8")
        if "data-pagefind-body" in html and re.search(r"<p>[A-Z][^<]{20,}</p>", html):
            return page
    raise AssertionError("no document page with a plain paragraph")


def test_the_trimmed_copies_index_as_the_whole_pages(english: Path, tmp_path: Path) -> None:
    """What Pagefind reads of each page is trimmed; nothing it indexes may change by that."""
    index(english, tmp_path / "cache")
    whole = tmp_path / "whole"
    for page in english.rglob("*.html"):
        if page.relative_to(english).parts[0] == "pagefind":
            continue
        target = whole / page.relative_to(english)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(headings_with_ids(page.read_text(encoding="utf-8")), encoding="utf-8")
    output = tmp_path / "whole-index"
    options = [f"--exclude-selectors={selector}" for selector in EXCLUDE]
    subprocess.run([str(extended_binary()), "--site", str(whole), "--output-path", str(output),
                    "--keep-index-url", f"--include-characters={INCLUDE_CHARACTERS}", *options],
                   check=True, capture_output=True)
    for name in UNUSED:
        (output / name).unlink(missing_ok=True)
    canonicalize(output)
    expected = {path.relative_to(output).as_posix(): path.read_bytes()
                for path in sorted(output.rglob("*")) if path.is_file()}
    assert bundle(english) == {f"pagefind/{name}": data for name, data in expected.items()}


def test_an_unchanged_rebuild_keeps_the_index_and_an_edit_writes_it_as_from_nothing(
        english: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert ", written" in index(english, cache)
    first, written_at = bundle(english), times(english)
    assert first == from_nothing(english, tmp_path / "clean")

    # a rebuild that rewrote pages without changing them (Sphinx writes them again)
    for page in list(english.rglob("*.html"))[:50]:
        page.write_bytes(page.read_bytes())
    assert "unchanged, kept" in index(english, cache)
    assert times(english) == written_at and bundle(english) == first

    # an edit: new words in one document, which the search must find, as a clean build would
    page = _a_document(english)
    html = page.read_text(encoding="utf-8")
    page.write_text(re.sub(r"<p>([A-Z][^<]{20,})</p>", r"<p>\1 Zyxwvut quokka.</p>", html,
                           count=1), encoding="utf-8")
    assert ", written" in index(english, cache)
    assert bundle(english) == from_nothing(english, tmp_path / "clean")
    url = "/" + page.relative_to(english).as_posix()
    assert "quokka" in fragments(english)[url]["content"]

    # a page removed: gone from the index
    page.unlink()
    assert ", written" in index(english, cache)
    assert url not in fragments(english)
    assert bundle(english) == from_nothing(english, tmp_path / "clean")


def test_an_index_changed_or_removed_since_is_written_again(english: Path,
                                                            tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    index(english, cache)
    first = bundle(english)
    stale = english / "pagefind" / "fragment" / "en_left-over.pf_fragment"
    stale.write_bytes(gzip.compress(b"stale"))
    assert ", written" in index(english, cache)
    assert bundle(english) == first
    shutil.rmtree(english / "pagefind")
    assert ", written" in index(english, cache)
    assert bundle(english) == first


def test_a_cache_left_by_an_interrupted_run_is_not_trusted(english: Path, tmp_path: Path) -> None:
    """Killed while copying: the copies changed, the manifest is gone; all is copied again."""
    cache = tmp_path / "cache"
    index(english, cache)
    first = bundle(english)
    # what a run killed after copying an edited page leaves: a copy newer than the pages
    copy = next((cache / "en" / "pages" / "documents").glob("*.html"))
    copy.write_text(copy.read_text(encoding="utf-8").replace("</p>", " Zyxwvut.</p>"),
                    encoding="utf-8")
    (cache / "en" / "manifest.json").unlink()
    assert ", written" in index(english, cache)
    assert bundle(english) == first
    assert not any("Zyxwvut" in fragment["content"] for fragment in fragments(english).values())


def test_the_copies_hold_only_the_indexed_pages(english: Path, tmp_path: Path) -> None:
    """Parallel texts, the 404, search and status pages are not given to Pagefind."""
    with tempfile.TemporaryDirectory(dir=tmp_path) as cache:
        report = index(english, Path(cache))
        copies = {path.relative_to(Path(cache) / "en" / "pages").as_posix()
                  for path in (Path(cache) / "en" / "pages").rglob("*.html")}
    indexed = {page.relative_to(english).as_posix() for page in english.rglob("*.html")
               if "data-pagefind-body" in page.read_text(encoding="utf-8")
               and page.relative_to(english).parts[0] != "pagefind"}
    assert copies == indexed
    assert f": {len(indexed)} pages, written" in report
    assert not any(name.endswith(".parallel.html") or name in ("404.html", "search.html")
                   for name in copies)
