"""A resolution's revisions as a timeline, with what each did to the targets.

Revisions reuse target numbers with other meanings, and a reader tracing a
target needs to know in which revision it appeared, was dropped or was
reworded.  The comparison is computed here, revision against the one before,
from the targets each revision declares (``{kb:target}`` with ``:revision:``)
and their wording in the source language, recorded before translation so
that both languages compare the same text.  It says only what the declared
targets show: a revision declaring no targets is said to have none recorded,
not to have dropped them all, and a target whose wording is not recorded is
listed as not comparable rather than as unchanged.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from itukb.derived.engine import Block, add_block, place
from itukb.derived.page import PageWriter
from itukb.i18n.dates import format_date, format_year
from itukb.i18n.names import N_
from itukb.i18n.words import _
from itukb.model.revisions import Resolved
from itukb.store.domain import KnowledgeBaseDomain
from itukb.store.resolve import link_text

WORDS: dict[str, str] = {
    "title": N_("Revisions and their targets"),
    "declared": N_("Targets"),
    "added": N_("Added"),
    "dropped": N_("Dropped"),
    "changed": N_("Reworded"),
    "kept": N_("Kept"),
    "unknown": N_("Same number, wording not verified, not compared"),
    "none": N_("No targets of this revision are recorded in this knowledge base."),
    "basis": N_("Compared from the targets recorded in this knowledge base only."),
    "separator": N_(", "),
    "colon": N_(": "),
}
CHANGES = ("added", "dropped", "changed", "unknown", "kept")


def word(key: str) -> str:
    return _(WORDS[key])


class kb_timeline(nodes.General, nodes.Element):
    """Where a resolution's timeline goes (after its own text)."""


def _number_key(number: str) -> tuple[Any, ...]:
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in number.split("."))


def timeline_data(domain: KnowledgeBaseDomain, resolution: str) -> list[dict[str, Any]]:
    """Each revision of ``resolution``, oldest first, with its targets compared."""
    revisions = sorted((record["adopted"], obj_id) for obj_id, record in domain.objects.items()
                       if record["kind"] == "revision" and record.get("resolution") == resolution)
    targets: dict[str, dict[str, dict[str, Any]]] = {rev: {} for _, rev in revisions}
    for obj_id, record in domain.objects.items():
        if record["kind"] == "target" and record.get("revision") in targets:
            targets[record["revision"]][record["number"]] = {
                "id": obj_id, "docname": record["docname"], "anchor": record["anchor"],
                "wording": record.get("_wording")}
    entries: list[dict[str, Any]] = []
    before: dict[str, dict[str, Any]] | None = None
    for adopted, rev in revisions:
        record = domain.objects[rev]
        mine = targets[rev]
        entry: dict[str, Any] = {
            "id": rev, "adopted": adopted, "docname": record["docname"],
            "anchor": record["anchor"],
            "text": link_text(domain, Resolved(rev, "revision", record["docname"],
                                               record["anchor"])),
            "targets": [mine[n] | {"number": n} for n in sorted(mine, key=_number_key)],
            **{change: [] for change in CHANGES}}
        if before is not None and mine:
            for number in sorted(set(mine) | set(before), key=_number_key):
                old, new = before.get(number), mine.get(number)
                if old is None or new is None:
                    change = "added" if old is None else "dropped"
                elif old["wording"] is None or new["wording"] is None:
                    change = "unknown"
                else:
                    change = "changed" if old["wording"] != new["wording"] else "kept"
                shown: dict[str, Any] = new if new is not None else old  # type: ignore[assignment]
                entry[change].append(shown | {"number": number})
        entries.append(entry)
        if mine:
            before = mine
    return entries if len(entries) > 1 else []


def _adopted(value: str, language: str | None) -> str:
    if len(value) == 4:
        return format_year(int(value), language)
    return format_date(dt.date.fromisoformat(value), language)


def render_timeline(page: PageWriter, domain: KnowledgeBaseDomain,
                    node: kb_timeline) -> list[nodes.Node]:
    entries = timeline_data(domain, node["resolution"])
    if not entries:
        return []
    lang = page.lang
    # computed from the declared targets, like the other generated lists: not
    # indexed for search (the targets' own sections are)
    box = nodes.container(classes=["kb-timeline", "no-search"])
    box += nodes.rubric(word("title"), word("title"))
    steps = nodes.enumerated_list(classes=["kb-timeline-steps"])
    for position, entry in enumerate(entries):
        item = nodes.list_item(classes=["kb-timeline-step"])
        head = nodes.paragraph(classes=["kb-timeline-head"])
        head += nodes.inline(_adopted(entry["adopted"], lang), _adopted(entry["adopted"], lang),
                             classes=["kb-date"])
        head += nodes.Text(" ")
        head += page.link(entry["docname"], entry["anchor"], entry["text"])
        item += head
        if not entry["targets"]:
            item += nodes.paragraph(word("none"), word("none"))
        rows = [("declared", entry["targets"])] if position == 0 else \
            [(change, entry[change]) for change in CHANGES]
        for change, targets in rows:
            if not targets:
                continue
            line = nodes.paragraph(classes=["kb-timeline-change", f"kb-change-{change}"])
            line += nodes.strong(word(change), word(change))
            line += nodes.Text(word("colon"))
            for number, target in enumerate(targets):
                if number:
                    line += nodes.Text(word("separator"))
                line += page.link(target["docname"], target["anchor"], target["number"])
            item += line
        steps += item
    box += steps
    box += nodes.paragraph(word("basis"), word("basis"), classes=["kb-timeline-basis"])
    return [box]


def timeline_placeholder(env: BuildEnvironment, resolution: str) -> kb_timeline:
    """Record that the page being read shows ``resolution``'s timeline; its node."""
    place(env, "timeline", resolution=resolution)
    return kb_timeline(resolution=resolution)


def setup_timeline(app: Sphinx) -> None:
    add_block(app, Block("timeline", lambda d, doc, a: timeline_data(d, a["resolution"]),
                         kb_timeline, render_timeline))
