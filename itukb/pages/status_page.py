"""The translation status page, and a link to it in the footer of every page.

The page (``translation-status.html`` in every language) lists each page
with how many of its passages are translated, awaiting review or not
translated, from :mod:`itukb.store.translation_status`.  It used to be linked only
from the notice of a partly translated page, so once everything was
translated nothing led to it: furo's footer shows ``footer_icons``, set here
per page so that the link is relative to the page and in its language.
"""

from __future__ import annotations

from collections.abc import Iterator
from html import escape
from typing import Any

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util.osutil import relative_uri

from itukb.catalogs.stats import CatalogStats
from itukb.i18n.config import native_name, site_language, target_languages
from itukb.i18n.dates import format_number, format_percent
from itukb.store.translation_status import page_stats, status_text


def _cell(value: object, classes: str = "") -> str:
    attribute = f' class="{classes}"' if classes else ""
    return f"<td{attribute}>{value}</td>"


def _row(cells: list[str], header: bool = False) -> str:
    if header:
        return "<tr>" + "".join(f'<th class="head">{c}</th>' for c in cells) + "</tr>"
    return "<tr>" + "".join(cells) + "</tr>"


def status_body(app: Sphinx, pagename: str) -> str:
    """The status page's HTML: one row per page and target language, then totals."""
    env = app.env
    lang = site_language(app.config)
    suffix = (app.config.html_file_suffix or ".html")
    columns = ["page", "language", "translated", "fuzzy", "untranslated", "done"]
    rows = [_row([status_text(c) for c in columns], header=True)]
    totals = {language: CatalogStats() for language in target_languages(app.config)}
    for docname in sorted(env.found_docs):
        title = env.titles[docname].astext() if docname in env.titles else docname
        own = relative_uri(f"{pagename}{suffix}", f"{docname}{suffix}")
        for language in target_languages(app.config):
            stats, has_catalog = page_stats(env, docname, language)
            totals[language] = totals[language] + stats
            state = "kb-status-complete" if stats.complete else "kb-status-partial"
            done = format_percent(stats.percent, 0, lang)
            if not has_catalog:
                done += f" ({status_text('no_catalog')})"
            rows.append(_row([
                _cell(f'<a class="reference internal" href="{escape(own)}">'
                      f"{escape(title)}</a>"),
                _cell(escape(native_name(language))),
                *(_cell(format_number(count, lang))
                  for count in (stats.translated, stats.fuzzy, stats.untranslated)),
                _cell(escape(done), state)]))
    for language, stats in totals.items():
        rows.append(_row([_cell(f"<strong>{escape(status_text('total'))}</strong>"),
                          _cell(escape(native_name(language))),
                          *(_cell(format_number(count, lang))
                            for count in (stats.translated, stats.fuzzy, stats.untranslated)),
                          _cell(format_percent(stats.percent, 1, lang))]))
    title = escape(status_text("title"))
    return (f'<section id="{escape(pagename.rsplit("/", 1)[-1])}">\n<h1>{title}</h1>\n'
            f"<p>{escape(status_text('intro'))}</p>\n"
            '<div class="table-wrapper"><table class="docutils align-default '
            f'kb-translation-status">\n<tbody>\n{chr(10).join(rows)}\n</tbody>\n</table>'
            "</div>\n</section>\n")


def collect_status_page(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    pagename = app.config.kb_translation_status_page
    if not pagename or app.builder.name not in ("html", "dirhtml"):
        return
    if pagename in app.env.found_docs:
        raise ExtensionError(f"kb_translation_status_page is {pagename!r}, which is also a "
                             "page of the site: choose another name")
    context = {"title": status_text("title"),
               "body": status_body(app, pagename)}
    yield pagename, context, "page.html"


def add_status_link(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                    doctree: Any) -> None:
    status_page = app.config.kb_translation_status_page
    if not status_page or pagename == status_page or "pathto" not in context:
        return
    text = status_text("title")
    context["theme_footer_icons"] = [{
        "name": text, "url": context["pathto"](status_page), "html": text,
        "class": "kb-status-link"}]


def setup_status_page(app: Sphinx) -> None:
    app.connect("html-collect-pages", collect_status_page)
    app.connect("html-page-context", add_status_link)
