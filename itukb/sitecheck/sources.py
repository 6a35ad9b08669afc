"""Point each finding at the line an editor has to change.

The build writes a source map per page (:mod:`itukb.build.sourcemap`).  A link in
the built article is paired with the link recorded there by its ``href`` and
its rank among links with that ``href``.  Links the theme writes in the
article (headerlinks pointing at a heading, entries of a table of contents)
fall back to the anchor or directive they come from.  Chrome outside the
article comes from no MyST line: the finding names the built page only.

A link in a translated paragraph comes from the catalog.  When the same link
is fine in the source language, only the translation breaks it, and the
finding points at the catalog entry's ``msgstr`` line instead of the MyST
page.
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

import polib

from itukb.build.sourcemap import SOURCEMAP_VERSION
from itukb.sitecheck.extract import SourceMapError
from itukb.sitecheck.model import HEADERLINK, IN_ARTICLE, TOCTREE, Finding, Location
from itukb.sitecheck.scan import Site, sourcemap_for
from itukb.sitecheck.urls import normalise


def display_path(path: str | Path) -> str:
    """``path`` relative to the working directory when it lies below it."""
    text = str(path)
    if not os.path.isabs(text):
        return text
    try:
        relative = os.path.relpath(text)
    except ValueError:  # another drive
        return text
    return text if relative.startswith("..") else relative


class SourceMaps:
    """The source maps of one site, read on demand and once."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self._maps: dict[str, dict[str, Any] | None] = {}
        self._queues: dict[str, dict[str, list[list[Any]]]] = {}

    def get(self, page: str) -> dict[str, Any] | None:
        if page not in self._maps:
            path = sourcemap_for(page, self.site.sourcemap_roots)
            record = None
            if path is not None and path.is_file():
                try:
                    record = json.loads(path.read_bytes())
                except ValueError as err:
                    raise SourceMapError(f"{path}: not valid JSON ({err})") from err
                version = record.get("version") if isinstance(record, dict) else None
                if version != SOURCEMAP_VERSION:
                    raise SourceMapError(f"{path}: source map version {version!r}, expected "
                                         f"{SOURCEMAP_VERSION}: rebuild the site")
            self._maps[page] = record
        return self._maps[page]

    def links_by_href(self, page: str) -> dict[str, list[list[Any]]]:
        if page not in self._queues:
            record = self.get(page) or {}
            by_href: dict[str, list[list[Any]]] = {}
            for entry in record.get("links", []):
                by_href.setdefault(normalise(entry[0]), []).append(entry)
            self._queues[page] = by_href
        return self._queues[page]


@lru_cache(maxsize=256)
def _catalog(path: str) -> tuple[polib.POFile, list[str]]:
    text = Path(path).read_text(encoding="utf-8")
    return polib.pofile(text), text.splitlines()


def catalog_location(catalog: str, source: str, line: int, href: str) -> Location | None:
    """The ``msgstr`` line of the catalog entry translating ``source`` line ``line``."""
    try:
        po, lines = _catalog(catalog)
    except (OSError, ValueError):
        return None
    tail = "/" + Path(source).name
    candidates = [
        entry for entry in po
        if any(occ_path.endswith(tail) and occ_line == str(line)
               for occ_path, occ_line in entry.occurrences)
    ]
    if not candidates:
        return None
    fragment = href.rpartition("#")[2]
    entry = next((e for e in candidates if fragment and fragment in e.msgstr), candidates[0])
    msgstr_line = entry.linenum
    for number in range(entry.linenum - 1, len(lines)):
        if lines[number].startswith("msgstr"):
            msgstr_line = number + 1
            break
    return Location(display_path(catalog), msgstr_line)


def _match(maps: SourceMaps, finding: Finding) -> tuple[int | None, bool]:
    """The MyST line of the finding's link, and whether its text is translated."""
    record = maps.get(finding.page)
    if record is None or finding.href is None:
        return None, False
    href = normalise(finding.href)
    if finding.flags & HEADERLINK:
        lines = record["anchors"].get(href.lstrip("#"))
        return (lines[0] if lines else None), False
    entries = maps.links_by_href(finding.page).get(href, [])
    if finding.ordinal < len(entries):
        _, line, translated = entries[finding.ordinal]
        return line, bool(translated)
    if href.startswith("#"):
        lines = record["anchors"].get(href[1:])
        return (lines[0] if lines else None), False
    if finding.flags & TOCTREE and record["toctrees"]:
        return record["toctrees"][0], False
    return None, False


def locate(site: Site, findings: list[Finding], source_language: str) -> None:
    """Fill in ``finding.source`` (and ``translates``) for every finding."""
    maps = SourceMaps(site)
    in_source = {
        (f.code, f.page.split("/", 1)[-1], f.href, f.ordinal)
        for f in findings if site.language_of(f.page) == source_language
    }
    for finding in findings:
        if finding.source is not None:
            continue
        record = maps.get(finding.page)
        if record is None:
            continue
        source = record["source"]
        if finding.code == "duplicate-id":
            lines = record["anchors"].get(str(finding.extra.get("id")), [])
            known = [n for n in lines if n]
            finding.source = Location(display_path(source), known[0] if known else None)
            if len(known) > 1:
                finding.message += f" (lines {', '.join(map(str, known))})"
            continue
        if finding.href is not None and not finding.flags & IN_ARTICLE:
            continue  # theme chrome: no MyST line writes it, the built page is the place
        line, translated = _match(maps, finding)
        finding.source = Location(display_path(source), line)
        language = site.language_of(finding.page)
        if not (translated and line and record.get("catalog") and language != source_language):
            continue
        key = (finding.code, finding.page.split("/", 1)[-1], finding.href, finding.ordinal)
        if key in in_source:
            continue  # broken in the source language too: fix the MyST page
        where = catalog_location(record["catalog"], source, line, finding.href or "")
        if where is not None:
            finding.translates = finding.source
            finding.source = where
