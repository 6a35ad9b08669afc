"""A stable anchor on every paragraph, so that any paragraph can be cited.

Citing paragraphs already have one (``<section>-cite-<n>``, :mod:`itukb.reading.citations`);
every other paragraph of running text gets ``<section>-p-<n>``, ``n`` being
its place among the paragraphs of its section (list items included, nested
sections not).  Derived from the section's label like the citation anchors,
it stays put when other sections change, and is the same in both languages
because translation keeps paragraphs in order.  The link mark that copies a
paragraph's URL is drawn by ``itukb-reading.js``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform


def _own_paragraphs(section: nodes.section) -> Iterator[nodes.paragraph]:
    """Paragraphs of ``section``'s running text: directly in it, or items of its lists."""
    for child in section.children:
        if isinstance(child, nodes.paragraph):
            yield child
        elif isinstance(child, (nodes.bullet_list, nodes.enumerated_list)):
            for item in child.children:
                for para in item.children:
                    if isinstance(para, nodes.paragraph):
                        yield para


class ParagraphAnchors(SphinxTransform):
    # after the citation anchors (710) and the objects' records (720)
    default_priority = 730

    def apply(self, **kwargs: Any) -> None:
        for section in self.document.findall(nodes.section):
            if not section["ids"]:
                continue  # reported by itukb.reading.anchors
            for number, para in enumerate(_own_paragraphs(section), start=1):
                if para["ids"]:
                    continue
                anchor = f"{section['ids'][0]}-p-{number}"
                if anchor in self.document.ids:
                    continue  # a label chose it already: keep the label's
                para["ids"].append(anchor)
                self.document.ids[anchor] = para


def setup_paragraphs(app: Sphinx) -> None:
    app.add_transform(ParagraphAnchors)
