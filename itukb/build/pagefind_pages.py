"""The copies of a language's pages that Pagefind reads, kept from one build to the next.

Pagefind has no incremental mode: every index is written from all the
pages.  What it reads can still be kept small and ready.  Before, each build
read every page of the tree (half of them parallel-text pages without
anything to index), wrote a fresh copy of each into a temporary directory,
and Pagefind then parsed 40 kB of page chrome per page for 8 kB of article.
Here a cache directory holds, for each *indexed* page only (one that has a
``data-pagefind-body`` element), the copy Pagefind should read:

* each section's id moved onto its heading (:func:`headings_with_ids`, see
  :mod:`itukb.build.pagefind_index`);
* the page's head and everything before the indexed element (sidebar,
  header, navigation) left out, when nothing there is for Pagefind (no
  ``data-pagefind-*`` attribute, no image), which halves Pagefind's time and
  leaves its output byte for byte the same; the ``<html lang>`` tag and the
  title are kept.

A manifest beside the copies records each page's size, modification time and
content hash: a page whose size and time are unchanged is not read again,
and one whose content is unchanged is not copied again.  The manifest is
removed before anything in the cache changes and written back only once the
index is complete, so an interrupted run leaves no manifest and the next one
starts the cache afresh.  No tool does this (Pagefind's own API re-reads
every page too): ours.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from stat import S_ISREG as stat_is_file
from typing import Any

#: where the index goes inside each language tree; not a page to index
BUNDLE = "pagefind"
#: changed whenever the copies are made differently: a cache of another format is dropped
FORMAT = 1
MANIFEST = "manifest.json"
PAGES = "pages"
#: marks the element Pagefind indexes; pages without it are not indexed at all
BODY_MARK = b"data-pagefind-body"

_SECTION_HEADING = re.compile(
    r'<section(?P<before>[^>]*?) id="(?P<id>[^"]+)"(?P<after>[^>]*)>'
    r'(?P<space>\s*)<h(?P<level>[1-6])>')
_BODY = re.compile(r"<[a-zA-Z][^<>]*\sdata-pagefind-body[\s>=/]")
_HTML = re.compile(r"<html\b[^>]*>", re.IGNORECASE)
_TITLE = re.compile(r"<title>.*?</title>", re.DOTALL | re.IGNORECASE)


def headings_with_ids(html: str) -> str:
    """The page as Pagefind should read it: each section's id on its heading."""
    return _SECTION_HEADING.sub(
        lambda m: f'<section{m["before"]}{m["after"]}>{m["space"]}<h{m["level"]} id="{m["id"]}">',
        html)


def slimmed(html: str) -> str:
    """The page without what precedes its indexed element, if nothing there is for Pagefind.

    Pagefind reads the language from ``<html lang>``, metadata and filters
    from ``data-pagefind-*`` attributes anywhere on the page, and a default
    image from the first ``<img>``; a page with any of the last two before
    its indexed element is kept whole.
    """
    body, top = _BODY.search(html), _HTML.search(html)
    if body is None or top is None or top.end() > body.start():
        return html
    before = html[top.end():body.start()]
    if "data-pagefind" in before or "<img" in before.lower():
        return html
    title = _TITLE.search(before)
    return (f'{html[:top.end()]}<head><meta charset="utf-8">{title[0] if title else ""}'
            f"</head><body>{html[body.start():]}")


def indexed_copy(html: str) -> str:
    """What Pagefind reads of a page."""
    return slimmed(headings_with_ids(html))


@dataclass
class PageCache:
    """The copies for one language tree (``site``) in ``directory``, and what changed."""

    site: Path
    directory: Path
    #: page path -> [modification time (ns), size, sha256, indexed]
    pages: dict[str, list[Any]] = field(default_factory=dict)
    #: the bundle as the last complete run left it: file path -> [size, modification time]
    bundle: dict[str, list[int]] = field(default_factory=dict)
    settings: str = ""
    #: a page Pagefind reads changed, or the index did: it must be written again
    changed: bool = True
    #: only pages' times changed (rewritten as they were): worth recording, not re-indexing
    restated: bool = False
    #: the index was written by the run Sphinx starts early, and no run has reported it yet
    early: bool = False

    @property
    def copies(self) -> Path:
        return self.directory / PAGES

    def indexed(self) -> int:
        return sum(1 for entry in self.pages.values() if entry[3])

    @classmethod
    def load(cls, site: Path, directory: Path, settings: str) -> PageCache:
        """The cache as the last complete run left it; an empty one if there is none."""
        cache = cls(site, directory, settings=settings)
        try:
            stored = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
            if stored["format"] == FORMAT and stored["settings"] == settings:
                cache.pages, cache.bundle = stored["pages"], stored["bundle"]
                cache.early = stored.get("early", False)
        except (OSError, ValueError, KeyError, TypeError):
            pass
        if not cache.pages:
            shutil.rmtree(cache.copies, ignore_errors=True)
        return cache

    def update(self) -> None:
        """Bring the copies up to date with the tree; ``changed`` says whether any was."""
        found: dict[str, list[Any]] = {}
        changed = False
        for path in sorted(self.site.rglob("*.html")):
            name = path.relative_to(self.site).as_posix()
            if name.split("/", 1)[0] == BUNDLE:
                continue
            stat = path.stat()
            old = self.pages.get(name)
            if old is not None and old[:2] == [stat.st_mtime_ns, stat.st_size]:
                found[name] = old
                continue
            data = path.read_bytes()
            digest = hashlib.sha256(data).hexdigest()
            found[name] = [stat.st_mtime_ns, stat.st_size, digest, BODY_MARK in data]
            self.restated = True
            if old is not None and old[2] == digest:
                continue
            if not found[name][3] and (old is None or not old[3]):
                continue  # not indexed, before or now: Pagefind never reads it
            if not changed:
                (self.directory / MANIFEST).unlink(missing_ok=True)
                changed = True
            copy = self.copies / name
            if found[name][3]:
                copy.parent.mkdir(parents=True, exist_ok=True)
                copy.write_text(indexed_copy(data.decode("utf-8")), encoding="utf-8")
            else:
                copy.unlink(missing_ok=True)
        for name in self.pages.keys() - found.keys():
            if not self.pages[name][3]:
                continue
            if not changed:
                (self.directory / MANIFEST).unlink(missing_ok=True)
                changed = True
            (self.copies / name).unlink(missing_ok=True)
        self.pages = found
        self.changed = changed or self.bundle != bundle_files(self.site / BUNDLE)

    def save(self) -> None:
        """Record the copies and the bundle just written (only once the index is complete)."""
        self.bundle = bundle_files(self.site / BUNDLE)
        self.directory.mkdir(parents=True, exist_ok=True)
        manifest = self.directory / MANIFEST
        temporary = manifest.with_suffix(".tmp")
        temporary.write_text(json.dumps(
            {"format": FORMAT, "settings": self.settings, "pages": self.pages,
             "bundle": self.bundle, "early": self.early}, separators=(",", ":")),
            encoding="utf-8")
        os.replace(temporary, manifest)


def bundle_files(bundle: Path) -> dict[str, list[int]]:
    """Each file of a written index with its size and time: one changed since differs."""
    if not bundle.is_dir():
        return {}
    files = {}
    for path in sorted(bundle.rglob("*")):
        stat = path.stat()
        if stat_is_file(stat.st_mode):
            files[path.relative_to(bundle).as_posix()] = [stat.st_size, stat.st_mtime_ns]
    return files
