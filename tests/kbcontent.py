"""What the knowledge base holds, read from ``docs/`` and ``locale/``.

Tests of the real knowledge base take their expectations from here, never
from today's counts or sentences, so that adding a document or improving a
translation leaves them green.  ``root`` defaults to this checkout; the
maintainer's-path tests pass the copy they edited.
"""

from __future__ import annotations

import dataclasses
import re
from functools import cache
from pathlib import Path

import polib

from itukb.frontmatter import DocumentMeta, read_front_matter
from itukb.languages import format_date

REPO = Path(__file__).resolve().parent.parent
#: a knowledge base role with an explicit target: {event}`text <id>`
ROLE_WITH_ID = re.compile(r"\{(event|agenda|document|resolution|target|goal)\}`([^`<]*)<([^`>]+)>`")
#: a knowledge base role naming its object alone: {event}`id`
BARE_ROLE = re.compile(r"\{(event|agenda|document|resolution|target|goal)\}`([^`<]+)`")


@dataclasses.dataclass(frozen=True)
class Document:
    docname: str  # e.g. documents/cl-20-20
    path: Path
    meta: DocumentMeta
    source: str

    def date_in(self, language: str) -> str:
        return format_date(self.meta.date, language)


@cache
def documents(root: Path = REPO) -> tuple[Document, ...]:
    """Every document page (front matter under docs/documents/), sorted by docname."""
    found = []
    for path in sorted((root / "docs" / "documents").rglob("*.md")):
        if path.stem == "index":
            continue
        docname = path.relative_to(root / "docs").with_suffix("").as_posix()
        found.append(Document(docname, path, read_front_matter(path),
                              path.read_text(encoding="utf-8")))
    return tuple(found)


def by_date(root: Path = REPO) -> list[Document]:
    """Newest first, as the list of documents shows them (ties by docname)."""
    return sorted(documents(root), key=lambda d: (d.meta.date, d.docname), reverse=True)


def pages(root: Path = REPO) -> list[Path]:
    return sorted(p for p in (root / "docs").rglob("*.md") if "_root" not in p.parts)


def catalog_of(page: Path, root: Path = REPO, language: str = "en") -> Path:
    relative = page.relative_to(root / "docs").with_suffix(".po")
    return root / "locale" / language / "LC_MESSAGES" / relative


@cache
def translations(root: Path = REPO, language: str = "en") -> dict[str, str]:
    """Every translated msgid of every catalog -> its msgstr."""
    found: dict[str, str] = {}
    for path in sorted((root / "locale" / language / "LC_MESSAGES").rglob("*.po")):
        for entry in polib.pofile(str(path)):
            if entry.msgstr and not entry.obsolete and "fuzzy" not in entry.flags:
                found.setdefault(entry.msgid, entry.msgstr)
    return found


def translated(text: str, root: Path = REPO, language: str = "en") -> str:
    return translations(root, language)[text]
