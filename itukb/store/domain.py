"""The ``kb`` domain: every object, document and citation the build knows.

Everything one page learns that another page needs is kept here rather than
on ad-hoc ``env`` attributes, so Sphinx can drop a page's data when it is
re-read (``clear_doc``) and merge what parallel readers found
(``merge_domaindata``).  Citations are resolved from this data at write time
(:mod:`itukb.store.resolve`), and pages that show derived data are re-written
whenever that data changes (:mod:`itukb.derived.engine`).
"""

from __future__ import annotations

from collections.abc import Iterable, Set
from typing import Any, ClassVar

from docutils import nodes
from docutils.nodes import Element
from sphinx.addnodes import pending_xref
from sphinx.builders import Builder
from sphinx.domains import Domain, Index, IndexEntry, ObjType
from sphinx.environment import BuildEnvironment
from sphinx.roles import XRefRole
from sphinx.util import logging

from itukb.i18n.words import label
from itukb.store.memo import Lifetime, memo
from itukb.store.resolve import resolve_citation_node

logger = logging.getLogger(__name__)

#: object kinds that can be declared with a directive and cited with a role
OBJECT_KINDS = ("resolution", "revision", "agenda", "goal", "target", "event")
#: kinds a role can cite (documents are declared by front matter)
CITABLE_KINDS = (*OBJECT_KINDS, "document")


class ObjectIndex(Index):
    """All objects, grouped by kind, like Sphinx's module index."""

    name = "objects"
    localname = "Object index"
    shortname = "objects"


    def generate(self, docnames: Iterable[str] | None = None
                 ) -> tuple[list[tuple[str, list[IndexEntry]]], bool]:
        domain = self.domain
        assert isinstance(domain, KnowledgeBaseDomain)
        groups = index_groups(domain, docnames)
        return [(heading, entries) for _, heading, entries in groups], False


def index_groups(domain: KnowledgeBaseDomain, docnames: Iterable[str] | None = None
                 ) -> list[tuple[str, str, list[IndexEntry]]]:
    """Objects grouped by kind, in a fixed kind order so anchors match across languages.

    Within a group entries go by name, except revisions, which go in the order
    they were adopted in every language: by name, "Rev. Bucharest, 2022" would
    come before "Rev. Dubai, 2018".
    """
    wanted = set(docnames) if docnames is not None else None
    groups: dict[str, list[tuple[tuple[str, ...], IndexEntry]]] = {}
    for obj_id, obj in sorted(domain.objects.items()):
        if wanted is None or obj["docname"] in wanted:
            name = obj.get("name") or obj_id
            order = (obj.get("resolution", ""), str(obj.get("adopted", ""))) \
                if obj["kind"] == "revision" else ()
            groups.setdefault(obj["kind"], []).append(((*order, name, obj_id), IndexEntry(
                name, 0, obj["docname"], obj["anchor"], obj_id, "", "")))
    for record in domain.documents.values():
        title = domain.env.titles[record["docname"]].astext() \
            if record["docname"] in domain.env.titles else record["title"]
        groups.setdefault("document", []).append(((title, record["id"]), IndexEntry(
            title, 0, record["docname"], "", record["id"], "", record["date"])))
    return [(kind, label(f"kind_{kind}"),
             [entry for _, entry in sorted(groups[kind], key=lambda item: item[0])])
            for kind in CITABLE_KINDS if kind in groups]


class KnowledgeBaseDomain(Domain):
    name = "kb"
    label = "ITU knowledge base"
    object_types = {kind: ObjType(kind, kind) for kind in CITABLE_KINDS}  # noqa: RUF012
    # plain text, not code: citations read as part of the sentence
    roles = {kind: XRefRole(innernodeclass=nodes.inline)  # noqa: RUF012
             for kind in CITABLE_KINDS}
    indices = [ObjectIndex]  # noqa: RUF012
    initial_data: ClassVar[dict[str, Any]] = {  # Sphinx copies this per environment
        # docname -> DocumentMeta.as_json() plus "docname"
        "documents": {},
        # object id -> {kind, docname, anchor, line, name, number, ...}
        "objects": {},
        # docname -> [{kind, target, explicit, anchor, line}] in reading order
        "citations": {},
        # docname -> [(placeholder kind, attributes)] for pages showing derived data
        "derived": {},
        # docname -> hash of the derived data the page was last written with
        "derived_state": {},
        # docname -> ISO date of a document page whose front matter was refused but
        # whose date is right: its citations are still checked against it
        "refused_dates": {},
    }
    data_version = 3

    @property
    def documents(self) -> dict[str, dict[str, Any]]:
        return self.data["documents"]

    @property
    def objects(self) -> dict[str, dict[str, Any]]:
        return self.data["objects"]

    @property
    def citations(self) -> dict[str, list[dict[str, Any]]]:
        return self.data["citations"]

    @property
    def derived(self) -> dict[str, list[tuple[str, dict[str, Any]]]]:
        return self.data["derived"]

    def note_document(self, docname: str, record: dict[str, Any], node: Element) -> None:
        other = self.document_by_id(record["id"])
        if other is not None and other["docname"] != docname:
            logger.warning(
                f"duplicate document id {record['id']!r}: also used by "
                f"{self.env.doc2path(other['docname'])}",
                location=node, type="itukb", subtype="duplicate")
            return
        self.documents[docname] = record
        self._document_ids()[record["id"]] = docname

    def note_object(self, obj_id: str, record: dict[str, Any], node: Element) -> bool:
        other = self.objects.get(obj_id)
        if other is not None:
            where = f"{self.env.doc2path(other['docname'])}:{other['line']}"
            logger.warning(f"duplicate object id {obj_id!r}: already declared at {where}",
                           location=node, type="itukb", subtype="duplicate")
            return False
        self.objects[obj_id] = record
        self.objects_changed()
        return True

    def note_citation(self, docname: str, citation: dict[str, Any]) -> None:
        self.citations.setdefault(docname, []).append(citation)

    def note_derived(self, docname: str, kind: str, attributes: dict[str, Any]) -> None:
        self.derived.setdefault(docname, []).append((kind, attributes))

    def _document_ids(self) -> dict[str, str]:
        """Document id -> docname, kept in the build's memo so a look-up is not a scan.

        Built from the data on first use in each process; every way a document
        is added also adds it here, and a removed one is caught by checking the
        record found, so the index never answers wrongly.
        """
        return memo(self.env).get(Lifetime.OBJECTS, "document_ids", lambda: {
            r["id"]: d for d, r in self.documents.items()})

    def document_by_id(self, doc_id: str) -> dict[str, Any] | None:
        docname = self._document_ids().get(doc_id)
        record = self.documents.get(docname) if docname is not None else None
        return record if record is not None and record["id"] == doc_id else None

    def note_refused_date(self, docname: str, date: str) -> None:
        self.data["refused_dates"][docname] = date

    def clear_doc(self, docname: str) -> None:
        self.documents.pop(docname, None)
        self.data["refused_dates"].pop(docname, None)
        self.citations.pop(docname, None)
        self.derived.pop(docname, None)
        for obj_id in [k for k, v in self.objects.items() if v["docname"] == docname]:
            del self.objects[obj_id]
            self.objects_changed()

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for key in ("documents", "citations", "derived", "refused_dates"):
            for docname, value in otherdata[key].items():
                if docname in docnames:
                    self.data[key][docname] = value
                    if key == "documents":
                        self._document_ids()[value["id"]] = docname
        for obj_id, record in otherdata["objects"].items():
            if record["docname"] not in docnames:
                continue
            other = self.objects.get(obj_id)
            if other is not None and other["docname"] != record["docname"]:
                where = f"{self.env.doc2path(other['docname'])}:{other['line']}"
                logger.warning(f"duplicate object id {obj_id!r}: already declared at {where}",
                               location=(record["docname"], record["line"]),
                               type="itukb", subtype="duplicate")
                continue
            self.objects[obj_id] = record
            self.objects_changed()

    def objects_changed(self) -> None:
        """Drop what the memo keeps of the objects (:func:`itukb.store.resolve.object_index`)."""
        memo(self.env).forget(Lifetime.OBJECTS)

    def resolve_xref(self, env: BuildEnvironment, fromdocname: str, builder: Builder,
                     typ: str, target: str, node: pending_xref, contnode: Element
                     ) -> nodes.reference | None:
        return resolve_citation_node(self, fromdocname, builder, typ, target, node, contnode)

    def resolve_any_xref(self, *args: Any, **kwargs: Any) -> list[Any]:
        return []

    def get_objects(self) -> Iterable[tuple[str, str, str, str, str, int]]:
        for obj_id, obj in sorted(self.objects.items()):
            yield obj_id, obj.get("name") or obj_id, obj["kind"], obj["docname"], \
                obj["anchor"], 1
        for docname, record in sorted(self.documents.items()):
            yield record["id"], record["title"], "document", docname, "", 1


def localise_index_title(app: Any, pagename: str, templatename: str,
                         context: dict[str, Any], doctree: Any) -> None:
    """The object index's ``<title>`` and heading in the page's language.

    Sphinx's HTML builder reads an index's name from its class
    (``ObjectIndex.localname``), once for every language: it is set here, per page.
    """
    if pagename == f"{KnowledgeBaseDomain.name}-{ObjectIndex.name}":
        context["indextitle"] = context["title"] = label("object_index")


def get_domain(env: BuildEnvironment) -> KnowledgeBaseDomain:
    domain = env.domains["kb"]
    assert isinstance(domain, KnowledgeBaseDomain)
    return domain
