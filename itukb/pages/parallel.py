"""Parallel text: each document in Chinese and English side by side, message by message.

The catalogs already pair every passage of a page with its translation.
Just before Sphinx's ``Locale`` transform (priority 20) each passage of a
document is noted (:class:`SnapshotSource`); when the page is written, the
pairs are rendered (:mod:`itukb.pages.parallel_html`) into
``<document>.parallel.html`` beside the document, in both language trees, so
each has its twin and relative links of the passages stay right:

* a translated build copies the source passages before Locale; after it the
  same nodes hold the translation (links resolved), marked by Locale when it
  translated them;
* the source-language build has the passages as they are, and parses each
  translated ``msgstr`` of the catalog the way Locale does (its links are
  shown as text there, since this build cannot resolve them).

Each row is marked translated, awaiting review (a fuzzy entry, which builds
do not use, or a translation ``make update-po`` suggested from another page
with the same Chinese text) or untranslated, from the catalog's states
(:func:`itukb.store.translation_status.catalog_states`).  Pages are produced by
``html-collect-pages`` for the documents written in this build, so an
incremental build re-writes only those.  No documentation tool shows a
page's catalog pairs to readers, hence our own code.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import polib
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.transforms.i18n import _publish_msgstr
from sphinx.util import logging
from sphinx.util.docutils import sphinx_domains
from sphinx.util.nodes import extract_messages

from itukb.i18n.config import site_language, source_language, target_languages
from itukb.pages.parallel_html import number_footnotes, page_body, plain, render, row, word
from itukb.store.domain import get_domain
from itukb.store.translation_status import catalog_path, catalog_states

SUFFIX = ".parallel"
_SOURCE = "kb_parallel_source"
_INDEX = "kb_parallel"


class SnapshotSource(SphinxTransform):
    """Note each passage of a document (a copy, on a translated build) before Locale."""

    default_priority = 19  # Locale is 20

    def apply(self, **kwargs: Any) -> None:
        if self.env.docname not in get_domain(self.env).documents:
            return
        translated = site_language(self.config) != source_language(self.config)
        passages: list[tuple[str, nodes.Element | None]] = []
        for node, message in extract_messages(self.document):
            if not isinstance(node, nodes.TextElement):
                continue
            node[_INDEX] = len(passages)
            passages.append((message, plain(node) if translated else None))
        self.document[_SOURCE] = passages


def note_translation_catalog(app: Sphinx, doctree: nodes.document) -> None:
    """A document's parallel page on the source-language build shows its translation:
    a change to that catalog makes Sphinx read the page again.

    Not for the gettext builder, which writes no parallel page: otherwise
    every catalog ``make update-po`` merges would make the next extraction
    read the whole site again.
    """
    config, env = app.config, app.env
    if app.builder.name == "gettext" or env.docname not in get_domain(env).documents \
            or site_language(config) != source_language(config):
        return
    path = catalog_path(config, env.srcdir, env.docname, target_languages(config)[0])
    if path is not None:
        env.note_dependency(str(path))


def _row_id(node: nodes.Element, taken: set[str]) -> str:
    """The passage's own anchor (or its section's, for a heading), once per page."""
    ids = node["ids"] or (node.parent["ids"] if isinstance(node, nodes.title)
                          and node.parent is not None else [])
    if ids and ids[0] not in taken:
        taken.add(ids[0])
        return ids[0]
    return ""


def _translations(app: Sphinx, path: str) -> dict[str, str]:
    """msgid -> msgstr of a catalog's translated entries, read once per build."""
    cache: dict[str, dict[str, str]] = app.builder.__dict__.setdefault("_kb_msgstr", {})
    if path not in cache:
        try:
            po = polib.pofile(path, encoding="utf-8")
        except (OSError, ValueError):
            # a catalog that is not well-formed is reported once, by the build of its
            # language (and make check-po); here its passages show as untranslated
            po = polib.POFile()
        cache[path] = {e.msgid: e.msgstr for e in po
                       if not e.obsolete and not e.fuzzy and e.msgstr.strip()}
    return cache[path]


def _parsed(app: Sphinx, node: nodes.Element, msgstr: str, docname: str) -> nodes.Element:
    """A translation parsed as Locale parses it; plain text for what is not a paragraph."""
    if isinstance(node, nodes.literal_block):
        return nodes.literal_block(msgstr, msgstr)
    # the parser asks which page it is reading, as Sphinx's post-transforms arrange
    # (and its default domain, for the kb roles), as when the page was read
    backup = app.env.current_document
    app.env.prepare_settings(docname)
    try:
        # whatever is wrong with a translation is reported once, by its own build
        with sphinx_domains(app.env), logging.suppress_logging():
            patch = _publish_msgstr(msgstr, str(app.env.doc2path(docname)), node.line or 0,
                                    config=app.config, env=app.env, registry=app.registry,
                                    settings=node.document.settings)
    finally:
        app.env.current_document = backup
    if not isinstance(patch, nodes.paragraph):
        return nodes.paragraph(msgstr, msgstr)
    return plain(patch)


def render_parallel(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Pair each passage with its translation, render both, keep the page for writing."""
    passages = doctree.attributes.pop(_SOURCE, None)
    if not passages:
        return
    language = site_language(app.config)
    translating = language != source_language(app.config)
    target_language = language if translating else target_languages(app.config)[0]
    on_page = {node[_INDEX]: node for node in doctree.findall(nodes.Element) if _INDEX in node}
    path = catalog_path(app.config, app.env.srcdir, docname, target_language)
    states = (catalog_states(app.env, path) if path is not None else None) or {}
    msgstrs = _translations(app, str(path)) if path is not None and not translating else {}
    page = docname.rsplit("/", 1)[-1] + ".html"
    counts = {"translated": 0, "fuzzy": 0, "untranslated": 0}
    rows: list[str] = []
    taken: set[str] = set()
    for index, (message, snapshot) in enumerate(passages):
        node = on_page.get(index)
        if node is None:
            continue  # taken out after Locale (MyST's front matter fields): not on the page
        state = states.get(message, "untranslated")
        if translating:
            source, target = snapshot, plain(node) if node.get("translated") else None
        else:
            source = plain(node)
            target = _parsed(app, node, msgstrs[message], docname) \
                if state == "translated" and message in msgstrs else None
        for passage in (source, target):
            if passage is not None:
                number_footnotes(passage, doctree)
        if target is None and state == "translated":
            state = "untranslated"  # in the catalog, but not applied (a broken entry)
        # a translation suggested from another page awaits review like a fuzzy one
        counts["fuzzy" if state == "suggested" else state] += 1
        rows.append(row(state, _row_id(node, taken), isinstance(node, nodes.title),
                        render(app, source, page),
                        render(app, target, page) if target is not None else None,
                        source_language(app.config), target_language))
    title = doctree.next_node(nodes.title)
    heading = title.astext() if title is not None else docname
    pages: dict[str, dict[str, Any]] = app.builder.__dict__.setdefault("_kb_parallel", {})
    pages[docname + SUFFIX] = page_body(heading, page, rows, counts, source_language(app.config),
                                           target_language)


def collect_parallel(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    pages: dict[str, dict[str, Any]] = app.builder.__dict__.get("_kb_parallel", {})
    for pagename in sorted(pages):
        yield pagename, pages[pagename], "page.html"


def link_to_parallel(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Right after a document's version box, in both languages, a link to its parallel text."""
    if docname not in get_domain(app.env).documents:
        return
    box = next(iter(doctree.findall(
        lambda n: isinstance(n, nodes.container) and "kb-version-box" in n["classes"])), None)
    if box is None:
        return
    text = word("link")
    href = docname.rsplit("/", 1)[-1] + SUFFIX + ".html"
    # a line of the interface, not of the text: in a box of its own, so that it
    # is not taken for a paragraph to anchor and cite, nor indexed for search
    link = nodes.paragraph("", "", nodes.reference(text, text, refuri=href, internal=True))
    box.parent.insert(box.parent.index(box) + 1, nodes.container(
        "", link, classes=["kb-parallel-link", "no-search"]))


def setup_parallel(app: Sphinx) -> None:
    app.add_transform(SnapshotSource)
    app.connect("doctree-read", note_translation_catalog)
    # after itukb.derived.engine has drawn the version box (default priority)
    app.connect("doctree-resolved", render_parallel, priority=600)
    app.connect("doctree-resolved", link_to_parallel, priority=610)
    app.connect("html-collect-pages", collect_parallel)
