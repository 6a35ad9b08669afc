"""The HTML of a parallel-text page: passages rendered by Sphinx's writer, rows, legend.

Every passage is drawn by the builder's own HTML translator
(``render_partial``), which escapes text; a passage is first reduced to
something that renders alone (:func:`plain`): no ids (the document page has
them), unresolved links unwrapped to their text, raw HTML turned into text.
So nothing a catalog says reaches the page as markup.
"""

from __future__ import annotations

import re
from html import escape
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx

from itukb.i18n.config import hreflang, native_name
from itukb.i18n.names import N_
from itukb.i18n.words import _

WORDS: dict[str, str] = {
    "link": N_("Chinese and English side by side"),
    "title": N_("{title} (parallel text)"),
    "intro": N_("The Chinese version and the English translation, aligned passage by passage as "
                "the translation catalog pairs them, Chinese first."),
    "back": N_("Back to the document"),
    "fuzzy": N_("Awaiting review: the Chinese changed, the English page shows it in Chinese for "
                "now"),
    "suggested": N_("Awaiting review: a translation taken from another page with the same "
                    "Chinese text, the English page shows it in Chinese for now"),
    "untranslated": N_("Not translated yet: the English page shows it in Chinese"),
    "legend": N_("Translated {translated} · awaiting review {fuzzy} · not translated "
                 "{untranslated}"),
}


def word(key: str) -> str:
    return _(WORDS[key])


def plain(node: nodes.Element) -> nodes.Element:
    """A copy of a passage fit to render alone."""
    if isinstance(node, nodes.literal_block):
        copy: nodes.Element = nodes.literal_block(node.astext(), node.astext())
    else:
        copy = nodes.paragraph("", "", *[child.deepcopy() for child in node.children])
    for xref in list(copy.findall(addnodes.pending_xref)):
        xref.replace_self(xref.children)
    for raw in list(copy.findall(nodes.raw)):
        raw.replace_self(nodes.Text(raw.astext()))
    # a passage copied before docutils resolved its footnotes and named links
    for mark in list(copy.findall(nodes.footnote_reference)):
        if "refid" not in mark:  # numbered later: see number_footnotes
            mark.replace_self(nodes.superscript("", f"[{mark.astext()}]",
                                                kb_footnote=mark.get("refname", "")))
    for ref in list(copy.findall(nodes.reference)):
        if "refuri" not in ref and "refid" not in ref:
            ref.replace_self(nodes.inline("", "", *ref.children))
    for target in list(copy.findall(nodes.target)):
        target.parent.remove(target)
    for element in copy.findall(nodes.Element):
        element["ids"] = []
    return copy


def number_footnotes(passage: nodes.Element, doctree: nodes.document) -> None:
    """Give a copied passage's footnote marks the numbers the page gave them."""
    numbers = {name: footnote[0].astext() for footnote in doctree.findall(nodes.footnote)
               for name in footnote["names"] if len(footnote) and isinstance(
                   footnote[0], nodes.label)}
    for mark in list(passage.findall(nodes.superscript)):
        if mark.get("kb_footnote") in numbers:
            text = f"[{numbers[mark['kb_footnote']]}]"
            mark.replace_self(nodes.superscript(text, text))


def render(app: Sphinx, node: nodes.Element, page: str) -> str:
    """``node`` as HTML; links to the page itself (footnotes) lead to the document."""
    try:
        html: str = app.builder.render_partial(node)["fragment"]  # type: ignore[attr-defined]
    except (KeyError, AttributeError, NotImplementedError):
        # a node the writer cannot draw alone: its text, escaped, rather than nothing
        return f"<p>{escape(node.astext())}</p>"
    return re.sub(r'href="#', f'href="{page}#', html)


def row(state: str, anchor: str, heading: bool, source: str, target: str | None,
        source_language: str, target_language: str) -> str:
    """One pair: the source passage and its translation, or what stands in its place."""
    if target is None:
        target = f'<p class="kb-parallel-missing">{escape(word(state))}</p>'
    classes = f"kb-parallel-row kb-state-{state}" + (" kb-parallel-heading" if heading else "")
    ident = f' id="{escape(anchor)}"' if anchor else ""
    return (f'<div class="{classes}"{ident}>'
            f'<div class="kb-parallel-source" lang="{hreflang(source_language)}">{source}</div>'
            f'<div class="kb-parallel-target" lang="{hreflang(target_language)}">'
            f"{target}</div></div>")


def page_body(heading: str, page: str, rows: list[str], counts: dict[str, int],
              source_language: str, target_language: str) -> dict[str, Any]:
    """The page's title and body for ``html-collect-pages``."""
    title = escape(word("title").format(title=heading))
    body = (
        f'<section id="parallel-text"><h1>{title}</h1>'
        f'<p class="kb-parallel-intro">{escape(word("intro"))} '
        f'<a href="{escape(page)}">{escape(word("back"))}</a></p>'
        f'<p class="kb-parallel-legend">{escape(word("legend").format(**counts))}</p>'
        '<div class="kb-parallel">'
        '<div class="kb-parallel-row kb-parallel-head" aria-hidden="true">'
        f'<div lang="{hreflang(source_language)}">{escape(native_name(source_language))}</div>'
        f'<div lang="{hreflang(target_language)}">'
        f"{escape(native_name(target_language))}</div></div>"
        + "".join(rows) + "</div></section>")
    return {"title": title, "body": body}
