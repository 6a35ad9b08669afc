"""The relations of an object or document: its status line and its box of relations.

Both sides of a relation are derived data (:mod:`itukb.store.relations`):
when page B starts superseding an object on page A, page A's data changes and
A is re-written on an incremental build.  The status line above the text
(:mod:`itukb.blocks.status`) says what a reader needs first; the box after the
text lists the other relations, without repeating the status line.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from itukb.blocks.status import status_line
from itukb.derived.engine import Block, add_block, place
from itukb.derived.page import PageWriter
from itukb.i18n.words import label
from itukb.store.domain import KnowledgeBaseDomain
from itukb.store.relations import endpoint, relations_data

#: relations that the status line above the text already states: not repeated
#: in the box of relations
STATED_BY_STATUS = ("rel_superseded_by", "rel_cancelled_by", "rel_postponed_to",
                    "rel_replaced_by")


class kb_relations(nodes.General, nodes.Element):
    """Where an object's or document's status line and relations box go.

    ``part`` is ``"status"`` or ``"box"`` when :mod:`itukb.reading.objectpage` has
    split them (the status above the object's text, the box after it);
    without it both are rendered in place.
    """


def render_relations(page: PageWriter, domain: KnowledgeBaseDomain,
                     node: kb_relations) -> list[nodes.Node]:
    """The box listing the relations the status line does not already state."""
    key = (node["space"], node["ident"])
    if endpoint(domain, key) is None:
        return []  # not recorded (duplicate id, no labelled heading): already reported
    rows = [row for row in relations_data(domain, key)["rows"]
            if row["label"] not in STATED_BY_STATUS]
    if not rows:
        return []
    box = nodes.container(classes=["kb-relations"])
    box += nodes.rubric(label("relations"), label("relations"))
    items = nodes.bullet_list()
    for row in rows:
        para = nodes.paragraph()
        para += nodes.strong(label(row["label"]), label(row["label"]))
        para += nodes.Text(label("colon"))
        para += page.link(row["docname"], row["anchor"], row["text"])
        items += nodes.list_item("", para)
    box += items
    return [box]


def render_relation_node(page: PageWriter, domain: KnowledgeBaseDomain,
                         node: kb_relations) -> list[nodes.Node]:
    """What a relations node shows: its status line, its box, or both."""
    key = (node["space"], node["ident"])
    part = node.get("part")
    out: list[nodes.Node] = []
    if part in (None, "status") and (key[0] == "document" or key[1] in domain.objects):
        out += status_line(page, domain, key)
    if part in (None, "box"):
        out += render_relations(page, domain, node)
    return out


def note_relations(env: BuildEnvironment, space: str, ident: str) -> kb_relations:
    """Record the relations block of one object or document and return its node."""
    place(env, "relations", space=space, ident=ident)
    return kb_relations(space=space, ident=ident)


def setup_relations_block(app: Sphinx) -> None:
    add_block(app, Block(
        "relations", lambda d, doc, a: relations_data(d, (a["space"], a["ident"])),
        kb_relations, render_relation_node))
