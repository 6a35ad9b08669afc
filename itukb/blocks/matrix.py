"""The traceability matrix (``{traceability-matrix}``): documents against what they cite.

One row per citing document, one column per target, resolution or revision
cited, each filled cell linking to the citing paragraph.  Drawn when the
page is written, and written again whenever a citation anywhere changes
(:mod:`itukb.derived.engine`).
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from itukb.blocks.generated_html import matrix_html
from itukb.derived.engine import Block, add_block, place
from itukb.derived.page import PageWriter
from itukb.i18n.words import label
from itukb.store.citing import matrix_data
from itukb.store.domain import KnowledgeBaseDomain


class traceability_matrix(nodes.General, nodes.Element):
    """Where the documents-by-objects matrix goes."""


class TraceabilityMatrixDirective(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        place(self.env, "matrix")
        node = traceability_matrix()
        self.set_source_info(node)
        return [node]


def render_matrix(page: PageWriter, domain: KnowledgeBaseDomain,
                  node: traceability_matrix) -> nodes.Node:
    data = matrix_data(domain)
    if not data["rows"]:
        text = label("matrix_empty")
        return nodes.paragraph(text, text)
    table = matrix_html(data, label("document"), page.href)
    # titles repeated from the documents' own pages: not indexed for search
    return nodes.raw("", table, format="html", classes=["no-search"])


def setup_matrix(app: Sphinx) -> None:
    add_block(app, Block("matrix", lambda d, doc, a: matrix_data(d), traceability_matrix,
                         render_matrix))
    app.add_directive("traceability-matrix", TraceabilityMatrixDirective)
