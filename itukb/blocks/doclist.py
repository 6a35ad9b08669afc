"""Generated lists of documents (``{document-list}``), newest first.

The directive only marks the place and records that the page shows the list;
the list is drawn when the page is written, and the page is written again
whenever a document is added, removed or re-dated
(:mod:`itukb.derived.engine`).
"""

from __future__ import annotations

from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from itukb.blocks.generated_html import document_list_html
from itukb.derived.engine import Block, add_block, place
from itukb.derived.page import PageWriter
from itukb.i18n.words import kind_name, label
from itukb.store.citing import documents_data
from itukb.store.domain import KnowledgeBaseDomain


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
        # when the page lists them so (itukb.pages.navigation)
        place(self.env, "document-list", group_by=group_by)
        node = document_list(group_by=group_by,
                             limit=self.options.get("limit", 0))
        self.set_source_info(node)
        return [node]


def render_document_list(page: PageWriter, domain: KnowledgeBaseDomain,
                         node: document_list) -> nodes.Node:
    # lists of documents repeat titles found on each document's own page: kept
    # out of the search index ("no-search"), which would otherwise return them
    # for every query and re-index them whenever a document is added
    box = nodes.container(classes=["no-search"])
    records = documents_data(domain)
    if node["limit"]:
        records = records[:node["limit"]]
    box.extend(_grouped(page, records, node["group_by"]))
    return box


def _items(page: PageWriter, records: list[dict[str, Any]]) -> nodes.raw:
    return nodes.raw("", document_list_html([
        {"href": page.href(r["docname"], ""), "title": r["title"],
         "date": page.date(r["date"]), "symbol": r.get("symbol") or "",
         "kind": kind_name(r["kind"])} for r in records]), format="html")


def _grouped(page: PageWriter, records: list[dict[str, Any]], group_by: str
             ) -> list[nodes.Node]:
    if not records:
        text = label("no_documents")
        return [nodes.paragraph(text, text)]
    if group_by == "none":
        return [_items(page, records)]
    groups: dict[str, list[dict[str, Any]]] = {}
    for record in records:
        key = record["date"][:4] if group_by == "year" else record["kind"]
        groups.setdefault(key, []).append(record)
    out: list[nodes.Node] = []
    for key in sorted(groups, reverse=group_by == "year"):
        heading = key if group_by == "year" else kind_name(key)
        rubric = nodes.rubric(heading, heading, classes=["kb-group"])
        # the sidebar links to each year (itukb.pages.navigation); the same id in both languages
        anchor = year_anchor(key) if group_by == "year" else f"kb-kind-{key}"
        if anchor not in page.document.ids:
            rubric["ids"].append(anchor)
            page.document.ids[anchor] = rubric
        out.append(rubric)
        out.append(_items(page, groups[key]))
    return out


def year_anchor(year: str) -> str:
    """The id of a year's heading in a list of documents (linked from the sidebar)."""
    return f"kb-year-{year}"


def setup_doclist(app: Sphinx) -> None:
    add_block(app, Block("document-list", lambda d, doc, a: documents_data(d),
                         document_list, render_document_list))
    app.add_directive("document-list", DocumentListDirective)
