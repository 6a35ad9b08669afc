"""Record every citation with a stable anchor on the paragraph that makes it.

Backlinks point at the citing paragraph, not just the page, so each
paragraph that cites an object gets an id derived from its section's label
(``wtisd-21-call-member-states-cite-1``): stable when other sections change,
and the same in both languages because translation keeps paragraphs in order.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform

from itukb.blocks.cites import cites_placeholder
from itukb.derived.engine import place
from itukb.model.document import is_document_page
from itukb.store.domain import CITABLE_KINDS, get_domain
from itukb.store.quotes import citing_sentence


def _block(node: nodes.Node) -> nodes.Element | None:
    while node is not None and not isinstance(node, (nodes.paragraph, nodes.title)):
        node = node.parent
    return node


def _section_id(node: nodes.Node, fallback: str) -> str:
    while node is not None:
        if isinstance(node, nodes.section) and node["ids"]:
            return node["ids"][0]
        node = node.parent
    return fallback


class RecordCitations(SphinxTransform):
    # after StableAnchors (700) has settled section ids, before Sphinx
    # collects ids for the TOC (880)
    default_priority = 710

    def apply(self, **kwargs: Any) -> None:
        domain = get_domain(self.env)
        docname = self.env.docname
        counters: dict[str, int] = {}
        found = False
        for xref in self.document.findall(addnodes.pending_xref):
            if xref.get("refdomain") != "kb" or xref.get("reftype") not in CITABLE_KINDS:
                continue
            found = True
            block = _block(xref)
            anchor = ""
            if isinstance(block, nodes.paragraph):
                if not block["ids"]:
                    section = _section_id(block, "top")
                    counters[section] = counters.get(section, 0) + 1
                    block["ids"].append(f"{section}-cite-{counters[section]}")
                    self.document.ids[block["ids"][0]] = block
                anchor = block["ids"][0]
            domain.note_citation(docname, {
                "kind": xref["reftype"], "target": xref["reftarget"],
                "explicit": bool(xref.get("refexplicit")), "anchor": anchor,
                # the sentence that cites, in the page's language, for "Cited by"
                "quote": citing_sentence(block, xref, self.config.language)
                if block is not None else "",
                "line": xref.line or (block.line if block is not None else None) or 0,
            })
        if found:
            place(self.env, "citations")
        if is_document_page(docname, self.config.kb_document_dirs):
            top = next(iter(self.document.findall(nodes.section)), None)
            cites = cites_placeholder(self.env)
            if top is not None:
                top += cites


def setup_citations(app: Sphinx) -> None:
    app.add_transform(RecordCitations)
