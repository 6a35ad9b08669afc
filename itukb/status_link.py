"""A link to the translation status page in the footer of every page.

The status page (:mod:`itukb.translation_status`) was linked only from the
notice of a partly translated page: once everything is translated nothing
led to it.  The footer of furo's pages shows ``footer_icons``; this sets
them per page, so the link is relative to the page and in its language.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from itukb.languages import site_language

LABEL = {"zh_CN": "翻译进度", "en": "Translation status"}


def add_status_link(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                    doctree: Any) -> None:
    status_page = app.config.kb_translation_status_page
    if not status_page or pagename == status_page or "pathto" not in context:
        return
    text = LABEL[site_language(app.config.language)]
    context["theme_footer_icons"] = [{
        "name": text, "url": context["pathto"](status_page), "html": text,
        "class": "kb-status-link"}]


def setup_status_link(app: Sphinx) -> None:
    app.connect("html-page-context", add_status_link)
