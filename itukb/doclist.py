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


def order_documents_by_date(app: Sphinx, env: Any) -> list[str]:
    """Put the documents of every toctree in the order the sidebar shows: newest first.

    A ``:glob:`` toctree lists pages by file name, and Sphinx takes Previous
    and Next from the toctrees, so they followed file names while the sidebar
    and the document lists go by date.  Only the documents among a toctree's
    entries move, into the places documents held; other entries stay put.
    """
    domain = get_domain(env)
    documents = domain.documents
    for children in env.toctree_includes.values():
        places = [i for i, docname in enumerate(children) if docname in documents]
        ordered = sorted((children[i] for i in places),
                         key=lambda d: (documents[d]["date"], d), reverse=True)
        for place, docname in zip(places, ordered, strict=True):
            children[place] = docname
    # a page whose Previous or Next changed (a date changed elsewhere) is written again
    neighbours = _neighbours(env.toctree_includes)
    before = domain.data.get("toctree_neighbours")
    domain.data["toctree_neighbours"] = neighbours
    if not before:
        return []
    return sorted(d for d, around in neighbours.items()
                  if before.get(d) != around and d in env.all_docs)


def _neighbours(includes: dict[str, list[str]]) -> dict[str, list[str | None]]:
    """Each page -> [its parent, the entry before it, the entry after it, its first child].

    Sphinx's Previous and Next of a page are drawn from these.
    """
    found: dict[str, list[str | None]] = {}

    def of(docname: str) -> list[str | None]:
        return found.setdefault(docname, [None, None, None, None])

    for parent, children in includes.items():
        if children:
            of(parent)[3] = children[0]
        for index, docname in enumerate(children):
            of(docname)[:3] = [parent, children[index - 1] if index else None,
                               children[index + 1] if index + 1 < len(children) else None]
    return found


def setup_doclist(app: Sphinx) -> None:
    app.connect("env-updated", order_documents_by_date)
    app.add_node(document_list)
    app.add_directive("document-list", DocumentListDirective)
    app.add_directive("traceability-matrix", TraceabilityMatrixDirective)
