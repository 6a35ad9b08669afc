"""Citations of the knowledge base of a build, resolved to what they mean.

The rules (which revision is in force on a date, what a qualifier names) are
plain Python in :mod:`itukb.model.revisions`; here they are applied to the
``kb`` domain with one look-up index of the objects per build, kept in the
build's memo until an object is declared or removed.  The generated link text
("具体目标3.5" / "Target 3.5") is in the build's language.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util import logging
from sphinx.util.nodes import make_refnode

from itukb.i18n.words import label
from itukb.model.document import is_document_page
from itukb.model.revisions import CitationError, NotInForce, ObjectIndex, Resolved
from itukb.model.revisions import resolve as resolve_in
from itukb.store.memo import Lifetime, memo

if TYPE_CHECKING:
    from sphinx.addnodes import pending_xref
    from sphinx.builders import Builder

    from itukb.store.domain import KnowledgeBaseDomain

__all__ = ["CitationError", "Resolved", "citing_date", "link_text", "resolve"]

logger = logging.getLogger(__name__)


def object_index(domain: KnowledgeBaseDomain) -> ObjectIndex:
    """The objects arranged for look-ups, built once per build (see the memo)."""
    return memo(domain.env).get(Lifetime.OBJECTS, "object_index",
                                lambda: ObjectIndex.build(domain.objects))


def resolve(domain: KnowledgeBaseDomain, kind: str, spec: str,
            date: dt.date | None) -> Resolved:
    """The object a citation of ``kind`` with text ``spec`` means on ``date``.

    Kept until an object is declared or removed: the same citation is resolved
    for its link, its page's state, the description, the feeds and the export,
    and many documents cite the same objects.  A cited document is looked up
    afresh, as documents are not objects.
    """
    if kind == "document":
        return resolve_in(domain, object_index(domain), kind, spec, date)
    known: dict[tuple[str, str, dt.date | None], Resolved | CitationError] = memo(
        domain.env).get(Lifetime.OBJECTS, "resolved", dict)
    # the date matters only to a goal, target or resolution cited without a revision
    dated = kind in ("target", "goal", "resolution") and "@" not in spec
    key = (kind, spec, date if dated else None)
    found = known.get(key)
    if found is None:
        try:
            found = resolve_in(domain, object_index(domain), kind, spec, date)
        except CitationError as err:
            found = err
        known[key] = found
    if isinstance(found, CitationError):
        raise type(found)(*found.args)
    return found


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
