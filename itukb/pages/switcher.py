"""Move between the languages: a switcher on every page and hreflang links.

Each language is built into its own directory (``zh_CN/``, ``en/``) with the
same page names, so the twin of ``en/a/b.html`` is ``zh_CN/a/b.html``.
The switcher links there directly (no JavaScript needed); a small script
carries the current ``#anchor`` along, which works because anchors are the
same in both languages (see :mod:`itukb.reading.anchors`).
"""

from __future__ import annotations

from html import escape
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

from itukb.i18n.config import hreflang, native_name, site_language, site_languages
from itukb.i18n.words import label
from itukb.pages.siteurls import site_base
from itukb.store.domain import get_domain, index_groups


def url_in_language(config: Config, from_page: str, docname: str, language: str) -> str:
    """URL of ``docname`` in the ``language`` build, seen from ``from_page``.

    Absolute under ``kb_baseurl`` (:mod:`itukb.pages.siteurls`) when it is set, else
    relative; the one rule for every link between the language trees.
    """
    target = f"{language}/{docname}{config.html_file_suffix or '.html'}"
    base = site_base(config)
    if base:
        return f"{base.rstrip('/')}/{target}"
    return "../" * (from_page.count("/") + 1) + target


def _root_url(app: Sphinx, pagename: str) -> str:
    base = site_base(app.config)
    if base:
        return f"{base.rstrip('/')}/"
    return "../" * (pagename.count("/") + 1) + "index.html"


def add_alternates(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    current = site_language(app.config)
    alternates: list[dict[str, Any]] = [
        {"language": lang, "hreflang": hreflang(lang), "name": native_name(lang),
         "href": url_in_language(app.config, pagename, pagename, lang), "current": lang == current}
        for lang in site_languages(app.config)
    ]
    links = [
        f'<link rel="alternate" hreflang="{escape(a["hreflang"])}" href="{escape(str(a["href"]))}">'
        for a in alternates
    ]
    links.append(f'<link rel="alternate" hreflang="x-default" '
                 f'href="{escape(_root_url(app, pagename))}">')
    context["metatags"] = context.get("metatags", "") + "\n".join(links) + "\n"
    context["kb_alternates"] = [a for a in alternates if not a["current"]]
    context["kb_switch_label"] = label("switch_language")
    if pagename == "kb-objects":
        context["kb_index_groups"] = index_groups(get_domain(app.env))


def setup_switcher(app: Sphinx) -> None:
    app.connect("html-page-context", add_alternates)
