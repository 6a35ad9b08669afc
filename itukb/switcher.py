"""Move between the languages: a switcher on every page and hreflang links.

Each language is built into its own directory (``zh_CN/``, ``en/``) with the
same page names, so the twin of ``en/a/b.html`` is ``zh_CN/a/b.html``.
The switcher links there directly (no JavaScript needed); a small script
carries the current ``#anchor`` along, which works because anchors are the
same in both languages (see :mod:`itukb.anchors`).
"""

from __future__ import annotations

from html import escape
from typing import Any

from sphinx.application import Sphinx

from itukb.languages import HREFLANG, LANGUAGES, NATIVE_NAMES, label, site_language


def _page_url(app: Sphinx, pagename: str, language: str) -> str:
    """URL of ``pagename`` in ``language``: absolute with html_baseurl, else relative."""
    target = f"{language}/{pagename}.html"
    base = app.config.html_baseurl
    if base:
        return f"{base.rstrip('/')}/{target}"
    return "../" * (pagename.count("/") + 1) + target


def _root_url(app: Sphinx, pagename: str) -> str:
    base = app.config.html_baseurl
    if base:
        return f"{base.rstrip('/')}/"
    return "../" * (pagename.count("/") + 1) + "index.html"


def add_alternates(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    current = site_language(app.config.language)
    alternates: list[dict[str, Any]] = [
        {"language": lang, "hreflang": HREFLANG[lang], "name": NATIVE_NAMES[lang],
         "href": _page_url(app, pagename, lang), "current": lang == current}
        for lang in LANGUAGES
    ]
    links = [
        f'<link rel="alternate" hreflang="{a["hreflang"]}" href="{escape(str(a["href"]))}">'
        for a in alternates
    ]
    links.append(f'<link rel="alternate" hreflang="x-default" '
                 f'href="{escape(_root_url(app, pagename))}">')
    context["metatags"] = context.get("metatags", "") + "\n".join(links) + "\n"
    context["kb_alternates"] = [a for a in alternates if not a["current"]]
    context["kb_switch_label"] = label("switch_language", current)
    if pagename == "kb-objects":
        from itukb.domain import get_domain, index_groups

        context["kb_index_groups"] = index_groups(get_domain(app.env))


def setup_switcher(app: Sphinx) -> None:
    app.connect("html-page-context", add_alternates)
