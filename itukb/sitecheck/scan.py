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

from itukb.sitecheck.extract import page_facts
from itukb.sitecheck.model import PageFacts
from itukb.sourcemap import SOURCEMAP_DIR


@dataclass
class Site:
    """A built bilingual site: ``root/<language>/...`` plus root-level files."""

    root: Path
    languages: tuple[str, ...]
    files: frozenset[str]
    pages: dict[str, PageFacts]
    #: language -> folder of that language's source maps (when it exists)
    sourcemap_roots: dict[str, Path]

    def language_of(self, path: str) -> str | None:
        head = path.split("/", 1)[0]
        return head if head in self.languages else None


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


_WORKER_SITE: tuple[Path, dict[str, Path]] | None = None


def _init_worker(root: Path, roots: dict[str, Path]) -> None:
    global _WORKER_SITE  # per-process state of a pool worker
    _WORKER_SITE = (root, roots)


def _facts(page: str) -> PageFacts:
    assert _WORKER_SITE is not None
    root, roots = _WORKER_SITE
    return page_facts(root, page, sourcemap_for(page, roots))


def _parse_all(root: Path, pages: list[str], roots: dict[str, Path],
               jobs: int) -> Iterable[PageFacts]:
    if jobs <= 1 or len(pages) < 64:
        _init_worker(root, roots)
        return [_facts(page) for page in pages]
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    chunksize = max(8, len(pages) // (jobs * 16))
    with context.Pool(jobs, initializer=_init_worker, initargs=(root, roots)) as pool:
        return list(pool.imap_unordered(_facts, pages, chunksize=chunksize))


def read_site(root: Path, languages: tuple[str, ...], doctrees: Path | None,
              jobs: int | None = None) -> Site:
    """List and parse the site at ``root``; source maps come from ``doctrees/<language>``."""
    files, pages = list_files(root)
    roots: dict[str, Path] = {}
    if doctrees is not None:
        for language in languages:
            folder = doctrees / language / SOURCEMAP_DIR
            if folder.is_dir():
                roots[language] = folder
    jobs = jobs or os.cpu_count() or 1
    facts = {f.path: f for f in _parse_all(root, pages, roots, jobs)}
    return Site(root, languages, files, facts, roots)
