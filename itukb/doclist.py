"""Directives asking for generated lists: documents, and the traceability matrix.

The directives only mark the place and register the page as showing derived
data; :mod:`itukb.derived` fills them in at write time and re-writes the page
whenever the data changes.
"""

from __future__ import annotations

from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from itukb.domain import get_domain


class document_list(nodes.General, nodes.Element):
    """Where a generated list of documents goes."""


class DocumentListDirective(SphinxDirective):
    option_spec: ClassVar[dict[str, Any]] = {
        "group-by": lambda arg: directives.choice(arg, ("year", "kind", "none")),
        "limit": directives.positive_int,
    }

    def run(self) -> list[nodes.Node]:
        group_by = self.options.get("group-by", "none")
        # the grouping is recorded: the sidebar groups a page's documents by year
        # when the page lists them so (itukb.navigation)
        get_domain(self.env).note_derived(self.env.docname, "document-list",
                                          {"group_by": group_by})
        node = document_list(group_by=group_by,
                             limit=self.options.get("limit", 0))
        self.set_source_info(node)
        return [node]


class TraceabilityMatrixDirective(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        from itukb.derived import traceability_matrix

        get_domain(self.env).note_derived(self.env.docname, "matrix", {})
        node = traceability_matrix()
        self.set_source_info(node)
        return [node]


def setup_doclist(app: Sphinx) -> None:
    app.add_node(document_list)
    app.add_directive("document-list", DocumentListDirective)
    app.add_directive("traceability-matrix", TraceabilityMatrixDirective)
