"""The largest generated blocks written as HTML directly, one string each.

The traceability matrix has a cell for every document and every object
cited: 2,000 documents against 350 targets and revisions are 700,000 cells.
The list of all documents has an entry per document and is written again
whenever any document changes (Sphinx re-writes the page whose toctree lists
a changed page).  As docutils nodes each cell or entry is several objects,
built, resolved and visited by the HTML writer, which made these pages a
large part of a build and most of an incremental one.  Written as strings
they cost a fraction of that.  The markup is the one the HTML writer gives
(``table.kb-matrix`` with ``thead`` and ``tbody``; ``ul.kb-document-list``
of paragraphs), so the style sheet and readers see no difference.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any


def _link(href: str, text: str) -> str:
    return f'<a class="reference internal" href="{escape(href)}">{escape(text)}</a>'


def matrix_html(data: dict[str, Any], heading: str, href: Callable[[str, str], str]) -> str:
    """The table for ``data`` (:func:`itukb.store.citing.matrix_data`).

    ``heading`` heads the documents' column; ``href(docname, anchor)`` gives
    the URL of an anchor of a page, relative to the page being written.
    """
    columns = data["columns"]
    out = ['<table class="kb-matrix docutils align-default">', "<thead>",
           f'<tr class="row-odd"><th class="head"><p>{escape(heading)}</p></th>']
    out += [f'<th class="head"><p>{_link(href(c["docname"], c["anchor"]), c["text"])}</p></th>'
            for c in columns]
    out += ["</tr>", "</thead>", "<tbody>"]
    ids = [c["object_id"] for c in columns]
    for number, row in enumerate(data["rows"]):
        parity = "row-even" if number % 2 == 0 else "row-odd"
        docname, filled = row["docname"], row["cells"]
        # most cells are empty: only the filled ones are formatted (700,000 cells at
        # 2,000 documents, re-written whenever a citation changes)
        cell = {object_id: f"<td><p>{_link(href(docname, anchor), '●')}</p></td>"
                for object_id, anchor in filled.items()}
        out.append(f'<tr class="{parity}"><td><p>{_link(href(docname, ""), row["title"])}'
                   "</p></td>" + "".join([cell.get(i, "<td></td>") for i in ids]) + "</tr>")
    out += ["</tbody>", "</table>"]
    return "\n".join(out) + "\n"


def document_list_html(entries: list[dict[str, str]]) -> str:
    """A ``ul.kb-document-list``; each entry has href, title, date, kind and symbol."""
    out = ['<ul class="kb-document-list simple">']
    for entry in entries:
        symbol = f" ({escape(entry['symbol'])})" if entry.get("symbol") else ""
        out.append(f'<li><p><span class="kb-date">{escape(entry["date"])}</span> · '
                   f'{_link(entry["href"], entry["title"])}{symbol} · '
                   f'{escape(entry["kind"])}</p></li>')
    out.append("</ul>")
    return "\n".join(out) + "\n"
