"""Relations between objects and documents: supersedes, postponed to, amends...

A relation is declared once, on the side that makes it: a revision names the
revision it supersedes (``:supersedes:``), an event the one it was postponed
to or replaced by (``:postponed-to:``, ``:replaced-by:``), a document the
documents it amends or cancels (front matter ``amends:`` / ``cancels:``).  The
other side ("superseded by", "postponed from", "amended by") is derived here,
so the two can never disagree.  Both sides are rendered as derived blocks
(:mod:`itukb.derived`): when page B starts superseding an object on page A,
page A's data changes and A is re-written on an incremental build.

A reader on a superseded revision or a cancelled document is told so at the
top of its section, with a link to the latest one the knowledge base holds:
the end of the chain, not merely the next link in it.  It is not called the
text in force: whether it still is, is a fact the knowledge base may not have.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from itukb.domain import KnowledgeBaseDomain, get_domain
from itukb.frontmatter import ID_PATTERN
from itukb.i18n.words import label
from itukb.resolve import Resolved, link_text

if TYPE_CHECKING:
    from itukb.derived import DerivedBlocks

logger = logging.getLogger(__name__)


@dataclasses.dataclass(frozen=True)
class Relation:
    """One kind of relation: who may declare it, what it may name, how it reads."""

    field: str
    source_kind: str
    target_kind: str
    #: label keys in :mod:`itukb.languages` for the declaring and the named side
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


class kb_relations(nodes.General, nodes.Element):
    """Where an object's or document's status line and relations box go.

    ``part`` is ``"status"`` or ``"box"`` when :mod:`itukb.objectpage` has
    split them (the status above the object's text, the box after it);
    without it both are rendered in place.
    """


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


def _declarations(domain: KnowledgeBaseDomain) -> list[tuple[Relation, Key, str, str, int]]:
    """Every declared relation: (relation, source, target id, docname, line)."""
    found = []
    for obj_id, record in sorted(domain.objects.items()):
        for relation in RELATIONS:
            if relation.source_kind == record["kind"]:
                line = record.get("_option_lines", {}).get(relation.field, record["line"])
                for target in record.get(relation.field, []):
                    found.append((relation, ("object", obj_id), target, record["docname"],
                                  line))
    for docname, record in sorted(domain.documents.items()):
        lines = record.get("_relation_lines", {})
        for relation in RELATIONS:
            for target in record.get(relation.field, []):
                found.append((relation, ("document", record["id"]), target, docname,
                              lines.get(relation.field, 1)))
    return found


def _endpoint(domain: KnowledgeBaseDomain, key: Key) -> Resolved | None:
    space, ident = key
    if space == "document":
        record = domain.document_by_id(ident)
        return Resolved(ident, "document", record["docname"], "") if record else None
    obj = domain.objects.get(ident)
    return Resolved(ident, obj["kind"], obj["docname"], obj["anchor"]) if obj else None


def _kind_of(domain: KnowledgeBaseDomain, relation: Relation, target: str) -> str | None:
    if relation.target_kind == "document":
        return "document" if domain.document_by_id(target) else None
    obj = domain.objects.get(target)
    return obj["kind"] if obj else None


@dataclasses.dataclass
class RelationIndex:
    """Both sides of every valid relation, built once per build from the domain."""

    #: key -> [(label key, other side, relation field)] in declaration order
    rows: dict[Key, list[tuple[str, Key, str]]]
    #: key -> the keys that supersede or cancel it ("newer" side)
    newer: dict[Key, list[Key]]


def relation_index(domain: KnowledgeBaseDomain) -> RelationIndex:
    cache = getattr(domain, "_relations_cache", None)
    if cache is not None:
        return cache
    index = RelationIndex({}, {})
    for relation, source, target, _docname, _line in _declarations(domain):
        if _kind_of(domain, relation, target) != relation.target_kind:
            continue  # reported by check_relations
        other = object_key(relation.target_kind, target)
        index.rows.setdefault(source, []).append((relation.forward, other, relation.field))
        index.rows.setdefault(other, []).append((relation.inverse, source, relation.field))
        if relation.field in ("supersedes", "cancels"):
            index.newer.setdefault(other, []).append(source)
    domain._relations_cache = index  # type: ignore[attr-defined]
    return index


def current_of(index: RelationIndex, key: Key) -> Key:
    """Follow "superseded by" / "cancelled by" to the end of the chain (cycle-safe)."""
    seen = {key}
    while index.newer.get(key):
        key = sorted(index.newer[key])[0]
        if key in seen:
            break  # a cycle, reported by check_relations
        seen.add(key)
    return key


def relations_data(domain: KnowledgeBaseDomain, key: Key) -> dict[str, Any]:
    """What the relations block of ``key`` shows: hashed to decide re-writes."""
    index = relation_index(domain)

    def describe(other: Key) -> dict[str, Any] | None:
        resolved = _endpoint(domain, other)
        if resolved is None:
            return None
        return {"docname": resolved.docname, "anchor": resolved.anchor,
                "text": link_text(domain, resolved)}

    rows = [{"label": lab, "field": field, "id": other[1], **(describe(other) or {})}
            for lab, other, field in index.rows.get(key, [])]
    newer = sorted(index.newer.get(key, []))
    current = current_of(index, key)
    return {
        "rows": rows,
        "newer": [describe(k) for k in newer],
        "current": describe(current) if current != key and newer and current not in newer
        else None,
        # the end of the chain when it is the direct successor
        "latest": describe(current) if current != key and current in newer else None,
    }


# -- errors --------------------------------------------------------------------


def check_relations(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Unknown targets, wrong kinds, forks and cycles: each with its file and line.

    Run on ``env-get-updated``, which every build emits, rather than on the
    consistency check, which Sphinx skips when no page was re-read: a broken
    relation keeps failing the build until it is fixed, not only once.
    """
    domain = get_domain(env)
    edges: dict[str, dict[Key, list[Key]]] = {}
    where: dict[tuple[str, Key], tuple[str, int]] = {}
    superseders: dict[str, list[str]] = {}
    for relation, source, target, docname, line in _declarations(domain):
        where[relation.field, source] = (docname, line)
        option = f"':{relation.field}:'" if relation.source_kind != "document" \
            else f"front matter field '{relation.field}'"
        kind = _kind_of(domain, relation, target)
        if kind is None:
            logger.warning(f"{option} names unknown {relation.target_kind} {target!r}",
                           location=(docname, line), type="itukb", subtype="relation")
            continue
        if kind != relation.target_kind:
            logger.warning(f"{option} must name {with_article(relation.target_kind)}; "
                           f"{target!r} is {with_article(kind)}", location=(docname, line),
                           type="itukb", subtype="relation")
            continue
        if relation.field == "supersedes":
            mine = domain.objects[source[1]].get("resolution")
            theirs = domain.objects[target].get("resolution")
            if mine != theirs:
                logger.warning(f"':supersedes:' {target!r} is a revision of {theirs}, not "
                               f"of {mine}", location=(docname, line), type="itukb",
                               subtype="relation")
                continue
            superseders.setdefault(target, []).append(source[1])
        edges.setdefault(relation.field, {}).setdefault(source, []).append(
            object_key(relation.target_kind, target))
    for target, sources in sorted(superseders.items()):
        if len(sources) > 1:
            docname, line = where["supersedes", ("object", sorted(sources)[1])]
            logger.warning(f"{target!r} is superseded by both {' and '.join(sorted(sources))}; "
                           "a revision has one successor", location=(docname, line),
                           type="itukb", subtype="relation")
    for field, graph in sorted(edges.items()):
        for cycle in find_cycles(graph):
            docname, line = where[field, cycle[0]]
            chain = " → ".join(ident for _, ident in (*cycle, cycle[0]))
            logger.warning(f"cycle in '{field}': {chain}", location=(docname, line),
                           type="itukb", subtype="relation")
    return []


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


# -- rendering -----------------------------------------------------------------


#: relations that the status line above the text already states: not repeated
#: in the box of relations (:mod:`itukb.status`)
STATED_BY_STATUS = ("rel_superseded_by", "rel_cancelled_by", "rel_postponed_to",
                    "rel_replaced_by")


def render_relations(blocks: DerivedBlocks, domain: KnowledgeBaseDomain,
                     node: kb_relations) -> list[nodes.Node]:
    """The box listing the relations the status line does not already state."""
    key = (node["space"], node["ident"])
    if _endpoint(domain, key) is None:
        return []  # not recorded (duplicate id, no labelled heading): already reported
    rows = [row for row in relations_data(domain, key)["rows"]
            if row["label"] not in STATED_BY_STATUS]
    if not rows:
        return []
    box = nodes.container(classes=["kb-relations"])
    box += nodes.rubric(label("relations"), label("relations"))
    items = nodes.bullet_list()
    for row in rows:
        para = nodes.paragraph()
        para += nodes.strong(label(row["label"]), label(row["label"]))
        para += nodes.Text(label("colon"))
        para += blocks._link(row["docname"], row["anchor"], row["text"])
        items += nodes.list_item("", para)
    box += items
    return [box]


def note_relations(env: BuildEnvironment, space: str, ident: str) -> kb_relations:
    """Register the derived block of one object or document and return its node."""
    get_domain(env).note_derived(env.docname, "relations", {"space": space, "ident": ident})
    return kb_relations(space=space, ident=ident)


def _reset_cache(app: Sphinx, env: BuildEnvironment) -> list[str]:
    get_domain(env)._relations_cache = None  # type: ignore[attr-defined]
    return []


def setup_relations(app: Sphinx) -> None:
    app.add_node(kb_relations)
    # before itukb.derived hashes the pages' data (default priority 500)
    app.connect("env-get-updated", _reset_cache, priority=400)
    app.connect("env-get-updated", check_relations, priority=450)
