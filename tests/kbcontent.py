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
from kbwords import format_date

from itukb.model.frontmatter import DocumentMeta, read_front_matter

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


def plain_sentence(root: Path = REPO) -> tuple[Path, str] | None:
    """A page that is not a document, and a paragraph line of it ending a sentence."""
    for page in pages(root):
        if page.parent != root / "docs":
            continue
        text = page.read_text(encoding="utf-8")
        if text.startswith("---"):
            continue
        for line in text.split("\n"):
            if (line.endswith("。") and line[0] not in "#-(:`|{*>[ 0123456789"
                    and "`" not in line and text.count(line) == 1):
                return page, line
    return None


# -- pages to look at, picked from the content (for the browser tests) ------------

LABEL = re.compile(r"^\(([\w-]+)\)=\n#{2,} ", re.MULTILINE)
CITED_TARGET = re.compile(r"\{target\}`(?:[^`<]*<)?([\d.]+)(?:@([\w-]+))?>?`")


def newest_document(root: Path = REPO) -> Document:
    return by_date(root)[0]


def labelled_heading(root: Path = REPO) -> tuple[str, str]:
    """(document page, anchor) of the first labelled heading of the newest document having one."""
    for document in by_date(root):
        match = LABEL.search(document.source)
        if match:
            return f"{document.docname}.html", match.group(1)
    raise LookupError("no document has a labelled heading")


def target_declarations(root: Path = REPO) -> dict[str, tuple[str, str]]:
    """Target number -> (page, anchor) of its declaration (the first, by page name)."""
    found: dict[str, tuple[str, str]] = {}
    pattern = re.compile(r"^\(([\w-]+)\)=\n#{2,} .*\n+```\{kb:target\} ([\d.]+)$", re.MULTILINE)
    for page in pages(root):
        docname = page.relative_to(root / "docs").with_suffix("").as_posix()
        for anchor, number in pattern.findall(page.read_text(encoding="utf-8")):
            found.setdefault(number, (f"{docname}.html", anchor))
    return found


def cited_target(root: Path = REPO) -> tuple[str, str, str] | None:
    """(citing document page, target number, its page#anchor) for a target cited once
    and declared once, so that the link and the search result are unambiguous."""
    declared = target_declarations(root)
    counts: dict[str, int] = {}
    for page in pages(root):
        for number in re.findall(r"```\{kb:target\} ([\d.]+)$",
                                 page.read_text(encoding="utf-8"), re.MULTILINE):
            counts[number] = counts.get(number, 0) + 1
    for document in by_date(root):
        for match in CITED_TARGET.finditer(document.source):
            number = match.group(1)
            if counts.get(number) == 1 and number in declared:
                page, anchor = declared[number]
                return f"{document.docname}.html", number, f"{page}#{anchor}"
    return None


def searched_term(root: Path = REPO) -> tuple[str, str, str] | None:
    """(Chinese term, its English, a document using it) from search-terms.txt and the glossary."""
    glossary = {}
    for line in (root / "locale/glossary.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#") and "\t" in line:
            chinese, english = line.split("\t")[:2]
            glossary[chinese] = english.split("|")[0].strip()
    for line in (root / "locale/search-terms.txt").read_text(encoding="utf-8").splitlines():
        term = line.split()[0] if line.strip() and not line.startswith("#") else ""
        if term in glossary:
            for document in by_date(root):
                if term in document.source.split("\n---", 1)[-1]:
                    return term, glossary[term], f"{document.docname}.html"
    return None
