"""A ready citation of each document, in the page's language, to copy.

Symbol, title, issuer, place and date come from the document's front matter
as the page shows them (the title, place and issuer translated, read from the
page after Sphinx's ``Locale`` transform); the version and its date from the
version box's data (:func:`itukb.store.versions.version_data`, which already makes
the page re-written when they change); the URL from the base URL when the
site has one.  What the build cannot know, the date the reader reads it and,
in a local build, the page's address, ``itukb-reading.js`` fills in in the
browser.  The citation is a plain-text literal block, so sphinx-copybutton
gives it its copy button.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform

from itukb.i18n.config import site_language
from itukb.i18n.dates import format_date
from itukb.i18n.words import C_, N_, _, between, label
from itukb.pages.siteurls import absolute
from itukb.store.domain import get_domain
from itukb.store.versions import version_data

WORDS: dict[str, str] = {
    "cite": N_("Cite this document"),
    "help": N_("Copy the citation below; your browser fills in the date you read it and the "
               "address."),
    "in": N_("In: {site}, version {version} (last updated {date})"),
    "read": N_("read on {date}"),
}
#: filled in by itukb-reading.js: the date read, and the page's address in a local build
DATE_SLOT = "[date]"
URL_SLOT = "[URL]"


def word(key: str) -> str:
    return _(WORDS[key])


class kb_citation(nodes.General, nodes.Element):
    """Where a document's ready citation goes; filled in when the page is written."""


def _field_texts(section: nodes.Element, language: str | None) -> dict[str, str]:
    """The metadata box's place and issuer as this build reads them (translated)."""
    names = {label(key): key for key in ("place", "issuer")}
    found: dict[str, str] = {}
    for field in section.findall(nodes.field):
        key = names.get(field[0].astext())
        if key and key not in found:
            found[key] = " ".join(field[1].astext().split())
    return found


class PlaceCitation(SphinxTransform):
    """After translation: note the document's citation fields, at the end of the page."""

    default_priority = 735

    def apply(self, **kwargs: Any) -> None:
        record = get_domain(self.env).documents.get(self.env.docname)
        section = next(iter(self.document.findall(nodes.section)), None)
        if record is None or section is None:
            return
        fields = _field_texts(section, self.config.language)
        section += kb_citation(title=section[0].astext(), symbol=record.get("symbol") or "",
                               date=str(record["date"]), **fields)


def citation_text(node: kb_citation, data: dict[str, Any], url: str, language: str) -> str:
    """The citation, one line, in the conventions of the page's language."""
    lang = language
    date = format_date(dt.date.fromisoformat(node["date"]), lang)
    symbol = node["symbol"] if node["symbol"] and node["symbol"] not in node["title"] else ""
    # Translators: in a citation, between the place and the date
    comma = between(C_("citation", "{place}, {date}"), "place", "date")
    where = comma.join(p for p in (node.get("place", ""), date) if p)
    edition = word("in").format(
        site=label("site_title"), version=data.get("version", ""),
        date=format_date(dt.date.fromisoformat(data["last_changed"]), lang)
        if data.get("last_changed") else "")
    read = word("read").format(date=DATE_SLOT)
    parts = [node.get("issuer", ""), node["title"], symbol, where, edition]
    # Translators: in a citation, between its parts (issuer, title, symbol, ...)
    stop = between(C_("citation", "{part}. {next}"), "part", "next")
    # Translators: the end of a citation: its address, and the date it was read
    return C_("citation", "{citation}. {url} ({read}).").format(
        citation=stop.join(p for p in parts if p), url=url, read=read)


def fill_citations(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    for node in list(doctree.findall(kb_citation)):
        language = site_language(app.config)
        data = version_data(get_domain(app.env), docname)
        url = absolute(app.config, language, f"{docname}.html") or URL_SLOT
        text = citation_text(node, data, url, language)
        # kept out of the search index: it repeats the page's title and metadata
        box = nodes.container(classes=["kb-citation", "no-search"], ids=["cite-this-document"])
        box += nodes.rubric(word("cite"), word("cite"))
        box += nodes.paragraph(word("help"), word("help"),
                               classes=["kb-citation-help"])
        block = nodes.literal_block(text, text, language="text")
        box += block
        node.replace_self(box)


def setup_citation(app: Sphinx) -> None:
    app.add_node(kb_citation)
    app.add_transform(PlaceCitation)
    app.connect("doctree-resolved", fill_citations)
