"""The ``kb`` domain: the knowledge base's cross-document data.

Everything one page learns that another page needs (a document's metadata,
which pages list documents) is kept here rather than on ad-hoc ``env``
attributes, so Sphinx can drop a page's data when it is re-read
(``clear_doc``) and merge the data of parallel readers (``merge_domaindata``).
"""

from __future__ import annotations

from collections.abc import Iterable, Set
from typing import Any

from sphinx.domains import Domain
from sphinx.environment import BuildEnvironment


class KnowledgeBaseDomain(Domain):
    name = "kb"
    label = "ITU knowledge base"
    initial_data: dict[str, Any] = {  # noqa: RUF012 - Sphinx copies this per environment
        # docname -> DocumentMeta.as_json() plus "docname"
        "documents": {},
        # docnames of pages that list documents and must be rebuilt with them
        "listings": set(),
    }
    data_version = 1

    @property
    def documents(self) -> dict[str, dict[str, Any]]:
        return self.data["documents"]

    @property
    def listings(self) -> set[str]:
        return self.data["listings"]

    def note_document(self, docname: str, record: dict[str, Any]) -> None:
        self.documents[docname] = record

    def note_listing(self, docname: str) -> None:
        self.listings.add(docname)

    def document_by_id(self, doc_id: str) -> dict[str, Any] | None:
        return next((d for d in self.documents.values() if d["id"] == doc_id), None)

    def clear_doc(self, docname: str) -> None:
        self.documents.pop(docname, None)
        self.listings.discard(docname)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for docname, record in otherdata["documents"].items():
            if docname in docnames:
                self.documents[docname] = record
        self.listings.update(d for d in otherdata["listings"] if d in docnames)

    def resolve_any_xref(self, *args: Any, **kwargs: Any) -> list[Any]:
        return []

    def get_objects(self) -> Iterable[tuple[str, str, str, str, str, int]]:
        for docname, record in sorted(self.documents.items()):
            yield record["id"], record["title"], "document", docname, "", 1


def get_domain(env: BuildEnvironment) -> KnowledgeBaseDomain:
    domain = env.domains["kb"]
    assert isinstance(domain, KnowledgeBaseDomain)
    return domain
