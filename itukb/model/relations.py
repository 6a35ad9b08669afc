"""Relations between objects and documents: supersedes, postponed to, amends...

A relation is declared once, on the side that makes it: a revision names the
revision it supersedes (``:supersedes:``), an event the one it was postponed
to or replaced by (``:postponed-to:``, ``:replaced-by:``), a document the
documents it amends or cancels (front matter ``amends:`` / ``cancels:``).  The
other side ("superseded by", "postponed from", "amended by") is derived here,
so the two can never disagree.

Plain Python over the recorded objects and documents: the graph, the end of a
chain of successors and the cycles in it are unit-tested without a build;
:mod:`itukb.store.relations` applies them to the knowledge base of a build.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from typing import Any

from itukb.model.document import ID_PATTERN


@dataclasses.dataclass(frozen=True)
class Relation:
    """One kind of relation: who may declare it, what it may name, how it reads."""

    field: str
    source_kind: str
    target_kind: str
    #: word keys (:func:`itukb.i18n.words.label`) for the declaring and the named side
    forward: str
    inverse: str


RELATIONS = (
    Relation("supersedes", "revision", "revision", "rel_supersedes", "rel_superseded_by"),
    Relation("postponed-to", "event", "event", "rel_postponed_to", "rel_postponed_from"),
    Relation("replaced-by", "event", "event", "rel_replaced_by", "rel_replaces"),
    Relation("amends", "document", "document", "rel_amends", "rel_amended_by"),
    Relation("cancels", "document", "document", "rel_cancels", "rel_cancelled_by"),
)
BY_FIELD = {relation.field: relation for relation in RELATIONS}

#: an object or document: documents and objects have separate id spaces
Key = tuple[str, str]
#: a declared relation: (relation, source, target id, docname, line)
Declaration = tuple[Relation, Key, str, str, int]


def relation_ids(argument: str | None) -> list[str]:
    """Directive option: one or more ids, separated by spaces or commas."""
    ids = (argument or "").replace(",", " ").split()
    if not ids:
        raise ValueError("expected one or more ids")
    bad = [i for i in ids if not ID_PATTERN.match(i)]
    if bad:
        raise ValueError(f"{', '.join(bad)} is not a lower-case ASCII slug")
    return ids


def object_key(kind: str, ident: str) -> Key:
    return ("document" if kind == "document" else "object", ident)


def declarations(objects: Mapping[str, dict[str, Any]],
                 documents: Mapping[str, dict[str, Any]]) -> list[Declaration]:
    """Every declared relation, objects first, each in id (or docname) order."""
    found = []
    for obj_id, record in sorted(objects.items()):
        for relation in RELATIONS:
            if relation.source_kind == record["kind"]:
                line = record.get("_option_lines", {}).get(relation.field, record["line"])
                for target in record.get(relation.field, []):
                    found.append((relation, ("object", obj_id), target, record["docname"],
                                  line))
    for docname, record in sorted(documents.items()):
        lines = record.get("_relation_lines", {})
        for relation in RELATIONS:
            for target in record.get(relation.field, []):
                found.append((relation, ("document", record["id"]), target, docname,
                              lines.get(relation.field, 1)))
    return found


@dataclasses.dataclass
class RelationIndex:
    """Both sides of every valid relation."""

    #: key -> [(label key, other side, relation field)] in declaration order
    rows: dict[Key, list[tuple[str, Key, str]]]
    #: key -> the keys that supersede or cancel it ("newer" side)
    newer: dict[Key, list[Key]]

    @classmethod
    def build(cls, found: list[Declaration],
              kind_of: Callable[[Relation, str], str | None]) -> RelationIndex:
        """Index the declarations whose target exists and is of the right kind.

        ``kind_of(relation, target)`` is the kind of what ``target`` names, or
        None; the others are errors, reported where they were declared.
        """
        index = cls({}, {})
        for relation, source, target, _docname, _line in found:
            if kind_of(relation, target) != relation.target_kind:
                continue
            other = object_key(relation.target_kind, target)
            index.rows.setdefault(source, []).append((relation.forward, other, relation.field))
            index.rows.setdefault(other, []).append((relation.inverse, source, relation.field))
            if relation.field in ("supersedes", "cancels"):
                index.newer.setdefault(other, []).append(source)
        return index


def current_of(index: RelationIndex, key: Key) -> Key:
    """Follow "superseded by" / "cancelled by" to the end of the chain (cycle-safe)."""
    seen = {key}
    while index.newer.get(key):
        key = sorted(index.newer[key])[0]
        if key in seen:
            break  # a cycle, reported by the relation check
        seen.add(key)
    return key


def with_article(kind: str) -> str:
    """"a revision", "an event": for messages naming a kind."""
    return f"{'an' if kind[0] in 'aeiou' else 'a'} {kind}"


def find_cycles(graph: dict[Key, list[Key]]) -> list[list[Key]]:
    """Each cycle once, starting at its smallest member (iterative, no recursion limit)."""
    state: dict[Key, int] = {}  # 1 on the current path, 2 finished
    cycles: list[list[Key]] = []
    for start in sorted(graph):
        if start in state:
            continue
        path: list[Key] = []
        stack: list[tuple[Key, int]] = [(start, 0)]
        while stack:
            node, position = stack.pop()
            if position == 0:
                state[node] = 1
                path.append(node)
            targets = sorted(graph.get(node, []))
            if position < len(targets):
                stack.append((node, position + 1))
                nxt = targets[position]
                if state.get(nxt) == 1:
                    cycle = path[path.index(nxt):]
                    first = cycle.index(min(cycle))
                    cycles.append(cycle[first:] + cycle[:first])
                elif nxt not in state:
                    stack.append((nxt, 0))
            else:
                state[node] = 2
                path.pop()
    return cycles
