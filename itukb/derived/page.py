"""The page being written, as derived blocks see it: its language, links from it, dates."""

from __future__ import annotations

import datetime as dt

from docutils import nodes
from sphinx.application import Sphinx

from itukb.i18n.dates import format_date


class PageWriter:
    """What a block needs to draw itself into one page as it is written."""

    def __init__(self, app: Sphinx, docname: str, document: nodes.document) -> None:
        self.builder = app.builder
        self.env = app.env
        self.config = app.config
        self.docname = docname
        self.document = document
        self._uris: dict[str, str] = {}

    @property
    def lang(self) -> str:
        return self.config.language

    def link(self, docname: str, anchor: str, text: str) -> nodes.reference:
        """A link from this page to ``anchor`` of ``docname``."""
        uri = self.builder.get_relative_uri(self.docname, docname)
        if docname == self.docname:
            uri = ""
        if anchor:
            uri += "#" + anchor
        return nodes.reference(text, text, internal=True, refuri=uri)

    def href(self, docname: str, anchor: str) -> str:
        """URL of an anchor of a page from this page; one URI computed per page linked."""
        uris = self._uris
        if docname not in uris:
            uris[docname] = "" if docname == self.docname else \
                self.builder.get_relative_uri(self.docname, docname)
        return f"{uris[docname]}#{anchor}" if anchor else uris[docname] or "#"

    def date(self, iso: str) -> str:
        """An ISO date as readers of this page's language write it."""
        return format_date(dt.date.fromisoformat(iso), self.lang)
