"""The relations of the knowledge base of a build, and their errors.

The graph is plain Python (:mod:`itukb.model.relations`); here it is built
once per build from the ``kb`` domain (kept in the memo), each object's or
document's relations are given as data for its block (hashed to decide
re-writes, :mod:`itukb.derived.engine`), and every wrong declaration is
reported at its file and line.

A reader on a superseded revision or a cancelled document is told so at the
top of its section, with a link to the latest one the knowledge base holds:
the end of the chain, not merely the next link in it.  It is not called the
text in force: whether it still is, is a fact the knowledge base may not have.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from itukb.model.relations import (
    Key,
    Relation,
    RelationIndex,
    current_of,
    declarations,
    find_cycles,
    object_key,
    with_article,
)
from itukb.model.revisions import Resolved
from itukb.store.domain import KnowledgeBaseDomain, get_domain
from itukb.store.memo import Lifetime, memo
from itukb.store.resolve import link_text

logger = logging.getLogger(__name__)


def endpoint(domain: KnowledgeBaseDomain, key: Key) -> Resolved | None:
    """Where an object or document of the graph is, if it was recorded."""
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


def relation_index(domain: KnowledgeBaseDomain) -> RelationIndex:
    """Both sides of every valid relation, built once per read of the pages."""
    return memo(domain.env).get(Lifetime.READ, "relation_index", lambda: RelationIndex.build(
        declarations(domain.objects, domain.documents),
        lambda relation, target: _kind_of(domain, relation, target)))


def relations_data(domain: KnowledgeBaseDomain, key: Key) -> dict[str, Any]:
    """What the relations block of ``key`` shows: hashed to decide re-writes."""
    index = relation_index(domain)

    def describe(other: Key) -> dict[str, Any] | None:
        resolved = endpoint(domain, other)
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
    for relation, source, target, docname, line in declarations(domain.objects,
                                                                 domain.documents):
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


def setup_relations(app: Sphinx) -> None:
    # before itukb.derived.engine hashes the pages' data (default priority 500)
    app.connect("env-get-updated", check_relations, priority=450)
