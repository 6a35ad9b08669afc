"""The 404 page of each language (sphinx-notfound-page), and its words.

A host serves a 404 page at whatever URL was asked for, at any depth, so
none of its links may be relative.  sphinx-notfound-page makes the theme's
links (styles, scripts, logo, search) absolute paths under
``notfound_urls_prefix``, which is set here to the language's folder under
the base URL's path (``/kb/en/``; ``/en/`` without a base URL, for a site
at the root of its host).  The sidebar, the language switcher and the
``<link>`` tags that this package writes are relative; on the 404 page they
are turned into absolute paths here, once they are drawn.  The page's body
links to the language's home; the language switcher leads to the other
languages' 404 pages.  For a missing URL anywhere else, hosts serve the root
404 page that :mod:`itukb.build.rootfiles` writes beside the language chooser,
the site's entry, which it links to.
"""

from __future__ import annotations

import re
from html import escape
from typing import TYPE_CHECKING, Any

from itukb.i18n.in_language import words_in
from itukb.i18n.names import N_
from itukb.i18n.words import _
from itukb.pages.siteurls import base_path, root_relative, site_base

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

PAGENAME = "404"

#: title, explanation, link to the home page, link to the language chooser (root page)
NOT_FOUND: tuple[str, str, str, str] = (
    N_("Page not found"),
    N_("The page you asked for does not exist; it may have moved or been removed."),
    N_("Go to the home page"),
    N_("Choose a language"),
)

_HREF = re.compile(r'(\s(?:href|src)=")([^"]*)(")')


def not_found_text(language: str | None = None) -> tuple[str, str, str, str]:
    """The 404 page's words in the build's language, or in ``language`` (the root
    404 page shows every language's); English where a catalog lacks them."""
    gettext = words_in(language).gettext if language else _
    title, text, home, chooser = (gettext(message) for message in NOT_FOUND)
    return title, text, home, chooser


def language_prefix(config: Config) -> str:
    """The absolute path of the language's folder, e.g. ``/kb/en/``."""
    return f"{base_path(site_base(config))}{config.language}/"


def configure(app: Sphinx, config: Config) -> None:
    prefix = language_prefix(config)
    title, text, home, _chooser = not_found_text()
    config.notfound_urls_prefix = prefix
    config.notfound_context = {
        "title": title,
        "body": (f"<h1>{escape(title)}</h1>\n<p>{escape(text)}</p>\n"
                 f'<p><a href="{escape(prefix)}index.html">{escape(home)}</a></p>\n'),
    }


def absolute_paths(html: str, prefix: str) -> str:
    """Every relative ``href``/``src`` of an HTML fragment, as an absolute path."""
    return _HREF.sub(lambda m: m.group(1) + escape(root_relative(prefix, m.group(2))) +
                     m.group(3), html)


def fix_links(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
              doctree: Any) -> None:
    """On the 404 page, after everything is drawn: no relative link left."""
    if pagename != app.config.notfound_pagename:
        return
    prefix = language_prefix(app.config)
    for key in ("kb_navigation", "metatags"):
        if isinstance(context.get(key), str):
            context[key] = absolute_paths(context[key], prefix)
    for alternate in context.get("kb_alternates") or []:
        alternate["href"] = root_relative(prefix, alternate["href"])
    context["pageurl"] = None  # a 404 page has no canonical address


def setup_notfound(app: Sphinx) -> None:
    app.setup_extension("notfound.extension")
    app.connect("config-inited", configure, priority=120)
    app.connect("html-page-context", fix_links, priority=900)
