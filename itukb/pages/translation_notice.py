"""The notice on an English page readers see partly in Chinese.

Under the title: how many passages are not translated yet, how many have a
translation awaiting review because their Chinese changed, and how many have
a translation suggested from another page with the same Chinese text (an
entry ``make update-po`` borrowed: it was never "changed since translated"),
with links to the Chinese original and the status page.  The counts come
from :mod:`itukb.store.translation_status`.
"""

from __future__ import annotations

from html import escape
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.osutil import relative_uri

from itukb.i18n.config import hreflang, site_language, source_language
from itukb.i18n.dates import format_number
from itukb.pages.switcher import url_in_language
from itukb.store.translation_status import (
    catalog_path,
    catalog_states,
    page_stats,
    status_domain,
    status_text,
)


def suggested_count(env: BuildEnvironment, docname: str, language: str) -> int:
    """How many of the page's fuzzy messages are suggestions from another catalog."""
    path = catalog_path(env.config, env.srcdir, docname, language)
    states = catalog_states(env, path) if path is not None else None
    if not states:
        return 0
    return sum(states.get(m) == "suggested" for m in status_domain(env).messages.get(docname, ()))


class TranslationNotice(SphinxPostTransform):
    """Put a notice under the title of a page readers see partly in Chinese."""

    default_priority = 300
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        language = site_language(self.config)
        if language == source_language(self.config) or not self.config.kb_translation_notice:
            return
        docname = self.env.docname
        stats, has_catalog = page_stats(self.env, docname, self.config.language)
        shown_in_chinese = stats.fuzzy + stats.untranslated
        if not shown_in_chinese:
            return
        if not has_catalog or not stats.translated:
            sentences = [status_text("notice_none")]
        else:
            sentences = [status_text("notice_missing",
                                     count=format_number(shown_in_chinese, language),
                                     total=format_number(stats.total, language))]
        if stats.fuzzy:
            suggested = suggested_count(self.env, docname, language)
            changed = stats.fuzzy - suggested
            if changed:
                sentences.append(status_text("notice_fuzzy",
                                             count=format_number(changed, language)))
            if suggested:
                sentences.append(status_text("notice_suggested",
                                             count=format_number(suggested, language)))
        self._insert(docname, language, sentences)

    def _insert(self, docname: str, language: str, sentences: list[str]) -> None:
        title = status_text("notice_title")
        notice = nodes.admonition(classes=["attention", "kb-translation-notice"])
        notice += nodes.title(title, title)
        text = " ".join(sentences)
        notice += nodes.paragraph(text, text)
        # the link to the Chinese twin is a language switch, written as the
        # switcher writes it (itukb.pages.switcher), so that tools and the anchor-keeping
        # script treat it as one
        source = source_language(self.config)
        twin = url_in_language(self.config, docname, docname, source)
        links = [f'<a class="kb-switch-link" href="{escape(twin)}" '
                 f'hreflang="{hreflang(source)}">'
                 f"{escape(status_text('read_original'))}</a>"]
        status_page = self.config.kb_translation_status_page
        if status_page:
            suffix = (self.config.html_file_suffix or ".html")
            uri = relative_uri(f"{docname}{suffix}", f"{status_page}{suffix}")
            links.append(f'<a class="reference internal" href="{escape(uri)}">'
                         f"{escape(status_text('see_status'))}</a>")
        html = (f'<nav class="kb-language-switcher kb-translation-links" '
                f'aria-label="{escape(title)}">{" ".join(links)}</nav>\n')
        notice += nodes.raw("", html, format="html")
        section = next(iter(self.document.findall(nodes.section)), None)
        if section is not None and section.children and isinstance(section[0], nodes.title):
            section.insert(1, notice)
        else:
            self.document.insert(0, notice)


# -- the status page ------------------------------------------------------------------


def setup_translation_notice(app: Sphinx) -> None:
    app.add_post_transform(TranslationNotice)
