"""Resolve a citation to the object it means.

``{target}`3.5``` on a page dated 17 May 2021 means target 3.5 of the
revision of its resolution that was in force on that day; ``3.5@res-200-2018``
or ``3.5@2018`` names the revision explicitly.  ``{resolution}`200``` means the
revision of Resolution 200 in force at the page's date.  Pages without a date
(object pages, the home page) cite the latest revision.  Every way this can
fail (unknown object, ambiguous date, a target missing from the revision
named) is an error that says how to fix the citation.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.util import logging
from sphinx.util.nodes import make_refnode

from itukb.i18n.words import label

if TYPE_CHECKING:
    from sphinx.addnodes import pending_xref
    from sphinx.builders import Builder

    from itukb.domain import KnowledgeBaseDomain

logger = logging.getLogger(__name__)


class CitationError(Exception):
    """Why a citation cannot be resolved, worded for the page's author."""


class NotInForce(CitationError):
    """The object exists, but not in the revision in force at the citing page's date.

    Told apart because on a document page whose front matter was refused the
    date is unknown: there the error is a consequence of the front matter
    error already reported, and repeating it per citation would bury the cause.
    """


@dataclasses.dataclass(frozen=True)
class Resolved:
    object_id: str
    kind: str
    docname: str
    anchor: str


def _adopted(record: dict[str, Any]) -> tuple[int, dt.date | None]:
    value = record["adopted"]
    if len(value) == 4:
        return int(value), None
    day = dt.date.fromisoformat(value)
    return day.year, day


@dataclasses.dataclass
class ObjectIndex:
    """The objects arranged for look-ups, so resolving a citation is not a scan.

    Built on first use from ``domain.objects``; the domain drops it whenever
    an object is added or removed (:meth:`KnowledgeBaseDomain.objects_changed`).
    Every mapping keeps the objects' order, so the first match is the one a
    scan would have found.
    """

    #: (kind, number) -> {id: record} of goals and targets
    numbered: dict[tuple[str, str], dict[str, dict]]
    #: revision id -> record
    revisions: dict[str, dict]
    #: resolution id -> its revisions, oldest first
    revisions_of: dict[str, list[tuple[str, dict]]]
    #: resolution id or number -> resolution id
    resolutions: dict[str, str]

    @classmethod
    def build(cls, objects: dict[str, dict[str, Any]]) -> ObjectIndex:
        index = cls({}, {}, {}, {})
        for obj_id, record in objects.items():
            kind = record["kind"]
            if kind in ("goal", "target"):
                index.numbered.setdefault((kind, record["number"]), {})[obj_id] = record
            elif kind == "revision":
                index.revisions[obj_id] = record
                index.revisions_of.setdefault(record.get("resolution", ""), []).append(
                    (obj_id, record))
            elif kind == "resolution":
                index.resolutions.setdefault(obj_id, obj_id)
                if record.get("number") is not None:
                    index.resolutions.setdefault(record["number"], obj_id)
        for revisions in index.revisions_of.values():
            revisions.sort(key=lambda item: (item[1]["adopted"], item[0]))
        return index


def object_index(domain: KnowledgeBaseDomain) -> ObjectIndex:
    index: ObjectIndex | None = domain.__dict__.get("_object_index")
    if index is None:
        index = domain._object_index = ObjectIndex.build(domain.objects)  # type: ignore[attr-defined]
    return index


def revisions_of(domain: KnowledgeBaseDomain, resolution_id: str) -> list[tuple[str, dict]]:
    return object_index(domain).revisions_of.get(resolution_id, [])


def in_force(domain: KnowledgeBaseDomain, resolution_id: str, date: dt.date | None) -> str:
    """The id of the revision of ``resolution_id`` in force on ``date``."""
    revisions = revisions_of(domain, resolution_id)
    if not revisions:
        raise CitationError(f"resolution {resolution_id!r} has no declared revisions")
    if date is None:
        return revisions[-1][0]
    current = None
    for rev_id, record in revisions:
        year, day = _adopted(record)
        if day is None and year == date.year:
            raise CitationError(
                f"ambiguous citation: {rev_id} was adopted in {year}, the year of the citing "
                f"document ({date}), and its exact date is unknown; name the revision "
                f"explicitly, e.g. @{rev_id}")
        if (day is not None and day <= date) or (day is None and year < date.year):
            current = rev_id
    if current is None:
        raise CitationError(
            f"no revision of {resolution_id} was in force on {date}; the first is "
            f"{revisions[0][0]}")
    return current


def _revision_matches(rev_id: str, record: dict[str, Any], qualifier: str) -> bool:
    return qualifier in (rev_id, record["adopted"][:4])


def _split(spec: str) -> tuple[str, str | None]:
    value, _, qualifier = spec.partition("@")
    return value.strip(), (qualifier.strip() or None)


def _numbered(domain: KnowledgeBaseDomain, kind: str, spec: str,
              date: dt.date | None) -> str:
    number, qualifier = _split(spec)
    index = object_index(domain)
    candidates = index.numbered.get((kind, number), {})
    if not candidates:
        raise CitationError(f"unknown {kind} {number!r}: no revision declares it")
    revisions = index.revisions
    if qualifier:
        named = [k for k, v in revisions.items() if _revision_matches(k, v, qualifier)]
        if not named:
            raise CitationError(f"unknown revision {qualifier!r} in {kind} citation {spec!r}")
        chosen = [k for k, v in candidates.items() if v["revision"] in named]
        if not chosen:
            where = ", ".join(sorted(v["revision"] for v in candidates.values()))
            raise CitationError(
                f"{', '.join(named)} has no {kind} {number}; it exists in: {where}")
    else:
        resolutions = {revisions[v["revision"]]["resolution"]
                       for v in candidates.values() if v["revision"] in revisions}
        current = {in_force(domain, r, date) for r in sorted(resolutions)}
        chosen = [k for k, v in candidates.items() if v["revision"] in current]
        if not chosen:
            where = ", ".join(sorted(v["revision"] for v in candidates.values()))
            raise NotInForce(
                f"{kind} {number} is not in the revision in force on {date} "
                f"({', '.join(sorted(current))}); it exists in: {where}; "
                f"name one with {number}@<revision>")
    if len(chosen) > 1:
        raise CitationError(
            f"ambiguous citation: {kind} {number} matches {', '.join(sorted(chosen))}; "
            f"name the revision with {number}@<revision>")
    return chosen[0]


def resolve(domain: KnowledgeBaseDomain, kind: str, spec: str,
            date: dt.date | None) -> Resolved:
    """The object a citation of ``kind`` with text ``spec`` means on ``date``."""
    if kind in ("target", "goal"):
        obj_id = _numbered(domain, kind, spec, date)
    elif kind == "resolution":
        value, qualifier = _split(spec)
        match = object_index(domain).resolutions.get(value)
        if match is None:
            raise CitationError(f"unknown resolution {value!r}")
        resolution_id = match
        if qualifier:
            named = [k for k, v in revisions_of(domain, resolution_id)
                     if _revision_matches(k, v, qualifier)]
            if not named:
                raise CitationError(f"resolution {value} has no revision {qualifier!r}")
            obj_id = named[0]
        else:
            obj_id = in_force(domain, resolution_id, date) \
                if revisions_of(domain, resolution_id) else resolution_id
    elif kind == "document":
        record = domain.document_by_id(spec)
        if record is None:
            raise CitationError(f"unknown document {spec!r}")
        return Resolved(spec, "document", record["docname"], "")
    else:
        if spec not in domain.objects or domain.objects[spec]["kind"] != kind:
            raise CitationError(f"unknown {kind} {spec!r}")
        obj_id = spec
    record = domain.objects[obj_id]
    return Resolved(obj_id, record["kind"], record["docname"], record["anchor"])


def citing_date(domain: KnowledgeBaseDomain, docname: str) -> dt.date | None:
    record = domain.documents.get(docname)
    if record:
        return dt.date.fromisoformat(record["date"])
    refused = domain.data["refused_dates"].get(docname)
    return dt.date.fromisoformat(refused) if refused else None


def link_text(domain: KnowledgeBaseDomain, resolved: Resolved) -> str:
    """Generated link text in the build's language: "具体目标3.5" / "Target 3.5"."""
    if resolved.kind == "document":
        title = domain.env.titles.get(resolved.docname)
        return title.astext() if title is not None else resolved.object_id
    record = domain.objects[resolved.object_id]
    if resolved.kind in ("target", "goal"):
        return label(f"{resolved.kind}_ref").format(number=record["number"])
    return record["name"] or resolved.object_id


def _date_refused(domain: KnowledgeBaseDomain, docname: str) -> bool:
    """A document page whose front matter was refused (and reported): no date known."""
    from itukb.metadata import is_document_page

    return docname not in domain.documents and docname not in domain.data[
        "refused_dates"] and is_document_page(
        docname, domain.env.config.kb_document_dirs)


def resolve_citation_node(domain: KnowledgeBaseDomain, fromdocname: str, builder: Builder,
                          typ: str, target: str, node: pending_xref,
                          contnode: nodes.Element) -> nodes.Element:
    try:
        resolved = resolve(domain, typ, target, citing_date(domain, fromdocname))
    except CitationError as err:
        if not (isinstance(err, NotInForce) and _date_refused(domain, fromdocname)):
            logger.warning(f"{{{typ}}}`{target}`: {err}", location=node, type="itukb",
                           subtype="citation")
        return nodes.inline(contnode.astext(), contnode.astext(), classes=["kb-unresolved"])
    if not node.get("refexplicit"):
        text = link_text(domain, resolved)
        contnode = nodes.inline(text, text)
    contnode["classes"] += ["kb-ref", f"kb-ref-{resolved.kind}"]
    return make_refnode(builder, fromdocname, resolved.docname, resolved.anchor, contnode,
                        link_text(domain, resolved))
