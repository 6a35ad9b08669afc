"""Search with Pagefind: what each page gives the index, and no Sphinx index.

The site's search index is written by Pagefind after the build
(:mod:`itukb.build.pagefind_index`); this module prepares the pages for it:

* only pages built from the knowledge base's sources are indexed: their
  article is wrapped in ``data-pagefind-body`` (the ``page.html`` template),
  which leaves out the search page, the general and object indices and the
  404 page, and everything around the article (sidebar, language switcher);
* each indexed page carries its metadata and filter values
  (:mod:`itukb.build.search_facets`);
* with ``kb_search_cache`` set (``make html`` sets it), the search index is
  started as soon as the pages are written, in a process of its own, while
  Sphinx writes what else it writes (parallel texts, feeds, ``kb.json``):
  the build's own indexing step afterwards waits for it and finds the index
  up to date, or writes it if that run failed or was overtaken;
* Sphinx's own index is not built: nothing reads it any more, and for
  Chinese it meant loading jieba's dictionary on every build.  Sphinx has no
  setting for that, so the builder's ``search`` flag is turned off while it
  prepares to write (which is where it creates its indexer) and on again
  after, so that the search page is still written and linked.  A
  ``searchindex.js`` left in the output by an earlier build is removed.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from itukb.build.search_facets import FACET_LABELS, page_facets
from itukb.i18n.words import _
from itukb.store.domain import get_domain

#: pages built from sources that are lists of other pages, not content of their own
NOT_INDEXED = frozenset({"kb-objects"})


def without_sphinx_index(app: Sphinx) -> None:
    builder = app.builder
    if builder.format != "html" or not getattr(builder, "search", False):
        return
    if app.config.kb_sphinx_search_index:  # what `make bench` compares Pagefind with
        return
    prepare = builder.prepare_writing

    def prepare_without_index(docnames: Any) -> None:
        builder.search = False  # type: ignore[attr-defined]
        try:
            prepare(docnames)
        finally:
            builder.search = True  # type: ignore[attr-defined]

    builder.prepare_writing = prepare_without_index  # type: ignore[method-assign]


#: the indexing started early, kept so that it is not collected while it runs
_EARLY: list[subprocess.Popen[bytes]] = []


def index_while_finishing(app: Sphinx) -> None:
    """Start the search index once the pages are written (they are all the index reads).

    The pages Pagefind indexes are the ones built from sources, all written
    by :meth:`~sphinx.builders.Builder.write`; what ``finish`` and
    ``build-finished`` write after them (parallel texts, the 404 and status
    pages, feeds) is not indexed.  The indexing step of the build checks the
    result anyway, so starting early can only save time, never change the index.
    """
    builder = app.builder
    cache = app.config.kb_search_cache
    if builder.format != "html" or not cache:
        return
    finish = builder.finish

    def finish_while_indexing() -> None:
        _EARLY.append(subprocess.Popen(
            [sys.executable, "-m", "itukb.build.pagefind_index", "--early", "--cache", str(cache),
             str(app.outdir)],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        finish()

    builder.finish = finish_while_indexing  # type: ignore[method-assign]


def remove_old_index(app: Sphinx, exception: Exception | None) -> None:
    if exception is None and app.builder.format == "html" \
            and not app.config.kb_sphinx_search_index:
        Path(app.outdir, "searchindex.js").unlink(missing_ok=True)


def add_search_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if pagename == "search":
        context["kb_search_labels"] = {key: _(value) for key, value in FACET_LABELS.items()}
    if doctree is None or pagename not in app.env.all_docs or pagename in NOT_INDEXED:
        return
    title = app.env.titles.get(pagename)
    facets = page_facets(get_domain(app.env), pagename, title.astext() if title else pagename)
    context["kb_search_body"] = True
    context["kb_search_fields"] = facets.html()


def setup_search(app: Sphinx) -> None:
    app.add_config_value(
        "kb_sphinx_search_index", False, "html", types=[bool],
        description="also write Sphinx's own searchindex.js (only to compare its size)")
    app.add_config_value(
        "kb_search_cache", "", "", types=[str],
        description="where the search index keeps its copies of the pages; set: index early")
    app.connect("builder-inited", without_sphinx_index)
    app.connect("builder-inited", index_while_finishing)
    app.connect("html-page-context", add_search_context)
    app.connect("build-finished", remove_old_index)
