"""A short description of every page, in the page's language.

Search engines show it under the page's title, social cards and the Atom
feeds use it as the summary.  It is taken from the page as read, after
Sphinx's ``Locale`` transform, so an English page is described in English:

* a document whose text has a subject line (``事由：…`` in a circular letter,
  ``Subject: …`` in its translation) is described by that line's subject;
* any other page by its first paragraph of running text: not a title, not
  inside a box (letterhead, metadata block, signature, editorial note), a
  field list, a table or a footnote.

It is cut to :data:`MAX_LENGTH` characters at a sentence or word boundary.
A citation whose link text the build generates (``{resolution}`200@2018```
reads "第200号决议（2018年，迪拜，修订版）") is kept as the citation and
written as its link text when the description is used, as on the page.
The descriptions live in the build environment (merged after a parallel
read, dropped with their page), so the feeds, written at the end of every
build, describe pages that the build did not read again.  The text is plain:
every writer escapes it for where it goes.
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from itukb.store.domain import get_domain
from itukb.store.resolve import CitationError, citing_date, link_text, resolve

#: text, or (kind, target) of a citation whose link text is generated
Part = str | tuple[str, str]

MAX_LENGTH = 200

#: A document's subject line, as the sources and their translations write it.
SUBJECT = re.compile(r"^\s*(?:事由|Subject|Objet|Asunto)\s*[:：]\s*(?P<subject>\S.*)$",
                     re.DOTALL)

#: Text in these is not the page's running text.
_SKIPPED = (nodes.title, nodes.Admonition, nodes.container, nodes.field_list, nodes.table,
            nodes.footnote, nodes.citation, nodes.topic, nodes.sidebar, nodes.rubric,
            nodes.caption, nodes.line_block, nodes.raw)

_SPACE = re.compile(r"\s+")
_SENTENCE_END = "。！？.!?；;"


def _running_text(paragraph: nodes.paragraph) -> bool:
    parent = paragraph.parent
    while parent is not None:
        if isinstance(parent, _SKIPPED):
            return False
        parent = parent.parent
    return True


def shorten(text: str, limit: int = MAX_LENGTH) -> str:
    """``text`` on one line, cut to ``limit`` characters where a sentence or word ends."""
    text = _SPACE.sub(" ", text).strip()
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    sentence = max(cut.rfind(mark) for mark in _SENTENCE_END)
    if sentence >= limit // 2:
        return cut[: sentence + 1]
    space = cut.rfind(" ")
    if space >= limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,，、:：") + "…"


def _parts(node: nodes.Element) -> list[Part]:
    parts: list[Part] = []
    for child in node.children:
        if (isinstance(child, addnodes.pending_xref) and child.get("refdomain") == "kb"
                and not child.get("refexplicit")):
            parts.append((child["reftype"], child["reftarget"]))
        elif isinstance(child, nodes.Text):
            parts.append(str(child))
        elif isinstance(child, nodes.Element):
            parts.extend(_parts(child))
    return parts


def describe(doctree: nodes.document) -> list[Part]:
    """The page's subject line or first paragraph of running text; [] if it has none."""
    first: list[Part] = []
    for paragraph in doctree.findall(nodes.paragraph):
        text = paragraph.astext()
        match = SUBJECT.match(text)
        if match:
            return [match.group("subject")]
        if not first and text.strip() and _running_text(paragraph):
            first = _parts(paragraph)
    return first


def descriptions(env: BuildEnvironment) -> dict[str, list[Part]]:
    """Every page's description, by page name."""
    if not hasattr(env, "kb_descriptions"):
        env.kb_descriptions = {}  # type: ignore[attr-defined]
    return env.kb_descriptions  # type: ignore[attr-defined]


def description_of(env: BuildEnvironment, docname: str) -> str:
    """The page's description, or its title when it has no running text."""
    parts = descriptions(env).get(docname)
    if parts:
        return shorten("".join(_text(env, docname, part) for part in parts))
    title = env.titles.get(docname)
    return title.astext() if title is not None else ""


def _text(env: BuildEnvironment, docname: str, part: Part) -> str:
    if isinstance(part, str):
        return part
    domain = get_domain(env)
    kind, target = part
    try:
        return link_text(domain, resolve(domain, kind, target, citing_date(domain, docname)))
    except CitationError:
        return target  # reported by the build where the citation is


def _record(app: Sphinx, doctree: nodes.document) -> None:
    descriptions(app.env)[app.env.docname] = describe(doctree)


def _purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    descriptions(env).pop(docname, None)


def _merge(app: Sphinx, env: BuildEnvironment, docnames: Any, other: BuildEnvironment) -> None:
    mine, theirs = descriptions(env), descriptions(other)
    for docname in docnames:
        if docname in theirs:
            mine[docname] = theirs[docname]


def setup_descriptions(app: Sphinx) -> None:
    app.connect("doctree-read", _record)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
