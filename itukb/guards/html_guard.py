"""Refuse unsafe HTML in what a page or a translation publishes, where it was written.

Every piece of raw HTML that reaches the HTML writer is a ``raw`` node of a
page's doctree: inline tags and HTML blocks of MyST, ``{raw} html`` blocks,
``.. raw:: html`` in ``{eval-rst}``, in the body, in titles, in the text of
a translation.  Titles are re-rendered by the theme (furo's previous/next
links, the table of contents) from the same nodes, so checking the doctree
once it is read covers them too.  Each is checked against the one policy of
:mod:`itukb.guards.html_policy`; so are the targets of links that docutils writes
itself (``:target:`` of an image, links in ``{eval-rst}``) and ``<meta>``
tags.  A fragment outside the policy is a warning, which fails the build
(``-W``), so nothing is published (:mod:`itukb.build.publish`).

The warning names the MyST line of the page, or, when the fragment came
from a translation, the ``msgstr`` line of the catalog entry, where the
translator has to change it.
"""

from __future__ import annotations

import re
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.i18n import docname_to_domain

from itukb.catalogs.findings import display_path
from itukb.catalogs.locate import entry_line
from itukb.guards.html_policy import refused, url_refused

logger = logging.getLogger(__name__)

_TRANSLATED_SOURCE = re.compile(r"^(.*):(\d+):<translated>$")

ADVICE = ("published HTML may not run scripts, apply styles, hold forms, frames or "
          "embedded objects, load images from elsewhere, or link with a scheme other than "
          "http, https or mailto (see 'Security model' in README.md)")


def _translated_origin(node: nodes.Node) -> tuple[str | None, int | None] | None:
    """(MyST page, line) of the translated message ``node`` comes from; None if not translated."""
    line: int | None = None
    current: nodes.Node | None = node
    while current is not None:
        found = _TRANSLATED_SOURCE.match(getattr(current, "source", None) or "")
        if found:
            return found.group(1), int(found.group(2))
        if line is None and current.line is not None:
            line = current.line
        if isinstance(current, nodes.Element) and current.get("translated"):
            return None, line
        current = current.parent
    return None


def location(app: Sphinx, docname: str, node: nodes.Node) -> str | nodes.Node:
    """Where to report ``node``: the page's line, or the catalog entry that translates it."""
    origin = _translated_origin(node)
    if origin is None:
        return node
    source, line = origin
    source = source or str(app.env.doc2path(docname))
    domain = docname_to_domain(docname, app.config.gettext_compact)
    for locale_dir in app.config.locale_dirs:
        catalog = Path(app.srcdir, locale_dir, app.config.language, "LC_MESSAGES",
                       domain + ".po")
        if catalog.is_file():
            found = entry_line(catalog, source, line) if line is not None else None
            # a location needs a line, or Sphinx takes it for a page's name
            return f"{display_path(catalog)}:{found or 1}"
    return node


def _warn(app: Sphinx, docname: str, node: nodes.Node, what: list[str]) -> None:
    where = location(app, docname, node)
    by = "the translation" if isinstance(where, str) else "the page"
    if not isinstance(where, str) and _line(node) is None:
        where = f"{app.env.doc2path(docname)}:1"  # e.g. html_meta of the front matter
    logger.warning(f"{', '.join(what)} in {by}: {ADVICE}; remove it or use MyST markup",
                   location=where, type="itukb", subtype="unsafe-html")


def _line(node: nodes.Node) -> int | None:
    current: nodes.Node | None = node
    while current is not None:
        if current.line:  # MyST gives front matter line 0
            return current.line
        current = current.parent
    return None


def check_doctree(app: Sphinx, doctree: nodes.document) -> None:
    docname = app.env.docname
    for node in doctree.findall(nodes.Element):
        if isinstance(node, nodes.raw):
            if "html" in node.get("format", "").lower().split():
                found = refused(node.astext())
                if found:
                    _warn(app, docname, node, found)
        elif isinstance(node, nodes.reference):
            uri = node.get("refuri")
            if uri and url_refused(uri):
                _warn(app, docname, node, [f"a link to {uri!r}"])
        elif isinstance(node, nodes.meta) and node.get("http-equiv"):
            _warn(app, docname, node, [f'<meta http-equiv="{node["http-equiv"]}">'])


def setup_html_guard(app: Sphinx) -> None:
    # after Sphinx's Locale transform, which runs while the page is read: translated
    # text is in the doctree by then
    app.connect("doctree-read", check_doctree)
