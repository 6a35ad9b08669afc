"""Read a whole built site: every file's name once, every page parsed once.

Parsing dominates the run time and pages are independent, so pages are
parsed in a pool of worker processes (one per core by default).  Workers are
forked, so they inherit the site's file list instead of receiving a copy,
and they return small :class:`PageFacts` records, never HTML.
"""

from __future__ import annotations

import multiprocessing
import os
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from itukb.build.sourcemap import SOURCEMAP_DIR
from itukb.sitecheck.extract import parse_page, read_labels
from itukb.sitecheck.model import PageResult
from itukb.sitecheck.pagecheck import PageChecker, language_of


@dataclass
class Site:
    """A built bilingual site: ``root/<language>/...`` plus root-level files."""

    root: Path
    languages: tuple[str, ...]
    files: frozenset[str]
    pages: dict[str, PageResult]
    #: language -> folder of that language's source maps (when it exists)
    sourcemap_roots: dict[str, Path]

    def language_of(self, path: str) -> str | None:
        return language_of(path, self.languages)


def list_files(root: Path) -> tuple[frozenset[str], list[str]]:
    """Every file under ``root`` (site-relative, Unicode form C) and the pages as named on disk."""
    files = []
    pages = []
    base = len(str(root)) + 1
    for folder, _dirs, names in os.walk(root):
        prefix = folder[base:].replace(os.sep, "/")
        for name in names:
            path = f"{prefix}/{name}" if prefix else name
            files.append(path if path.isascii() else unicodedata.normalize("NFC", path))
            if name.endswith(".html"):
                pages.append(path)
    return frozenset(files), sorted(pages)


def sourcemap_for(page: str, roots: dict[str, Path]) -> Path | None:
    """The source map of a built page, if its language has source maps."""
    language, _, rest = page.partition("/")
    root = roots.get(language)
    if root is None or not rest.endswith(".html"):
        return None
    return root / (rest[: -len(".html")] + ".json")


#: what a worker needs, set before the pool forks so workers inherit it
_WORKER: tuple[Path, dict[str, Path], PageChecker] | None = None


def _check_page(page: str) -> PageResult:
    assert _WORKER is not None
    root, roots, checker = _WORKER
    sourcemap = sourcemap_for(page, roots)
    labels = read_labels(sourcemap) if sourcemap is not None else None
    parsed = parse_page((root / page).read_bytes())
    path = page if page.isascii() else unicodedata.normalize("NFC", page)
    return checker.check(path, parsed, labels)


def _check_all(pages: list[str], jobs: int) -> Iterable[PageResult]:
    # without fork (macOS's and Windows' default is spawn) workers would not
    # inherit the checker: check in this process instead
    if jobs <= 1 or len(pages) < 64 or "fork" not in multiprocessing.get_all_start_methods():
        return [_check_page(page) for page in pages]
    context = multiprocessing.get_context("fork")
    chunksize = max(8, len(pages) // (jobs * 16))
    with context.Pool(jobs) as pool:
        return list(pool.imap_unordered(_check_page, pages, chunksize=chunksize))


def read_site(root: Path, languages: tuple[str, ...], doctrees: Path | None,
              jobs: int | None = None, base: str = "") -> Site:
    """List and parse the site at ``root``; source maps come from ``doctrees/<language>``."""
    files, pages = list_files(root)
    roots: dict[str, Path] = {}
    if doctrees is not None:
        for language in languages:
            folder = doctrees / language / SOURCEMAP_DIR
            if folder.is_dir():
                roots[language] = folder
    jobs = jobs or os.cpu_count() or 1
    global _WORKER  # inherited by the forked workers, not pickled to them
    _WORKER = (root, roots, PageChecker(files, languages, base))
    try:
        results = {r.path: r for r in _check_all(pages, jobs)}
    finally:
        _WORKER = None
    return Site(root, languages, files, results, roots)
