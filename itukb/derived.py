"""Pages that show data gathered from other pages, kept right on every build.

Backlinks, "this document cites" lists, document lists and the traceability
matrix are filled in at write time from the ``kb`` domain.  Such a page's own
source does not change when another page starts citing it, so Sphinx would
not re-write it: the known way backlink tables go stale.  Here each page
records which derived blocks it shows; after every read the data behind
them is hashed, and each page whose hash changed is handed back to Sphinx
through ``env-get-updated`` to be written again.  Only those pages are
re-written, so an incremental build stays small.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from functools import partial
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from itukb.backlinks import render_backlinks
from itukb.citations import kb_cites
from itukb.doclist import document_list
from itukb.domain import KnowledgeBaseDomain, get_domain
from itukb.generated_html import document_list_html, matrix_html
from itukb.i18n.dates import format_date
from itukb.i18n.words import kind_name, label
from itukb.navigation import year_anchor
from itukb.objects import kb_backlinks
from itukb.quotes import fill_quote
from itukb.relations import kb_relations, relations_data
from itukb.resolve import CitationError, Resolved, citing_date, link_text, resolve
from itukb.status import render_relation_node
from itukb.timeline import kb_timeline, render_timeline, timeline_data
from itukb.versions import (
    changelog_data,
    kb_changelog,
    kb_version_box,
    page_date_data,
    render_changelog,
    render_version_box,
    version_data,
)

# -- the data behind each derived block --------------------------------------


def resolved_citations(
    domain: KnowledgeBaseDomain,
) -> dict[str, list[tuple[dict, Resolved | None]]]:
    """Every citation of every page with what it resolves to (None if it fails)."""
    cache = getattr(domain, "_resolved_cache", None)
    if cache is not None:
        return cache
    result: dict[str, list[tuple[dict, Resolved | None]]] = {}
    for docname, citations in sorted(domain.citations.items()):
        date = citing_date(domain, docname)
        rows: list[tuple[dict, Resolved | None]] = []
        for citation in citations:
            try:
                rows.append((citation, resolve(domain, citation["kind"], citation["target"],
                                               date)))
            except CitationError:
                rows.append((citation, None))
        result[docname] = rows
    domain._resolved_cache = result  # type: ignore[attr-defined]
    return result


def once_per_build(compute: Callable[[KnowledgeBaseDomain], Any]) -> Callable[..., Any]:
    """Compute data over the whole site once per build, not once per page that shows it.

    The result lives as long as the resolved citations (:func:`resolved_citations`),
    which are dropped whenever pages have been read again.
    """
    def cached(domain: KnowledgeBaseDomain) -> Any:
        resolved = resolved_citations(domain)
        cache: tuple[object, dict[str, Any]] | None = getattr(domain, "_derived_cache", None)
        if cache is None or cache[0] is not resolved:
            cache = (resolved, {})
            domain._derived_cache = cache  # type: ignore[attr-defined]
        values = cache[1]
        if compute.__name__ not in values:
            values[compute.__name__] = compute(domain)
        return values[compute.__name__]

    cached.__doc__ = compute.__doc__
    return cached


@once_per_build
def _titles(domain: KnowledgeBaseDomain) -> dict[str, str]:
    """Filled as titles are asked for: each is asked for by every page citing it."""
    return {}


def _document_title(domain: KnowledgeBaseDomain, docname: str) -> str:
    titles = _titles(domain)
    if docname not in titles:
        title = domain.env.titles.get(docname)
        titles[docname] = (title.astext() if title is not None
                           else domain.documents[docname]["title"])
    return titles[docname]


@once_per_build
def _cited(domain: KnowledgeBaseDomain) -> dict[str, list[dict[str, Any]]]:
    """:func:`cites_data` per page, filled as asked for (two blocks of a page show it)."""
    return {}


@once_per_build
def citing_index(domain: KnowledgeBaseDomain) -> dict[str, list[tuple[str, dict]]]:
    """Object id -> (citing document, citation), in reading order.

    Looking the citations of one object up here instead of scanning every
    citation for each object keeps backlinks linear in the size of the site.
    """
    resolved = resolved_citations(domain)
    index: dict[str, list[tuple[str, dict]]] = {}
    for docname, citations in resolved.items():
        if docname not in domain.documents:
            continue  # only documents count as citing; object pages merely link
        for citation, target in citations:
            if target is not None:
                index.setdefault(target.object_id, []).append((docname, citation))
    revisions: dict[str, list[str]] = {}
    for obj_id, record in domain.objects.items():
        if record.get("resolution"):
            revisions.setdefault(record["resolution"], []).append(obj_id)
    # a resolution also collects the citations of its revisions
    for resolution, revision_ids in revisions.items():
        merged = [*index.get(resolution, [])]
        for revision in revision_ids:
            merged += index.get(revision, [])
        if merged:
            index[resolution] = merged
    return index


@once_per_build
def _backlinks(domain: KnowledgeBaseDomain) -> dict[str, list[dict[str, Any]]]:
    """:func:`backlinks_data` per object, filled as asked for (by its page's state,
    its block and the export)."""
    return {}


def backlinks_data(domain: KnowledgeBaseDomain, object_id: str) -> list[dict[str, Any]]:
    """Documents citing ``object_id`` (a resolution also collects its revisions)."""
    known = _backlinks(domain)
    if object_id not in known:
        known[object_id] = _backlinks_of(domain, object_id)
    return known[object_id]


def _backlinks_of(domain: KnowledgeBaseDomain, object_id: str) -> list[dict[str, Any]]:
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    for docname, citation in citing_index(domain).get(object_id, []):
        rows.setdefault((docname, citation["anchor"]), {
            "docname": docname, "anchor": citation["anchor"],
            "title": _document_title(domain, docname),
            "date": domain.documents[docname]["date"],
            "quote": fill_quote(citation.get("quote", ""), partial(_name, domain, docname))})
    return sorted(rows.values(), key=lambda r: (r["date"], r["docname"], r["anchor"]),
                  reverse=True)


def _name(domain: KnowledgeBaseDomain, docname: str, kind: str, target: str) -> str:
    """The generated link text of a citation made on ``docname`` (for quotes)."""
    try:
        return link_text(domain, resolve(domain, kind, target, citing_date(domain, docname)))
    except CitationError:
        return target


def cites_data(domain: KnowledgeBaseDomain, docname: str) -> list[dict[str, Any]]:
    """What a page cites, each object once, in order of first citation."""
    cited = _cited(domain)
    if docname not in cited:
        cited[docname] = _cites(domain, docname)
    return cited[docname]


def _cites(domain: KnowledgeBaseDomain, docname: str) -> list[dict[str, Any]]:
    seen: dict[str, dict[str, Any]] = {}
    for citation, resolved in resolved_citations(domain).get(docname, []):
        if resolved is None:
            seen.setdefault(f"!{citation['kind']}:{citation['target']}",
                            {"error": True, **citation})
            continue
        seen.setdefault(resolved.object_id, {
            "object_id": resolved.object_id, "kind": resolved.kind,
            "docname": resolved.docname, "anchor": resolved.anchor,
            "text": link_text(domain, resolved)})
    return list(seen.values())


@once_per_build
def documents_data(domain: KnowledgeBaseDomain) -> list[dict[str, Any]]:
    return sorted(({**r, "title": _document_title(domain, r["docname"])}
                   for r in domain.documents.values()),
                  key=lambda r: (r["date"], r["id"]), reverse=True)


@once_per_build
def matrix_data(domain: KnowledgeBaseDomain) -> dict[str, Any]:
    """Documents (rows) against the targets and resolutions they cite (columns)."""
    columns: dict[str, dict[str, Any]] = {}
    rows = []
    for record in documents_data(domain):
        cells: dict[str, str] = {}
        for citation, resolved in resolved_citations(domain).get(record["docname"], []):
            if resolved is None or resolved.kind not in ("target", "revision", "resolution"):
                continue
            columns.setdefault(resolved.object_id, {
                "object_id": resolved.object_id, "kind": resolved.kind,
                "docname": resolved.docname, "anchor": resolved.anchor,
                "text": link_text(domain, resolved)})
            cells.setdefault(resolved.object_id, citation["anchor"])
        rows.append({"docname": record["docname"], "title": record["title"],
                     "date": record["date"], "cells": cells})
    ordered = sorted(columns.values(), key=lambda c: (c["kind"] != "revision", c["object_id"]))
    return {"columns": ordered, "rows": [r for r in rows if r["cells"]]}


DATA: dict[str, Callable[[KnowledgeBaseDomain, str, dict[str, Any]], Any]] = {
    "backlinks": lambda d, doc, a: backlinks_data(d, a["object_id"]),
    "cites": lambda d, doc, a: cites_data(d, doc),
    "citations": lambda d, doc, a: cites_data(d, doc),
    "document-list": lambda d, doc, a: documents_data(d),
    "matrix": lambda d, doc, a: matrix_data(d),
    "relations": lambda d, doc, a: relations_data(d, (a["space"], a["ident"])),
    "timeline": lambda d, doc, a: timeline_data(d, a["resolution"]),
    "version": lambda d, doc, a: version_data(d, doc),
    "changelog": lambda d, doc, a: changelog_data(d),
    "page-date": lambda d, doc, a: page_date_data(d, doc),
}


def page_state(domain: KnowledgeBaseDomain, docname: str) -> str:
    """A hash of everything the page's derived blocks show."""
    blocks = [(kind, attrs, DATA[kind](domain, docname, attrs))
              for kind, attrs in domain.derived.get(docname, [])]
    return hashlib.sha256(json.dumps(blocks, sort_keys=True, default=str).encode()).hexdigest()


def pages_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """After reading: the pages whose derived data differs from when last written."""
    domain = get_domain(env)
    domain._resolved_cache = None  # type: ignore[attr-defined]
    states = domain.data["derived_state"]
    changed = []
    for docname in sorted(domain.derived):
        state = page_state(domain, docname)
        if states.get(docname) != state:
            changed.append(docname)
            states[docname] = state
    for docname in [d for d in states if d not in domain.derived]:
        del states[docname]
    return changed


# -- rendering -----------------------------------------------------------------


class DerivedBlocks:
    """Renders the derived blocks of one page as it is written."""

    def __init__(self, app: Sphinx, docname: str) -> None:
        self.builder = app.builder
        self.env = app.env
        self.config = app.config
        self.docname = docname
        self._uris: dict[str, str] = {}

    def fill(self, doctree: nodes.document) -> None:
        self.document = doctree
        domain = get_domain(self.env)
        for node in list(self.document.findall(kb_backlinks)):
            node.replace_self(self._backlinks(domain, node["object_id"]))
        for node in list(self.document.findall(kb_cites)):
            node.replace_self(self._cites(domain))
        for node in list(self.document.findall(document_list)):
            # lists of documents and the matrix repeat titles found on each document's
            # own page: kept out of the search index (Sphinx's "no-search" class), which
            # would otherwise return them for every query and re-index them, seconds at
            # thousands of documents, whenever a document is added
            box = nodes.container(classes=["no-search"])
            box.extend(self._document_list(domain, node["group_by"], node["limit"]))
            node.replace_self(box)
        for node in list(self.document.findall(traceability_matrix)):
            node.replace_self(self._matrix(domain))
        for node in list(self.document.findall(kb_relations)):
            node.replace_self(render_relation_node(self, domain, node))
        for node in list(self.document.findall(kb_timeline)):
            node.replace_self(render_timeline(self, domain, node["resolution"]))
        for node in list(self.document.findall(kb_version_box)):
            node.replace_self(render_version_box(self, domain))
        for node in list(self.document.findall(kb_changelog)):
            node.replace_self(render_changelog(self, domain))

    @property
    def lang(self) -> str:
        return self.config.language

    def _link(self, docname: str, anchor: str, text: str) -> nodes.reference:
        uri = self.builder.get_relative_uri(self.docname, docname)
        if docname == self.docname:
            uri = ""
        if anchor:
            uri += "#" + anchor
        return nodes.reference(text, text, internal=True, refuri=uri)

    def _date(self, iso: str) -> str:
        return format_date(dt.date.fromisoformat(iso), self.lang)

    def _backlinks(self, domain: KnowledgeBaseDomain, object_id: str) -> list[nodes.Node]:
        return render_backlinks(self, backlinks_data(domain, object_id))

    def _cites(self, domain: KnowledgeBaseDomain) -> list[nodes.Node]:
        rows = [r for r in cites_data(domain, self.docname) if not r.get("error")]
        if not rows:
            return []
        box = nodes.container(classes=["kb-cites"])
        box += nodes.rubric(label("cites"), label("cites"))
        items = nodes.bullet_list()
        for row in rows:
            para = nodes.paragraph("", "", self._link(row["docname"], row["anchor"], row["text"]))
            items += nodes.list_item("", para)
        box += items
        return [box]

    def _href(self, docname: str, anchor: str) -> str:
        """URL of an anchor of a page from this page; one URI computed per page linked."""
        uris = self._uris
        if docname not in uris:
            uris[docname] = "" if docname == self.docname else \
                self.builder.get_relative_uri(self.docname, docname)
        return f"{uris[docname]}#{anchor}" if anchor else uris[docname] or "#"

    def _document_items(self, records: list[dict[str, Any]]) -> nodes.raw:
        return nodes.raw("", document_list_html([
            {"href": self._href(r["docname"], ""), "title": r["title"],
             "date": self._date(r["date"]), "symbol": r.get("symbol") or "",
             "kind": kind_name(r["kind"])} for r in records]), format="html")

    def _document_list(self, domain: KnowledgeBaseDomain, group_by: str,
                       limit: int) -> list[nodes.Node]:
        records = documents_data(domain)
        if limit:
            records = records[:limit]
        if not records:
            text = label("no_documents")
            return [nodes.paragraph(text, text)]
        if group_by == "none":
            return [self._document_items(records)]
        groups: dict[str, list[dict[str, Any]]] = {}
        for record in records:
            key = record["date"][:4] if group_by == "year" else record["kind"]
            groups.setdefault(key, []).append(record)
        out: list[nodes.Node] = []
        for key in sorted(groups, reverse=group_by == "year"):
            heading = key if group_by == "year" else kind_name(key)
            rubric = nodes.rubric(heading, heading, classes=["kb-group"])
            # the sidebar links to each year (itukb.navigation); the same id in both languages
            anchor = year_anchor(key) if group_by == "year" else f"kb-kind-{key}"
            if anchor not in self.document.ids:
                rubric["ids"].append(anchor)
                self.document.ids[anchor] = rubric
            out.append(rubric)
            out.append(self._document_items(groups[key]))
        return out

    def _matrix(self, domain: KnowledgeBaseDomain) -> nodes.Node:
        data = matrix_data(domain)
        if not data["rows"]:
            text = label("matrix_empty")
            return nodes.paragraph(text, text)
        table = matrix_html(data, label("document"), self._href)
        return nodes.raw("", table, format="html", classes=["no-search"])


class traceability_matrix(nodes.General, nodes.Element):
    """Where the documents-by-objects matrix goes."""


def setup_derived(app: Sphinx) -> None:
    app.add_node(traceability_matrix)
    # doctree-resolved hands over the app and the page being written, which a
    # post-transform may no longer ask for (``self.app`` is deprecated in Sphinx 9)
    app.connect("doctree-resolved",
                lambda app, doctree, docname: DerivedBlocks(app, docname).fill(doctree))
    app.connect("env-get-updated", pages_to_rewrite)
