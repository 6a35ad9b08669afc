"""The change log (``{change-log}``): every document's history, newest first.

Each entry shows its ``change`` text as translated: it is read from the
page's doctree after Sphinx's ``Locale`` transform (:class:`RecordTranslatedChanges`).
The log is a derived block, so it follows every page's history on
incremental builds.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util.docutils import SphinxDirective

from itukb.derived.engine import Block, add_block, place
from itukb.derived.page import PageWriter
from itukb.i18n.dates import format_date
from itukb.i18n.words import label
from itukb.store.domain import KnowledgeBaseDomain, get_domain
from itukb.store.versions import changelog_data


class kb_changelog(nodes.General, nodes.Element):
    """Where the change log of all documents goes."""


def render_changelog(page: PageWriter, domain: KnowledgeBaseDomain,
                     node: kb_changelog) -> list[nodes.Node]:
    rows = changelog_data(domain)
    lang = page.lang
    if not rows:
        text = label("no_documents")
        return [nodes.paragraph(text, text)]
    items = nodes.bullet_list(classes=["kb-changelog"])
    for row in rows:
        para = nodes.paragraph()
        date = format_date(dt.date.fromisoformat(row["date"]), lang)
        para += nodes.inline(date, date, classes=["kb-date"])
        para += nodes.Text(" · ")
        para += page.link(row["docname"], "", row["title"])
        version = label("version_box").format(version=row["version"])
        para += nodes.Text(f" · {version}{label('colon')}")
        para += nodes.inline(row["change"], row["change"], classes=["kb-change"])
        items += nodes.list_item("", para, ids=[row["anchor"]])
    return [items]


class ChangeLogDirective(SphinxDirective):
    """``{change-log}``: every document's history, newest first."""

    def run(self) -> list[nodes.Node]:
        place(self.env, "changelog")
        node = kb_changelog()
        self.set_source_info(node)
        return [node]


class RecordTranslatedChanges(SphinxTransform):
    """Keep each history entry's ``change`` text as the reader of this build sees it.

    The metadata block is rendered before ``Locale`` so the texts are
    translatable messages; here, after it, the (translated) text is copied
    back into the domain for the change log page.
    """

    default_priority = 25

    def apply(self, **kwargs: Any) -> None:
        record = get_domain(self.env).documents.get(self.env.docname)
        if record is None:
            return
        for history in self.document.findall(nodes.bullet_list):
            if "kb-history" in history["classes"]:
                # the block lists entries newest first; item = [stamp, change]
                texts = [item[1].astext() for item in history.children]
                record["_change_texts"] = texts[::-1]
                return


def setup_changelog(app: Sphinx) -> None:
    add_block(app, Block("changelog", lambda d, doc, a: changelog_data(d), kb_changelog,
                         render_changelog))
    app.add_directive("change-log", ChangeLogDirective)
    app.add_transform(RecordTranslatedChanges)
