"""Who cites what: every citation resolved, indexed by the object it names.

The data behind backlinks, "this document cites", document lists and the
matrix.  Each is computed once per read of the pages and kept in the build's
memo (:mod:`itukb.store.memo`), not once per page that shows it: at thousands
of documents, scanning every citation for every object would be quadratic.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from itukb.store.domain import KnowledgeBaseDomain
from itukb.store.memo import Lifetime, memo
from itukb.store.quotes import fill_quote
from itukb.store.resolve import CitationError, Resolved, citing_date, link_text, resolve


def _compute_resolved(domain: KnowledgeBaseDomain
                      ) -> dict[str, list[tuple[dict, Resolved | None]]]:
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
    return result


def resolved_citations(domain: KnowledgeBaseDomain
                       ) -> dict[str, list[tuple[dict, Resolved | None]]]:
    """Every citation of every page with what it resolves to (None if it fails)."""
    return memo(domain.env).get(Lifetime.READ, "resolved_citations",
                                lambda: _compute_resolved(domain))


def _filled_as_asked(domain: KnowledgeBaseDomain, name: str) -> dict[str, Any]:
    """A memo filled one key at a time, as pages ask for them."""
    return memo(domain.env).get(Lifetime.READ, name, dict)


def document_title(domain: KnowledgeBaseDomain, docname: str) -> str:
    """A document's title as this build shows it (each is asked for by every page citing it)."""
    titles = _filled_as_asked(domain, "titles")
    if docname not in titles:
        title = domain.env.titles.get(docname)
        titles[docname] = (title.astext() if title is not None
                           else domain.documents[docname]["title"])
    return titles[docname]


def _compute_citing_index(domain: KnowledgeBaseDomain) -> dict[str, list[tuple[str, dict]]]:
    index: dict[str, list[tuple[str, dict]]] = {}
    for docname, citations in resolved_citations(domain).items():
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


def citing_index(domain: KnowledgeBaseDomain) -> dict[str, list[tuple[str, dict]]]:
    """Object id -> (citing document, citation), in reading order.

    Looking the citations of one object up here instead of scanning every
    citation for each object keeps backlinks linear in the size of the site.
    """
    return memo(domain.env).get(Lifetime.READ, "citing_index",
                                lambda: _compute_citing_index(domain))


def backlinks_data(domain: KnowledgeBaseDomain, object_id: str) -> list[dict[str, Any]]:
    """Documents citing ``object_id`` (a resolution also collects its revisions).

    Asked for by the object's page state, its block and the export: kept.
    """
    known = _filled_as_asked(domain, "backlinks")
    if object_id not in known:
        known[object_id] = _backlinks_of(domain, object_id)
    return known[object_id]


def _backlinks_of(domain: KnowledgeBaseDomain, object_id: str) -> list[dict[str, Any]]:
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    for docname, citation in citing_index(domain).get(object_id, []):
        rows.setdefault((docname, citation["anchor"]), {
            "docname": docname, "anchor": citation["anchor"],
            "title": document_title(domain, docname),
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
    """What a page cites, each object once, in order of first citation.

    Two blocks of a page show it: kept.
    """
    cited = _filled_as_asked(domain, "cites")
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


def documents_data(domain: KnowledgeBaseDomain) -> list[dict[str, Any]]:
    """Every document, newest first."""
    return memo(domain.env).get(Lifetime.READ, "documents", lambda: sorted(
        ({**r, "title": document_title(domain, r["docname"])}
         for r in domain.documents.values()),
        key=lambda r: (r["date"], r["id"]), reverse=True))


def _compute_matrix(domain: KnowledgeBaseDomain) -> dict[str, Any]:
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


def matrix_data(domain: KnowledgeBaseDomain) -> dict[str, Any]:
    """Documents (rows) against the targets and resolutions they cite (columns)."""
    return memo(domain.env).get(Lifetime.READ, "matrix", lambda: _compute_matrix(domain))
