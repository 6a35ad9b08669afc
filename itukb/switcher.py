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
from sphinx.config import Config

from itukb.languages import HREFLANG, LANGUAGES, NATIVE_NAMES, label, site_language


def url_in_language(config: Config, from_page: str, docname: str, language: str) -> str:
    """URL of ``docname`` in the ``language`` build, seen from ``from_page``.

    Absolute under ``html_baseurl`` when it is set, else relative; the one rule
    for every link between the two language trees.
    """
    target = f"{language}/{docname}{config.html_file_suffix or '.html'}"
    base = config.html_baseurl
    if base:
        return f"{base.rstrip('/')}/{target}"
    return "../" * (from_page.count("/") + 1) + target


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
         "href": url_in_language(app.config, pagename, pagename, lang), "current": lang == current}
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
