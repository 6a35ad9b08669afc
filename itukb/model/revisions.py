"""Which object a citation means: revisions, and the one in force on a date.

``{target}`3.5``` on a page dated 17 May 2021 means target 3.5 of the
revision of its resolution that was in force on that day; ``3.5@res-200-2018``
or ``3.5@2018`` names the revision explicitly.  ``{resolution}`200``` means the
revision of Resolution 200 in force at the page's date.  Pages without a date
(object pages, the home page) cite the latest revision.  Every way this can
fail (unknown object, ambiguous date, a target missing from the revision
named) is an error that says how to fix the citation.

Plain Python over the recorded objects (:class:`Recorded`), so the rules are
unit-tested without a build; :mod:`itukb.store.resolve` applies them to the
knowledge base of a build.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from typing import Any, Protocol


class Recorded(Protocol):
    """What resolving needs of the knowledge base: its objects and documents."""

    @property
    def objects(self) -> Mapping[str, dict[str, Any]]: ...

    def document_by_id(self, doc_id: str) -> dict[str, Any] | None: ...


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

    Built from the recorded objects; :mod:`itukb.store.resolve` keeps one per
    build until an object is declared or removed (:class:`itukb.store.memo.Lifetime`).
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
    #: a citation's qualifier (a revision's id or year) -> the revisions it names,
    #: filled as citations ask (every qualified citation would otherwise scan them all)
    named: dict[str, list[str]] = dataclasses.field(default_factory=dict)

    def revisions_named(self, qualifier: str) -> list[str]:
        """The ids of the revisions ``qualifier`` names, in declaration order."""
        found = self.named.get(qualifier)
        if found is None:
            found = self.named[qualifier] = [
                k for k, v in self.revisions.items() if _revision_matches(k, v, qualifier)]
        return found

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


def in_force(index: ObjectIndex, resolution_id: str, date: dt.date | None) -> str:
    """The id of the revision of ``resolution_id`` in force on ``date``."""
    revisions = index.revisions_of.get(resolution_id, [])
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


def _numbered(index: ObjectIndex, kind: str, spec: str, date: dt.date | None) -> str:
    number, qualifier = _split(spec)
    candidates = index.numbered.get((kind, number), {})
    if not candidates:
        raise CitationError(f"unknown {kind} {number!r}: no revision declares it")
    revisions = index.revisions
    if qualifier:
        named = index.revisions_named(qualifier)
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
        current = {in_force(index, r, date) for r in sorted(resolutions)}
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


def resolve(recorded: Recorded, index: ObjectIndex, kind: str, spec: str,
            date: dt.date | None) -> Resolved:
    """The object a citation of ``kind`` with text ``spec`` means on ``date``.

    ``index`` is :meth:`ObjectIndex.build` of ``recorded.objects``, built once
    by the caller for all the citations it resolves.
    """
    if kind in ("target", "goal"):
        obj_id = _numbered(index, kind, spec, date)
    elif kind == "resolution":
        value, qualifier = _split(spec)
        match = index.resolutions.get(value)
        if match is None:
            raise CitationError(f"unknown resolution {value!r}")
        resolution_id = match
        if qualifier:
            named = [k for k, v in index.revisions_of.get(resolution_id, [])
                     if _revision_matches(k, v, qualifier)]
            if not named:
                raise CitationError(f"resolution {value} has no revision {qualifier!r}")
            obj_id = named[0]
        else:
            obj_id = in_force(index, resolution_id, date) \
                if index.revisions_of.get(resolution_id) else resolution_id
    elif kind == "document":
        record = recorded.document_by_id(spec)
        if record is None:
            raise CitationError(f"unknown document {spec!r}")
        return Resolved(spec, "document", record["docname"], "")
    else:
        if spec not in recorded.objects or recorded.objects[spec]["kind"] != kind:
            raise CitationError(f"unknown {kind} {spec!r}")
        obj_id = spec
    record = recorded.objects[obj_id]
    return Resolved(obj_id, record["kind"], record["docname"], record["anchor"])
