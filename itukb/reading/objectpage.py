"""The order of an object's section: status, text, then what is derived from it.

An object's directive puts its derived blocks right under the heading
(:class:`itukb.reading.objects.ObjectDirective`), so "Cited by" and "Related" stood
above the text they are about.  Here, once the page is read, the status line
stays at the top and the rest moves after the object's own text, before its
subsections: the box of relations, a resolution's timeline of revisions
(:mod:`itukb.blocks.timeline`) and "Cited by".

A target's wording is recorded before translation (``_wording`` in its
record), in the source language, so that the timeline compares the same text
in every language build.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform

from itukb.blocks.backlinks import kb_backlinks
from itukb.blocks.relations import kb_relations
from itukb.blocks.timeline import timeline_placeholder
from itukb.reading.objects import kb_object
from itukb.store.domain import get_domain


class RecordWording(SphinxTransform):
    """Note each target's own paragraphs, as written in the source language."""

    # before Sphinx's Locale transform (20) replaces them with the translation
    default_priority = 15

    def apply(self, **kwargs: Any) -> None:
        for marker in self.document.findall(kb_object):
            record = marker["record"]
            if record.get("kind") != "target" or not isinstance(marker.parent, nodes.section):
                continue
            text = " ".join(" ".join(child.astext().split()) for child in marker.parent.children
                            if isinstance(child, nodes.paragraph))
            record["_wording"] = text or None


def _end_of_text(section: nodes.Element) -> int:
    """Index in ``section`` after its own text: before its first subsection."""
    for index, child in enumerate(section.children):
        if isinstance(child, nodes.section):
            return index
    return len(section.children)


class OrderObjectSections(SphinxTransform):
    """Status first, then the text, then relations, timeline and "Cited by"."""

    # after RecordObjects (720), which needs the declaration in place
    default_priority = 725

    def apply(self, **kwargs: Any) -> None:
        domain = get_domain(self.env)
        for node in list(self.document.findall(kb_relations)):
            section = node.parent
            if node["space"] != "object" or not isinstance(section, nodes.section):
                continue
            node["part"] = "status"
            after: list[nodes.Node] = [
                kb_relations(space=node["space"], ident=node["ident"], part="box")]
            record = domain.objects.get(node["ident"])
            if record is not None and record["docname"] == self.env.docname \
                    and record["kind"] == "resolution":
                after.append(timeline_placeholder(self.env, node["ident"]))
            for backlinks in [c for c in section.children if isinstance(c, kb_backlinks)]:
                section.remove(backlinks)
                after.append(backlinks)
            position = _end_of_text(section)
            for offset, moved in enumerate(after):
                section.insert(position + offset, moved)


def setup_objectpage(app: Sphinx) -> None:
    app.add_transform(RecordWording)
    app.add_transform(OrderObjectSections)
