"""The sentence of a paragraph that makes a citation, as "Cited by" quotes it.

A backlink that says only "World Telecommunication ... Day 2021 [2]" does not
tell the reader why the document cites the object; the sentence around the
citation does.  It is taken from the paragraph as read in the build's
language (after translation), so the English page quotes English.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from docutils import nodes
from sphinx import addnodes

from itukb.i18n.words import label

#: where a sentence may end: after a Chinese full stop and the like, or after
#: an English one followed by a space and a capital
SENTENCE_END = re.compile(r"(?<=[。！？；])|(?<=[.!?;])\s+(?=[A-Z“\"(])")
#: words after which a full stop does not end the sentence ("Rev. Dubai")
ABBREVIATIONS = ("Rev.", "No.", "Res.", "Art.", "para.", "e.g.", "i.e.", "cf.")
LONGEST = 180
#: around a citation whose generated text is filled in at write time
MARK = "\ue000"
PLACEHOLDER = re.compile(f"{MARK}(\\w+) ([^{MARK}]+){MARK}")


def shorten(text: str, limit: int = LONGEST) -> str:
    """At most ``limit`` characters, cut at a word in English, marked with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit]
    if " " in cut[limit // 2:]:
        cut = cut[:cut.rindex(" ")]
    return cut.rstrip(" ,;:，、；：") + "…"


def readable_text(node: nodes.Node, language: str | None) -> str:
    """The text of ``node`` as the page will read: a citation of a target or goal
    without link text reads "Target 3.5", as its generated link text will."""
    if isinstance(node, addnodes.pending_xref) and not node.get("refexplicit") \
            and node.get("refdomain") == "kb":
        if node.get("reftype") in ("target", "goal"):
            number = node["reftarget"].split("@")[0]
            return label(f"{node['reftype']}_ref").format(number=number)
        # a name known only once every page is read: filled in by fill_quote
        return f"{MARK}{node['reftype']} {node['reftarget']}{MARK}"
    if isinstance(node, nodes.footnote_reference):
        return ""  # a mark that means nothing out of its page
    if isinstance(node, nodes.Text):
        return node.astext()
    return "".join(readable_text(child, language) for child in node.children)


def sentences(text: str) -> list[str]:
    """``text`` cut into sentences, not after a known abbreviation."""
    parts: list[str] = []
    for piece in SENTENCE_END.split(text):
        if parts and parts[-1].rstrip().endswith(ABBREVIATIONS):
            parts[-1] = f"{parts[-1].rstrip()} {piece.lstrip()}"
        elif piece.strip():
            parts.append(piece)
    return parts


def citing_sentence(block: nodes.Element, xref: nodes.Element, language: str | None) -> str:
    """The sentence of ``block`` holding ``xref`` (the whole block if not found)."""
    text = " ".join(readable_text(block, language).split())
    needle = " ".join(readable_text(xref, language).split())
    for sentence in sentences(text):
        if needle and needle in sentence:
            return sentence.strip()
    return text


def fill_quote(quote: str, name: Callable[[str, str], str]) -> str:
    """The quote as the page reads, each citation named by ``name(kind, target)``, shortened."""
    return shorten(PLACEHOLDER.sub(lambda m: name(m.group(1), m.group(2)), quote))
