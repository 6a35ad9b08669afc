"""Find the catalog entry, and its ``msgstr`` line, that translates a line of a page.

Sphinx marks what a translation put on a page with the page's line
(``page.md:23:<translated>``); the entry is the one whose ``#:`` comment
names that line.  Findings about a translation point at its ``msgstr``, the
line a translator edits.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

import polib

from itukb.catalogs.reading import Catalog, CatalogError, read_catalog


def msgstr_line(catalog: Catalog, index: int, entry: polib.POEntry) -> int:
    """The file line of the ``msgstr`` of the ``index``-th entry of ``catalog``."""
    start = catalog.line_of(index, entry)
    lines = catalog.text.split("\n")
    for number in range(start, len(lines)):
        if lines[number].startswith(("msgstr", "#~ msgstr")):
            return number + 1
        if lines[number].startswith(("msgid", "#~ msgid")):
            break
    return start


@lru_cache(maxsize=64)
def _read(path: str, mtime_ns: int) -> Catalog | None:
    try:
        return read_catalog(Path(path))
    except (OSError, CatalogError):
        return None  # reported by the catalog guard


def entry_line(catalog_path: Path, source: str, line: int) -> int | None:
    """The ``msgstr`` line of the live entry of ``catalog_path`` translating ``source``:``line``."""
    try:
        catalog = _read(str(catalog_path), catalog_path.stat().st_mtime_ns)
    except OSError:
        return None
    if catalog is None:
        return None
    # ``#:`` paths are relative to where the templates were extracted
    # (``../../docs/page.md``): compare what follows the climb
    wanted = "/" + Path(os.path.abspath(source)).as_posix().lstrip("/")
    for index, entry in enumerate(catalog.po):
        if entry.obsolete or not entry.msgstr:
            continue
        for occ_path, occ_line in entry.occurrences:
            tail = "/" + "/".join(p for p in Path(occ_path).as_posix().split("/")
                                  if p not in ("..", "."))
            if occ_line == str(line) and wanted.endswith(tail):
                return msgstr_line(catalog, index, entry)
    return None
