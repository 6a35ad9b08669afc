"""Stable anchors: explicit, ASCII, and the same in every language.

Docutils derives a heading's id from its text.  A Chinese heading gives an
``id1``-style id; its English translation gives another one; and both shift
when sections are added.  A link ``page.html#x`` must work in both builds and
keep working, so every heading carries an explicit label and only that label
is kept as its id.  Footnote back-references get ids derived from the
footnote label.  Any generated ``idN`` left over is reported.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

logger = logging.getLogger(__name__)

GENERATED_ID = re.compile(r"^id\d+$")


def _explicit_ids(section: nodes.section, document: nodes.document) -> list[str]:
    ids = []
    for name in section["names"]:
        if document.nametypes.get(name) and document.nameids.get(name) in section["ids"]:
            ids.append(document.nameids[name])
    return ids


class StableAnchors(SphinxTransform):
    """Keep only explicit ids on headings and name footnote back-references."""

    # after docutils has moved labels onto sections (PropagateTargets, 260) and
    # numbered footnotes (620); before Sphinx collects titles and the TOC (880)
    default_priority = 700

    def apply(self, **kwargs: object) -> None:
        self._sections()
        self._footnote_references()
        self._report_generated()

    def _drop(self, node: nodes.Element, keep: list[str]) -> None:
        """Give ``node`` exactly the ids ``keep``; names pointing at dropped ids follow."""
        for new in keep:
            self.document.ids[new] = node
        dropped = [old for old in node["ids"] if old not in keep]
        for old in dropped:
            self.document.ids.pop(old, None)
        if keep:
            for name, node_id in self.document.nameids.items():
                if node_id in dropped:
                    self.document.nameids[name] = keep[0]
        node["ids"] = keep

    def _sections(self) -> None:
        for section in self.document.findall(nodes.section):
            explicit = _explicit_ids(section, self.document)
            if explicit:
                self._drop(section, explicit)
                continue
            if isinstance(section.parent, nodes.document):
                # the page title: the page is addressed by its URL, give it a
                # predictable id derived from the file name
                page_id = nodes.make_id(PurePosixPath(self.env.docname).name) or "top"
                self._drop(section, [page_id])
                continue
            logger.warning(
                f"heading {section[0].astext()!r} has no explicit label: put a line "
                "'(some-label)=' above it so its anchor is stable and the same in every "
                "language",
                location=section, type="itukb", subtype="anchor")

    def _footnote_references(self) -> None:
        footnote_ids: dict[str, str] = {}
        for footnote in self.document.findall(nodes.footnote):
            name = footnote["names"][0] if footnote["names"] else None
            if name is None:
                continue
            new = nodes.make_id(f"footnote-{name}")
            for old in footnote["ids"]:
                footnote_ids[old] = new
            self._drop(footnote, [new])
        seen: dict[str, int] = {}
        backrefs: dict[str, str] = {}
        for ref in self.document.findall(nodes.footnote_reference):
            if ref.get("refid") in footnote_ids:
                ref["refid"] = footnote_ids[ref["refid"]]
            target = ref.get("refid") or ref.get("refname") or "note"
            target = target.removeprefix("footnote-")
            count = seen[target] = seen.get(target, 0) + 1
            new = nodes.make_id(f"fnref-{target}" + (f"-{count}" if count > 1 else ""))
            for old in ref["ids"]:
                backrefs[old] = new
            self._drop(ref, [new])
        for footnote in self.document.findall(nodes.footnote):
            footnote["backrefs"] = [backrefs.get(b, b) for b in footnote["backrefs"]]

    def _report_generated(self) -> None:
        for node in self.document.findall(nodes.Element):
            if isinstance(node, nodes.section):
                continue  # reported with advice by _sections
            for node_id in node.get("ids", []):
                if GENERATED_ID.match(node_id):
                    logger.warning(
                        f"generated anchor '{node_id}' on {node.tagname}: it changes when "
                        "the page changes; give the element an explicit label",
                        location=node, type="itukb", subtype="anchor")


def setup_anchors(app: Sphinx) -> None:
    app.add_transform(StableAnchors)
