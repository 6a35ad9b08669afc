"""Atom feeds of each language: new documents and the change log.

``<lang>/documents.atom`` lists every document, newest first by its date:
each entry has the document's symbol (in its title, unless the title already
holds it, and as a category), title, date (``published``), last-changed
date (``updated``), summary (:mod:`itukb.pages.descriptions`) and link.
``<lang>/changelog.atom`` has one entry per history entry of every
document, newest first, linking to its entry on the change log page.

Built with feedgen, which escapes every text and attribute it writes (titles,
summaries and change texts come from pages and translations).  No date comes
from the clock: an entry's dates are the document's, a feed's ``updated`` is
its newest entry's, and an empty feed's is ``SOURCE_DATE_EPOCH`` (else 1970),
so the same commit builds the same bytes.  Both feeds are written at the end
of every build from the environment, so they follow every change of an
incremental build.  Every page links to them with ``<link rel="alternate">``.
Links and ids are absolute under ``kb_baseurl``; without it, links are
relative to the feed and ids are ``urn:`` names.
"""

from __future__ import annotations

import datetime as dt
import os
import uuid
from html import escape
from pathlib import Path
from typing import Any

from docutils import nodes
from feedgen.feed import FeedGenerator
from sphinx.application import Sphinx

from itukb.i18n.words import kind_name, label
from itukb.pages.descriptions import description_of
from itukb.pages.siteurls import absolute, hreflang
from itukb.store.domain import KnowledgeBaseDomain, get_domain
from itukb.store.versions import changelog_data, changelog_docname, last_changed

DOCUMENTS_FEED = "documents.atom"
CHANGELOG_FEED = "changelog.atom"
ATOM_TYPE = "application/atom+xml"


def _datetime(iso: str) -> dt.datetime:
    return dt.datetime.combine(dt.date.fromisoformat(iso), dt.time(), tzinfo=dt.UTC)


def _empty_feed_date() -> dt.datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    seconds = int(epoch) if epoch.isdigit() else 0
    return dt.datetime.fromtimestamp(seconds, tz=dt.UTC)


class Feeds:
    """Writes the feeds of one language build."""

    def __init__(self, app: Sphinx) -> None:
        self.app = app
        self.config = app.config
        self.language = app.config.language or ""
        self.domain: KnowledgeBaseDomain = get_domain(app.env)
        self.suffix = app.config.html_file_suffix or ".html"

    def _link(self, path: str) -> str:
        """A path below the language folder, absolute under the base URL if there is one."""
        return absolute(self.config, self.language, path) or path

    def _id(self, path: str) -> str:
        url = absolute(self.config, self.language, path)
        if url:
            return url
        return uuid.uuid5(uuid.NAMESPACE_URL, f"itukb:{self.language}/{path}").urn

    def _feed(self, filename: str, title: str, home: str) -> FeedGenerator:
        feed = FeedGenerator()
        feed.id(self._id(filename))
        feed.title(title)
        feed.language(hreflang(self.language))
        feed.author({"name": self.config.author})
        feed.link(href=self._link(home), rel="alternate", type="text/html")
        feed.link(href=self._link(filename), rel="self", type=ATOM_TYPE)
        return feed

    def _write(self, feed: FeedGenerator, filename: str, dates: list[dt.datetime]) -> None:
        feed.updated(max(dates) if dates else _empty_feed_date())
        data = feed.atom_str(pretty=True)
        Path(self.app.outdir, filename).write_bytes(data)

    def documents(self) -> None:
        site = label("site_title")
        feed = self._feed(DOCUMENTS_FEED, f"{site} · {label('kind_document')}",
                          f"index{self.suffix}")
        records = sorted(self.domain.documents.values(),
                         key=lambda r: (r["date"], r["id"]), reverse=True)
        dates = []
        for record in records:
            docname = record["docname"]
            path = f"{docname}{self.suffix}"
            title_node = self.app.env.titles.get(docname)
            title = title_node.astext() if title_node is not None else record["title"]
            symbol = record.get("symbol") or ""
            if symbol and symbol not in title:
                title = f"{symbol} · {title}"
            changed = last_changed(self.domain, docname)
            updated = _datetime(changed[0] if changed else record["date"])
            entry = feed.add_entry(order="append")
            entry.id(self._id(path))
            entry.title(title)
            entry.link(href=self._link(path), rel="alternate", type="text/html")
            entry.published(_datetime(record["date"]))
            entry.updated(updated)
            entry.summary(description_of(self.app.env, docname) or title)
            entry.category(term=record["kind"], label=kind_name(record["kind"]))
            if symbol:
                entry.category(term=symbol, label=label("symbol"))
            dates.append(updated)
        self._write(feed, DOCUMENTS_FEED, dates)

    def changelog(self) -> None:
        page = changelog_docname(self.domain)
        site = label("site_title")
        home = f"{page}{self.suffix}" if page else f"index{self.suffix}"
        feed = self._feed(CHANGELOG_FEED, f"{site} · {label('change_log')}", home)
        dates = []
        for row in changelog_data(self.domain):
            target = f"{page}{self.suffix}" if page else f"{row['docname']}{self.suffix}"
            path = f"{target}#{row['anchor']}"
            version = label("version_box").format(version=row["version"])
            entry = feed.add_entry(order="append")
            entry.id(self._id(path))
            entry.title(f"{row['title']} · {version}")
            entry.link(href=self._link(path), rel="alternate", type="text/html")
            date = _datetime(row["date"])
            entry.published(date)
            entry.updated(date)
            entry.summary(row["change"])
            dates.append(date)
        self._write(feed, CHANGELOG_FEED, dates)


def write_feeds(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    feeds = Feeds(app)
    feeds.documents()
    feeds.changelog()


def feed_links(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
               doctree: nodes.document | None) -> None:
    """``<link rel="alternate">`` to both feeds on every page, for readers to find them."""
    if app.builder.format != "html":
        return
    up = "../" * pagename.count("/")
    site = label("site_title")
    links = []
    for filename, what in ((DOCUMENTS_FEED, label("kind_document")),
                           (CHANGELOG_FEED, label("change_log"))):
        links.append(f'<link rel="alternate" type="{ATOM_TYPE}" '
                     f'title="{escape(f"{site} · {what}")}" href="{escape(up + filename)}">')
    context["metatags"] = context.get("metatags", "") + "\n".join(links) + "\n"


def setup_feeds(app: Sphinx) -> None:
    app.connect("build-finished", write_feeds)
    app.connect("html-page-context", feed_links)
