""""This document cites": under a document, each object it cites, once.

The list follows the objects, not the document's source: when an object's
name changes (a revision renamed), the citing page is re-written with it.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from itukb.derived.engine import Block, add_block, place
from itukb.derived.page import PageWriter
from itukb.i18n.words import label
from itukb.store.citing import cites_data
from itukb.store.domain import KnowledgeBaseDomain


class kb_cites(nodes.General, nodes.Element):
    """Where the "this document cites" list of a document goes."""


def render_cites(page: PageWriter, domain: KnowledgeBaseDomain, node: kb_cites
                 ) -> list[nodes.Node]:
    rows = [r for r in cites_data(domain, page.docname) if not r.get("error")]
    if not rows:
        return []
    box = nodes.container(classes=["kb-cites"])
    box += nodes.rubric(label("cites"), label("cites"))
    items = nodes.bullet_list()
    for row in rows:
        para = nodes.paragraph("", "", page.link(row["docname"], row["anchor"], row["text"]))
        items += nodes.list_item("", para)
    box += items
    return [box]


def cites_placeholder(env: BuildEnvironment) -> kb_cites:
    """Record that the document being read lists what it cites; its node."""
    place(env, "cites")
    return kb_cites()


def setup_cites(app: Sphinx) -> None:
    def data(domain: KnowledgeBaseDomain, docname: str, attributes: dict) -> object:
        return cites_data(domain, docname)

    add_block(app, Block("cites", data, kb_cites, render_cites))
    # a page whose citations' link texts (or targets) change is re-written, list or not
    add_block(app, Block("citations", data))
