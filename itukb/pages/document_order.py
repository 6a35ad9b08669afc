"""Previous and Next follow the documents' dates, as the sidebar and the lists do.

A ``:glob:`` toctree lists pages by file name, and Sphinx takes Previous and
Next from the toctrees; here the documents among each toctree's entries are
put in date order once the pages are read.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from itukb.store.domain import get_domain


def order_documents_by_date(app: Sphinx, env: Any) -> list[str]:
    """Put the documents of every toctree in the order the sidebar shows: newest first.

    A ``:glob:`` toctree lists pages by file name, and Sphinx takes Previous
    and Next from the toctrees, so they followed file names while the sidebar
    and the document lists go by date.  Only the documents among a toctree's
    entries move, into the places documents held; other entries stay put.
    """
    domain = get_domain(env)
    documents = domain.documents
    for children in env.toctree_includes.values():
        places = [i for i, docname in enumerate(children) if docname in documents]
        ordered = sorted((children[i] for i in places),
                         key=lambda d: (documents[d]["date"], d), reverse=True)
        for place, docname in zip(places, ordered, strict=True):
            children[place] = docname
    # a page whose Previous or Next changed (a date changed elsewhere) is written again
    neighbours = _neighbours(env.toctree_includes)
    before = domain.data.get("toctree_neighbours")
    domain.data["toctree_neighbours"] = neighbours
    if not before:
        return []
    return sorted(d for d, around in neighbours.items()
                  if before.get(d) != around and d in env.all_docs)


def _neighbours(includes: dict[str, list[str]]) -> dict[str, list[str | None]]:
    """Each page -> [its parent, the entry before it, the entry after it, its first child].

    Sphinx's Previous and Next of a page are drawn from these.
    """
    found: dict[str, list[str | None]] = {}

    def of(docname: str) -> list[str | None]:
        return found.setdefault(docname, [None, None, None, None])

    for parent, children in includes.items():
        if children:
            of(parent)[3] = children[0]
        for index, docname in enumerate(children):
            of(docname)[:3] = [parent, children[index - 1] if index else None,
                               children[index + 1] if index + 1 < len(children) else None]
    return found


def setup_document_order(app: Sphinx) -> None:
    app.connect("env-updated", order_documents_by_date)
