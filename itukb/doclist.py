"""Lists of documents, generated from their front matter.

A page asks for a list with the ``document-list`` directive; the list itself
is filled in at write time from the ``kb`` domain, so it always reflects
every document.  Because the listing page's own source does not change when
a document is added, it is marked outdated through ``env-get-outdated``
whenever any document page is added, changed or removed; otherwise an
incremental build would leave it stale.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Set
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from itukb.domain import get_domain
from itukb.languages import format_date, kind_name, label


class document_list(nodes.General, nodes.Element):
    """Where a generated list of documents goes."""


class DocumentListDirective(SphinxDirective):
    option_spec: ClassVar[dict[str, Any]] = {
        "group-by": lambda arg: directives.choice(arg, ("year", "kind", "none")),
        "limit": directives.positive_int,
    }

    def run(self) -> list[nodes.Node]:
        get_domain(self.env).note_listing(self.env.docname)
        node = document_list(group_by=self.options.get("group-by", "none"),
                             limit=self.options.get("limit", 0))
        self.set_source_info(node)
        return [node]


class FillDocumentLists(SphinxPostTransform):
    default_priority = 100

    def run(self, **kwargs: Any) -> None:
        for node in list(self.document.findall(document_list)):
            node.replace_self(self._render(node["group_by"], node["limit"]))

    def _entry(self, record: dict[str, Any]) -> nodes.list_item:
        language = self.config.language
        date = format_date(dt.date.fromisoformat(record["date"]), language)
        title = self.env.titles[record["docname"]].astext()
        uri = self.app.builder.get_relative_uri(self.env.docname, record["docname"])
        ref = nodes.reference(title, title, internal=True, refuri=uri)
        para = nodes.paragraph()
        para += nodes.inline(date, date, classes=["kb-date"])
        para += nodes.Text(" · ")
        para += ref
        if record.get("symbol"):
            para += nodes.Text(f" ({record['symbol']})")
        para += nodes.Text(f" · {kind_name(record['kind'], language)}")
        return nodes.list_item("", para)

    def _render(self, group_by: str, limit: int) -> list[nodes.Node]:
        records = sorted(get_domain(self.env).documents.values(),
                         key=lambda r: (r["date"], r["id"]), reverse=True)
        if limit:
            records = records[:limit]
        if not records:
            text = label("no_documents", self.config.language)
            return [nodes.paragraph(text, text)]
        if group_by == "none":
            items = nodes.bullet_list(classes=["kb-document-list"])
            items.extend(self._entry(r) for r in records)
            return [items]
        groups: dict[str, list[dict[str, Any]]] = {}
        for record in records:
            key = record["date"][:4] if group_by == "year" else record["kind"]
            groups.setdefault(key, []).append(record)
        out: list[nodes.Node] = []
        for key in sorted(groups, reverse=group_by == "year"):
            heading = key if group_by == "year" else kind_name(key, self.config.language)
            out.append(nodes.rubric(heading, heading))
            items = nodes.bullet_list(classes=["kb-document-list"])
            items.extend(self._entry(r) for r in groups[key])
            out.append(items)
        return out


def outdated_listings(
    app: Sphinx, env: BuildEnvironment, added: Set[str], changed: Set[str], removed: Set[str]
) -> list[str]:
    """Re-read every listing page when any document page comes, goes or changes."""
    domain = get_domain(env)
    touched = set(added) | set(changed) | set(removed)
    if not touched:
        return []
    return sorted(d for d in domain.listings if d not in touched and d in env.found_docs)


def setup_doclist(app: Sphinx) -> None:
    app.add_node(document_list)
    app.add_directive("document-list", DocumentListDirective)
    app.add_post_transform(FillDocumentLists)
    app.connect("env-get-outdated", outdated_listings)
