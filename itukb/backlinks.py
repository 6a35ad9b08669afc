""""Cited by" under an object: each citing document, and the sentence that cites.

Rendered after the object's own text (see :mod:`itukb.objectpage`): what an
object says comes before who cites it.  Each citing paragraph is quoted (the
sentence holding the citation, :mod:`itukb.quotes`) and the quote links to
that paragraph, so a reader sees why a document cites the object before
following the link.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes

from itukb.i18n.words import C_, label

if TYPE_CHECKING:
    from itukb.derived import DerivedBlocks



def render_backlinks(blocks: DerivedBlocks, rows: list[dict[str, Any]]) -> list[nodes.Node]:
    """One item per citing document, newest first, with a quote per citing paragraph."""
    if not rows:
        return []  # an empty "cited by" box under every object is noise
    opening, closing = C_("quotation", "“"), C_("quotation", "”")
    box = nodes.container(classes=["kb-backlinks"])
    box += nodes.rubric(label("cited_by"), label("cited_by"))
    items = nodes.bullet_list()
    by_document: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_document.setdefault(row["docname"], []).append(row)
    for group in by_document.values():
        group.sort(key=lambda r: r["anchor"])
        first = group[0]
        item = nodes.list_item()
        head = nodes.paragraph(classes=["kb-backlink-source"])
        head += nodes.inline(blocks._date(first["date"]), blocks._date(first["date"]),
                             classes=["kb-date"])
        head += nodes.Text(" · ")
        head += blocks._link(first["docname"], "", first["title"])
        item += head
        for row in group:
            text = row.get("quote") or first["title"]
            quote = nodes.paragraph(classes=["kb-quote"])
            quote += blocks._link(row["docname"], row["anchor"], f"{opening}{text}{closing}")
            item += quote
        items += item
    box += items
    return [box]
