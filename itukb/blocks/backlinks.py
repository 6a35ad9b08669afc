""""Cited by" under an object: each citing document, and the sentence that cites.

Rendered after the object's own text (see :mod:`itukb.reading.objectpage`): what an
object says comes before who cites it.  Each citing paragraph is quoted (the
sentence holding the citation, :mod:`itukb.store.quotes`) and the quote links to
that paragraph, so a reader sees why a document cites the object before
following the link.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from itukb.derived.engine import Block, add_block, place
from itukb.derived.page import PageWriter
from itukb.i18n.words import C_, label
from itukb.store.citing import backlinks_data
from itukb.store.domain import KnowledgeBaseDomain


class kb_backlinks(nodes.General, nodes.Element):
    """Where the documents citing an object are listed."""

def render_backlinks(page: PageWriter, domain: KnowledgeBaseDomain, node: kb_backlinks
                     ) -> list[nodes.Node]:
    """One item per citing document, newest first, with a quote per citing paragraph."""
    rows = backlinks_data(domain, node["object_id"])
    if not rows:
        return []  # an empty "cited by" box under every object is noise
    opening, closing = C_("quotation", "“"), C_("quotation", "”")
    box = nodes.container(classes=["kb-backlinks"])
    box += nodes.rubric(label("cited_by"), label("cited_by"))
    items = nodes.bullet_list()
    by_document: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_document.setdefault(row["docname"], []).append(row)
    for group in by_document.values():
        group.sort(key=lambda r: r["anchor"])
        first = group[0]
        item = nodes.list_item()
        head = nodes.paragraph(classes=["kb-backlink-source"])
        head += nodes.inline(page.date(first["date"]), page.date(first["date"]),
                             classes=["kb-date"])
        head += nodes.Text(" · ")
        head += page.link(first["docname"], "", first["title"])
        item += head
        for row in group:
            text = row.get("quote") or first["title"]
            quote = nodes.paragraph(classes=["kb-quote"])
            quote += page.link(row["docname"], row["anchor"], f"{opening}{text}{closing}")
            item += quote
        items += item
    box += items
    return [box]


def backlinks_placeholder(env: BuildEnvironment, object_id: str) -> kb_backlinks:
    """Record that the page being read lists who cites ``object_id``; its node."""
    place(env, "backlinks", object_id=object_id)
    return kb_backlinks(object_id=object_id)


def setup_backlinks(app: Sphinx) -> None:
    add_block(app, Block("backlinks", lambda d, doc, a: backlinks_data(d, a["object_id"]),
                         kb_backlinks, render_backlinks))
