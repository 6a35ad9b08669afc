"""The sidebar's navigation tree: gathered once per build, each page's drawn in linear time.

Furo renders the whole toctree for every page and re-parses it with
BeautifulSoup to add its collapsible checkboxes.  Every page then costs time
in proportion to the number of pages and carries all their titles, so a
build of N documents is quadratic: 500 documents took minutes, 2,000 would
take half an hour.  Here the tree (captions, pages, titles, in toctree
order) is gathered from the environment once per build, and each page's
sidebar is drawn from it with string joins, in furo's markup, so furo's
style sheet and script work unchanged.

To keep every page's sidebar small however many documents there are, the
documents listed by a page that shows them grouped by year (``{document-list}``
with ``:group-by: year``) are grouped by year in the tree too: each year is
an entry linking to that year in the list, and only the year of the page
being read is expanded with its documents.  Every document stays two clicks
away, by year here and by kind on the page that groups them so.

A page's sidebar changes when a title, a date or the toctrees change
elsewhere, which Sphinx does not notice; each page's share of the tree is
therefore hashed after reading and the pages whose share changed are handed
back to be re-written (``env-get-updated``), as :mod:`itukb.derived.engine` does
for derived blocks.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from html import escape
from typing import Any

from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.environment import BuildEnvironment
from sphinx.locale import _ as theme_text  # the theme's words (sphinx catalog), not itukb's

from itukb.blocks.doclist import year_anchor
from itukb.store.domain import get_domain
from itukb.store.memo import Lifetime, memo

#: furo's call for its sidebar tree (furo/__init__.py, _compute_navigation_tree)
FURO_NAVIGATION_CALL = {"collapse": False, "titles_only": True, "maxdepth": -1,
                        "includehidden": True}


@dataclass
class Entry:
    """One line of the tree: a page, a year of documents, or an external link."""

    title: str
    docname: str = ""
    anchor: str = ""
    url: str = ""  # external links only
    year: str = ""  # set on a year's entry
    children: list[Entry] = field(default_factory=list)

    def shape(self, expand: str | None) -> list[Any]:
        """What this entry shows; a year's documents only when ``expand`` is its year."""
        shown = [] if self.year and self.year != expand else self.children
        return [self.title, self.docname, self.anchor, self.url,
                [child.shape(expand) for child in shown]]


@dataclass
class Caption:
    """The entries of one toctree of the root page, under its caption."""

    caption: str
    entries: list[Entry]


class Navigation:
    """The whole tree of one build, and where each page sits in it."""

    def __init__(self, env: BuildEnvironment) -> None:
        self.env = env
        domain = get_domain(env)
        self.documents = domain.documents
        self.grouping = {docname for docname, blocks in domain.derived.items()
                         if any(kind == "document-list" and attrs.get("group_by") == "year"
                                for kind, attrs in blocks)}
        self._seen = {env.config.root_doc}
        self.captions = [Caption(caption, entries)
                         for caption, entries in self._toctrees(env.config.root_doc)]
        #: page -> the year whose documents its sidebar shows (a document's own year)
        self.year_of = {docname: record["date"][:4]
                        for docname, record in self.documents.items()}
        #: page -> the entries from the top down to the page's own (first) entry
        self.paths: dict[str, set[int]] = {}
        self._note_paths([e for c in self.captions for e in c.entries], [])
        #: (directory of the page, docname) -> relative URI, shared by the pages of a directory
        self.uris: dict[tuple[str, str], str] = {}
        self._states: dict[str | None, str] = {}

    # -- gathering ------------------------------------------------------------------

    def _toctrees(self, docname: str) -> Iterator[tuple[str, list[Entry]]]:
        toc = self.env.tocs.get(docname)
        if toc is None:
            return
        for toctree in toc.findall(addnodes.toctree):
            entries = []
            for title, ref in toctree["entries"]:
                entry = self._entry(title, ref)
                if entry is not None:
                    entries.append(entry)
            yield toctree.get("caption") or "", entries

    def _entry(self, title: str | None, ref: str) -> Entry | None:
        if ref == "self":
            return None
        if ref not in self.env.all_docs:
            return Entry(title or ref, url=ref)
        if ref in self._seen:  # a page included twice, or a cycle: listed, not expanded
            return Entry(title or self._title(ref), docname=ref)
        self._seen.add(ref)
        children = [entry for _, entries in self._toctrees(ref) for entry in entries]
        if ref in self.grouping:
            children = self._by_year(ref, children)
        return Entry(title or self._title(ref), docname=ref, children=children)

    def _note_paths(self, entries: list[Entry], above: list[int]) -> None:
        for entry in entries:
            path = [*above, id(entry)]
            if entry.docname and not entry.anchor:
                self.paths.setdefault(entry.docname, set(path))
            self._note_paths(entry.children, path)

    def _title(self, docname: str) -> str:
        title = self.env.titles.get(docname)
        return title.astext() if title is not None else docname

    def _by_year(self, docname: str, children: list[Entry]) -> list[Entry]:
        """Documents under a year's entry, newest first, as the document list shows them."""
        others = [c for c in children if c.docname not in self.documents or c.url]
        years: dict[str, list[Entry]] = {}
        documents = [c for c in children if c.docname in self.documents and not c.url]
        documents.sort(key=lambda c: (self.documents[c.docname]["date"], c.docname),
                       reverse=True)
        for child in documents:
            years.setdefault(self.documents[child.docname]["date"][:4], []).append(child)
        grouped = [Entry(year, docname=docname, anchor=year_anchor(year), year=year,
                         children=entries)
                   for year, entries in sorted(years.items(), reverse=True)]
        return grouped + others

    # -- each page's share --------------------------------------------------------------

    def state(self, docname: str) -> str:
        """A hash of what ``docname``'s sidebar shows: re-write the page when it changes.

        Pages expanding the same year show the same entries (the page itself is
        marked, but that changes only with the page), so one hash per year serves.
        """
        expand = self.year_of.get(docname)
        if expand not in self._states:
            shape = [[c.caption, [e.shape(expand) for e in c.entries]] for c in self.captions]
            self._states[expand] = hashlib.sha256(
                json.dumps(shape, ensure_ascii=False).encode()).hexdigest()
        return self._states[expand]

    def render(self, builder: Builder, pagename: str) -> str:
        """The sidebar of ``pagename`` in furo's markup."""
        return Renderer(self, builder, pagename).html()


class Renderer:
    """Draws one page's sidebar; only the current page's year is expanded."""

    def __init__(self, navigation: Navigation, builder: Builder, pagename: str) -> None:
        self.navigation = navigation
        self.builder = builder
        self.pagename = pagename
        self.expand = navigation.year_of.get(pagename)
        self.path = navigation.paths.get(pagename, set())
        self.directory = pagename.rpartition("/")[0]
        self.checkboxes = 0

    def html(self) -> str:
        out: list[str] = []
        for caption in self.navigation.captions:
            if caption.caption:
                out.append('<p class="caption" role="heading" aria-level="2">'
                           f'<span class="caption-text">{escape(caption.caption)}</span></p>')
            self._list(caption.entries, 1, out)
        return "\n".join(out)

    def _list(self, entries: list[Entry], level: int, out: list[str]) -> None:
        current = any(id(e) in self.path for e in entries)
        out.append('<ul class="current">' if current else "<ul>")
        for entry in entries:
            self._item(entry, level, out)
        out.append("</ul>")

    def _href(self, entry: Entry) -> str:
        if entry.url:
            return entry.url
        if entry.docname == self.pagename:
            uri = ""
        else:
            # a relative URI depends only on the directory of the page it is written on
            key = (self.directory, entry.docname)
            uri = self.navigation.uris.get(key, "")
            if not uri:
                uri = self.navigation.uris[key] = \
                    self.builder.get_relative_uri(self.pagename, entry.docname)
        if entry.anchor:
            return f"{uri}#{entry.anchor}"
        return uri or "#"

    def _item(self, entry: Entry, level: int, out: list[str]) -> None:
        children = [] if entry.year and entry.year != self.expand else entry.children
        is_page = entry.docname == self.pagename and not entry.anchor
        current = id(entry) in self.path
        classes = [f"toctree-l{level}"]
        if current:
            classes.append("current")
        if children:
            classes.append("has-children")
        if is_page:
            classes.append("current-page")
        link_classes = "reference external" if entry.url else "reference internal"
        if is_page:
            link_classes = "current " + link_classes
        title = escape(entry.title)
        line = (f'<li class="{" ".join(classes)}"><a class="{link_classes}" '
                f'href="{escape(self._href(entry))}">{title}</a>')
        if not children:
            out.append(line + "</li>")
            return
        self.checkboxes += 1
        box = f"toctree-checkbox-{self.checkboxes}"
        toggle = escape(theme_text("Toggle navigation of %(title)s") % {"title": entry.title})
        checked = ' checked=""' if current else ""
        # a plain checkbox: its state is its own `checked`. furo's role="switch" wants an
        # aria-checked that nothing keeps up to date, which the HTML checker now forbids
        out.append(f'{line}<input aria-label="{toggle}"{checked} class="toctree-checkbox" '
                   f'id="{box}" name="{box}" type="checkbox"/>'
                   f'<label for="{box}"><span class="icon"><svg><use href="#svg-arrow-right">'
                   "</use></svg></span></label>")
        self._list(children, level + 1, out)
        out.append("</li>")


# -- wiring ---------------------------------------------------------------------------

def navigation(env: BuildEnvironment) -> Navigation:
    """This build's tree, gathered once the pages are read (kept in the build's memo)."""
    return memo(env).get(Lifetime.READ, "navigation", lambda: Navigation(env))


def pages_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """After reading: the pages whose sidebar differs from when they were last written."""
    tree = navigation(env)  # the memo forgot the last one when reading ended
    states = get_domain(env).data.setdefault("navigation_state", {})
    changed = []
    for docname in sorted(env.all_docs):
        state = tree.state(docname)
        if states.get(docname) != state:
            states[docname] = state
            changed.append(docname)
    for docname in [d for d in states if d not in env.all_docs]:
        del states[docname]
    return changed


def add_navigation(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                   doctree: Any) -> None:
    """Give the page its sidebar, and spare furo from rendering the whole tree for it."""
    if app.builder.format != "html":
        return
    context["kb_navigation"] = navigation(app.env).render(app.builder, pagename)
    toctree = context.get("toctree")
    if toctree is None:
        return

    def lighter_toctree(**kwargs: Any) -> str:
        if kwargs == FURO_NAVIGATION_CALL:
            return ""  # furo's tree is not shown: sidebar/navigation.html shows ours
        return toctree(**kwargs)

    context["toctree"] = lighter_toctree


def setup_navigation(app: Sphinx) -> None:
    # before furo's own handler (priority 500), which calls context["toctree"], and after
    # sphinx-notfound-page's (400), which gives the 404 page a toctree of its own: furo
    # would otherwise render the whole tree through it on every build (a second at 2,000)
    app.connect("html-page-context", add_navigation, priority=450)
    app.connect("env-get-updated", pages_to_rewrite)
