"""Pages that show data gathered from other pages, kept right on every build.

Backlinks, "this document cites" lists, document lists and the traceability
matrix are filled in at write time from the ``kb`` domain.  Such a page's own
source does not change when another page starts citing it, so Sphinx would
not re-write it: the known way backlink tables go stale.  Here each page
records which derived blocks it shows; after every read the data behind
them is hashed, and each page whose hash changed is handed back to Sphinx
through ``env-get-updated`` to be written again.  Only those pages are
re-written, so an incremental build stays small.

The engine knows no block.  Each block registers itself with
:func:`add_block` (the way Sphinx extensions register nodes): a name, the
function giving the data it shows (what is hashed), and, for a block drawn in
the page, its placeholder node and the function rendering it.  Adding a block
touches only its own module.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Callable
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from itukb.derived.page import PageWriter
from itukb.store.domain import KnowledgeBaseDomain, get_domain

#: the data a block shows on a page: (domain, docname, the block's attributes) -> JSON-able
DataFunction = Callable[[KnowledgeBaseDomain, str, dict[str, Any]], Any]
#: a placeholder node replaced by what it renders on the page being written
RenderFunction = Callable[[PageWriter, KnowledgeBaseDomain, Any],
                          "nodes.Node | list[nodes.Node]"]


@dataclasses.dataclass(frozen=True)
class Block:
    """One kind of derived block."""

    #: the name pages record it under (:func:`place`)
    name: str
    data: DataFunction
    #: the placeholder node a page holds where the block goes; None for data
    #: that is shown elsewhere (the footer's date) but must re-write the page
    node: type[nodes.Element] | None = None
    render: RenderFunction | None = None


#: every registered block, in the order they are drawn
_BLOCKS: dict[str, Block] = {}


def add_block(app: Sphinx, block: Block) -> None:
    """Register ``block``; its placeholder node is registered with Sphinx too."""
    if block.node is not None:
        if block.render is None:
            raise ValueError(f"block {block.name!r} has a node but nothing renders it")
        app.add_node(block.node)
    _BLOCKS[block.name] = block


def place(env: BuildEnvironment, name: str, **attributes: Any) -> None:
    """Record that the page being read shows block ``name`` (with ``attributes``)."""
    if name not in _BLOCKS:
        raise KeyError(f"unknown derived block {name!r}")
    get_domain(env).note_derived(env.docname, name, attributes)


def _dumps(value: Any) -> str:
    return json.dumps(value, sort_keys=True, default=str)


def page_state(domain: KnowledgeBaseDomain, docname: str,
               encoded: dict[int, tuple[Any, str]] | None = None) -> str:
    """A hash of everything the page's derived blocks show.

    ``encoded`` keeps, for one pass over the pages, the JSON of data that
    several pages show (the matrix, the document list, a resolution's
    backlinks), by identity, with the data itself so that the identity stays
    unique.  The text hashed is that of ``json.dumps`` of the page's list of
    ``(block, attributes, data)``, written out part by part.
    """
    encoded = {} if encoded is None else encoded
    parts = []
    for kind, attrs in domain.derived.get(docname, []):
        data = _BLOCKS[kind].data(domain, docname, attrs)
        known = encoded.get(id(data))
        if known is None:
            known = encoded[id(data)] = (data, _dumps(data))
        parts.append(f"[{_dumps(kind)}, {_dumps(attrs)}, {known[1]}]")
    return hashlib.sha256(f"[{', '.join(parts)}]".encode()).hexdigest()


def pages_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """After reading: the pages whose derived data differs from when last written."""
    domain = get_domain(env)
    states = domain.data["derived_state"]
    changed = []
    encoded: dict[int, tuple[Any, str]] = {}
    for docname in sorted(domain.derived):
        state = page_state(domain, docname, encoded)
        if states.get(docname) != state:
            changed.append(docname)
            states[docname] = state
    for docname in [d for d in states if d not in domain.derived]:
        del states[docname]
    return changed


def fill(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Replace every placeholder of the page being written with its block."""
    writer = PageWriter(app, docname, doctree)
    domain = get_domain(app.env)
    for block in _BLOCKS.values():
        if block.node is None or block.render is None:
            continue
        for node in list(doctree.findall(block.node)):
            node.replace_self(block.render(writer, domain, node))


def setup_engine(app: Sphinx) -> None:
    # doctree-resolved hands over the app and the page being written, which a
    # post-transform may no longer ask for (``self.app`` is deprecated in Sphinx 9)
    app.connect("doctree-resolved", fill)
    app.connect("env-get-updated", pages_to_rewrite)
