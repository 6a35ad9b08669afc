"""Write where each link and anchor of a page comes from, for the link checker.

The link checker (:mod:`itukb.sitecheck`) reads the built HTML, where a
broken link is only a line of generated markup.  An editor needs the MyST
page and line that wrote it, or, when only the translation breaks it, the
``.po`` catalog.  Sphinx knows both while it resolves each page, so this
module records them then, one JSON file per page under
``<doctreedir>/itukb-sourcemap/``: outside the published HTML, rewritten
whenever the page itself is rewritten, so it never goes stale.

Links are recorded in document order with the ``href`` the HTML writer will
give them; the checker pairs the n-th link with a given ``href`` in the
built article with the n-th one here.  Text of a translated paragraph comes
from the catalog and carries a source like ``page.md:23:<translated>``,
where 23 is the paragraph's line in the MyST page and the ``#:`` location of
its message in the ``.po`` file.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util.i18n import docname_to_domain

from itukb.store.memo import Lifetime, memo

#: Folder, inside each language's doctree directory, that holds the maps.
SOURCEMAP_DIR = "itukb-sourcemap"
#: Bump when the shape of a map changes; the checker refuses other versions.
SOURCEMAP_VERSION = 1

_TRANSLATED_SOURCE = re.compile(r":(\d+):<translated>$")
#: the target of a link written in raw HTML, ``<a href="...">``
_RAW_HREF = re.compile(r"""<a\s[^>]*?\bhref\s*=\s*(["'])(.*?)\1""", re.IGNORECASE | re.DOTALL)


def _origin(node: nodes.Node) -> tuple[int | None, bool]:
    """Line in the MyST page of ``node``, and whether its text was translated."""
    line: int | None = None
    current: nodes.Node | None = node
    while current is not None:
        source = getattr(current, "source", None) or ""
        match = _TRANSLATED_SOURCE.search(source)
        if match:
            return int(match.group(1)), True
        if line is None and current.line is not None:
            line = current.line
        # the resolver's new reference nodes carry no source; the paragraph
        # the catalog translated says so itself
        if isinstance(current, nodes.Element) and current.get("translated"):
            return line, True
        current = current.parent
    return line, False


def _link(href: str, node: nodes.Node) -> list[Any]:
    line, translated = _origin(node)
    return [href, line, translated]


def _links(app: Sphinx, doctree: nodes.document, docname: str) -> tuple[list[Any], list[int]]:
    """Every link the HTML writer will emit for the page body, in document order."""
    links: list[Any] = []
    toctree_lines: list[int] = []
    for node in doctree.findall(nodes.Element):
        if isinstance(node, nodes.reference):
            if "refuri" in node:
                links.append(_link(node["refuri"] or "#", node))
            elif "refid" in node:
                links.append(_link("#" + node["refid"], node))
        elif isinstance(node, nodes.raw) and "html" in node.get("format", "").split():
            # raw HTML is written out as it stands: its links too, in this order
            links.extend(_link(html.unescape(match.group(2)), node)
                         for match in _RAW_HREF.finditer(node.astext()))
        elif isinstance(node, (nodes.footnote_reference, nodes.citation_reference)):
            if "refid" in node:
                links.append(_link("#" + node["refid"], node))
        elif isinstance(node, (nodes.footnote, nodes.citation)):
            links.extend(_link("#" + backref, node) for backref in node.get("backrefs", []))
        elif isinstance(node, addnodes.toctree):
            line, _ = _origin(node)
            if line is not None:
                toctree_lines.append(line)
            if node.get("hidden"):
                continue
            for _title, ref in node["entries"]:
                if ref == "self" or ref not in app.env.all_docs:
                    continue
                links.append(_link(app.builder.get_relative_uri(docname, ref), node))
    return links, toctree_lines


def _anchors(doctree: nodes.document) -> dict[str, list[int | None]]:
    """Each id on the page and the lines it is defined on (more than one: a duplicate)."""
    anchors: dict[str, list[int | None]] = {}
    for node in doctree.findall(nodes.Element):
        for node_id in node.get("ids", []):
            anchors.setdefault(node_id, []).append(_origin(node)[0])
    return anchors


def _labels(app: Sphinx, docname: str) -> list[str]:
    """Ids given explicitly by an editor, ``(label)=``: the ones safe to link to.

    Every label of the site is gathered by page once, not scanned for each
    page, which would make writing quadratic in the number of pages.
    """
    def gather() -> dict[str, list[str]]:
        by_page: dict[str, set[str]] = {}
        for doc, labelid in app.env.domains.standard_domain.anonlabels.values():
            by_page.setdefault(doc, set()).add(labelid)
        return {doc: sorted(ids) for doc, ids in by_page.items()}

    # kept until the pages are read again (the build's memo)
    return memo(app.env).get(Lifetime.READ, "labels", gather).get(docname, [])


def _catalog(app: Sphinx, docname: str) -> str | None:
    """The ``.po`` file that translates ``docname`` in this build, if there is one."""
    domain = docname_to_domain(docname, app.config.gettext_compact)
    for locale_dir in app.config.locale_dirs:
        path = Path(app.srcdir, locale_dir, app.config.language, "LC_MESSAGES", domain + ".po")
        if path.is_file():
            return str(path.resolve())
    return None


def write_sourcemap(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if app.builder.format != "html" or app.builder.name != "html":
        return
    links, toctree_lines = _links(app, doctree, docname)
    record = {
        "version": SOURCEMAP_VERSION,
        "docname": docname,
        "page": app.builder.get_target_uri(docname),
        "source": str(Path(app.env.doc2path(docname)).resolve()),
        "catalog": _catalog(app, docname),
        "links": links,
        "anchors": _anchors(doctree),
        "labels": _labels(app, docname),
        "toctrees": toctree_lines,
    }
    path = Path(app.doctreedir, SOURCEMAP_DIR, docname + ".json")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")


def setup_sourcemap(app: Sphinx) -> None:
    # late, so that links other handlers add on this event are recorded too
    app.connect("doctree-resolved", write_sourcemap, priority=900)
