"""A document page's version box, and every page's last-changed date in the footer.

The box at the top of a document page shows its current version, the date
the page last changed and a link to that version's entry in the change log.
The date (:mod:`itukb.store.versions`) also fills the theme's "Last updated
on" footer of every page; both are derived blocks, so a page is re-written
when its date changes even though its source did not.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms import SphinxTransform

from itukb.derived.engine import Block, add_block, place
from itukb.derived.page import PageWriter
from itukb.i18n.dates import format_date
from itukb.i18n.words import label
from itukb.store.domain import KnowledgeBaseDomain, get_domain
from itukb.store.versions import page_date_data, version_data


class kb_version_box(nodes.General, nodes.Element):
    """Where a document page's version box goes."""


def render_version_box(page: PageWriter, domain: KnowledgeBaseDomain,
                       node: kb_version_box) -> list[nodes.Node]:
    data = version_data(domain, page.docname)
    if not data:
        return []
    lang = page.lang
    para = nodes.paragraph()
    version = label("version_box").format(version=data["version"])
    para += nodes.strong(version, version)
    date = format_date(dt.date.fromisoformat(data["last_changed"]), lang)
    updated = label("last_changed").format(date=date)
    para += nodes.Text(" · ")
    para += nodes.inline(updated, updated, classes=["kb-last-changed"])
    if data["changelog"]:
        para += nodes.Text(" · ")
        para += page.link(data["changelog"], data["anchor"], label("change_log"))
    return [nodes.container("", para, classes=["kb-version-box"])]


def version_box_placeholder(env: BuildEnvironment) -> kb_version_box:
    """Record that the document being read shows its version box; its node."""
    place(env, "version")
    return kb_version_box()


class NotePageDate(SphinxTransform):
    """Every page shows its last-changed date in the footer: re-write it when that changes."""

    default_priority = 800

    def apply(self, **kwargs: Any) -> None:
        place(self.env, "page-date")


def add_last_updated(app: Sphinx, pagename: str, templatename: str,
                     context: dict[str, Any], doctree: nodes.document | None) -> None:
    """The theme's "Last updated on" footer, from the page's history, never the clock."""
    if doctree is None or pagename not in app.env.found_docs:
        return
    date = page_date_data(get_domain(app.env), pagename)
    if date is not None:
        context["last_updated"] = format_date(dt.date.fromisoformat(date), app.config.language)


def setup_version_box(app: Sphinx) -> None:
    add_block(app, Block("version", lambda d, doc, a: version_data(d, doc), kb_version_box,
                         render_version_box))
    add_block(app, Block("page-date", lambda d, doc, a: page_date_data(d, doc)))
    app.add_transform(NotePageDate)
    app.connect("html-page-context", add_last_updated)
