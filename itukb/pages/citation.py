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

from itukb.languages import format_date, label, site_language
from itukb.pages.siteurls import absolute
from itukb.store.domain import get_domain
from itukb.store.versions import version_data

WORDS: dict[str, dict[str, str]] = {
    "cite": {"zh_CN": "引用本文献", "en": "Cite this document"},
    "help": {"zh_CN": "复制下面的引文；阅读日期和网址由浏览器填入。",
             "en": "Copy the citation below; your browser fills in the date you read it "
                   "and the address."},
    "in": {"zh_CN": "载：{site}，版本{version}（最后更新：{date}）",
           "en": "In: {site}, version {version} (last updated {date})"},
    "read": {"zh_CN": "阅读日期：{date}", "en": "read on {date}"},
}
#: filled in by itukb-reading.js: the date read, and the page's address in a local build
DATE_SLOT = "[date]"
URL_SLOT = "[URL]"


def word(key: str, language: str | None) -> str:
    return WORDS[key][site_language(language)]


class kb_citation(nodes.General, nodes.Element):
    """Where a document's ready citation goes; filled in when the page is written."""


def _field_texts(section: nodes.Element, language: str | None) -> dict[str, str]:
    """The metadata box's place and issuer as this build reads them (translated)."""
    names = {label(key, language): key for key in ("place", "issuer")}
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
    lang = site_language(language)
    date = format_date(dt.date.fromisoformat(node["date"]), lang)
    symbol = node["symbol"] if node["symbol"] and node["symbol"] not in node["title"] else ""
    where = "，".join(p for p in (node.get("place", ""), date) if p) if lang == "zh_CN" \
        else ", ".join(p for p in (node.get("place", ""), date) if p)
    edition = word("in", lang).format(
        site=label("site_title", lang), version=data.get("version", ""),
        date=format_date(dt.date.fromisoformat(data["last_changed"]), lang)
        if data.get("last_changed") else "")
    read = word("read", lang).format(date=DATE_SLOT)
    if lang == "zh_CN":
        parts = [node.get("issuer", ""), node["title"], symbol, where, edition]
        return "。".join(p for p in parts if p) + f"。{url}（{read}）"
    parts = [node.get("issuer", ""), node["title"], symbol, where, edition]
    return ". ".join(p for p in parts if p) + f". {url} ({read})."


def fill_citations(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    for node in list(doctree.findall(kb_citation)):
        language = app.config.language or "zh_CN"
        data = version_data(get_domain(app.env), docname)
        url = absolute(app.config, language, f"{docname}.html") or URL_SLOT
        text = citation_text(node, data, url, language)
        # kept out of the search index: it repeats the page's title and metadata
        box = nodes.container(classes=["kb-citation", "no-search"], ids=["cite-this-document"])
        box += nodes.rubric(word("cite", language), word("cite", language))
        box += nodes.paragraph(word("help", language), word("help", language),
                               classes=["kb-citation-help"])
        block = nodes.literal_block(text, text, language="text")
        box += block
        node.replace_self(box)


def setup_citation(app: Sphinx) -> None:
    app.add_node(kb_citation)
    app.add_transform(PlaceCitation)
    app.connect("doctree-resolved", fill_citations)
