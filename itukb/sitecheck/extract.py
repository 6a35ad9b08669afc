"""Read one built page: its ids, its headings and every link on it.

Parsing is the expensive part of the check, so each page is read and parsed
once, here, with lexbor (through selectolax), and reduced to a
:class:`~itukb.sitecheck.model.PageFacts`; nothing downstream touches HTML.

Which links count as content is decided by where they sit, not by guessing
from their text: the page body is ``article[role=main]``; the rest is the
theme's chrome.  Sphinx and furo write ``href="#"`` where a link would
point at the page it is on, meaning "the top of this page": the current page
in the navigation tree, the first entry of the local table of contents, the
back-to-top button, the site brand (sidebar and mobile header) on the root
page, and ``<link rel=index|search|author|...>`` in the head of the page that
is itself the index, search or about page; and the search page's search
box, whose form submits to ``#``, the page itself.  These are recognised by their
exact place (:data:`CHROME_TOP_SELECTOR`, :data:`PAGE_RELS`), so a ``#``
anywhere else, in the article or in other chrome, is still reported.
"""

from __future__ import annotations

import json
import posixpath
import unicodedata
from collections import Counter
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser, LexborNode

from itukb.sitecheck.model import (
    ASSET,
    CHROME_TOP,
    HEADERLINK,
    HREFLANG,
    IN_ARTICLE,
    SWITCHER,
    TOCTREE,
    Link,
    PageFacts,
)
from itukb.sitecheck.urls import resolve

ARTICLE_SELECTOR = 'article[role="main"]'
SWITCHER_SELECTOR = "nav.kb-language-switcher a.kb-switch-link"
CHROME_TOP_SELECTOR = (
    ".sidebar-tree a.current.reference, .toc-tree > ul > li > a, a.back-to-top, "
    "a.sidebar-brand, .mobile-header .header-center > a"
)
HEADINGS_SELECTOR = "h1, h2, h3, h4, h5, h6"
#: elements whose URL attribute loads something the page displays or runs
ASSET_SELECTORS = (
    ("script[src]", "src"), ("img[src]", "src"), ("iframe[src]", "src"),
    ("source[src]", "src"), ("video[src]", "src"), ("audio[src]", "src"),
    ("embed[src]", "src"), ("track[src]", "src"), ("object[data]", "data"),
)
#: ``<link rel=...>`` values that name another page rather than a resource
PAGE_RELS = frozenset({"alternate", "author", "index", "search", "next", "prev",
                       "previous", "canonical", "copyright", "help", "glossary", "top", "up"})


class SourceMapError(Exception):
    """A source map that cannot be read: names the file."""


def _mem_ids(nodes: list[LexborNode]) -> set[int]:
    return {node.mem_id for node in nodes}


def read_labels(sourcemap: Path) -> frozenset[str] | None:
    """The explicit labels recorded for a page, or None when it has no map."""
    try:
        data = sourcemap.read_bytes()
    except FileNotFoundError:
        return None
    try:
        record = json.loads(data)
        return frozenset(record["labels"])
    except (ValueError, KeyError, TypeError) as err:
        msg = f"{sourcemap}: not a source map written by itukb.sourcemap ({err})"
        raise SourceMapError(msg) from err


def _link(page_dir: str, page: str, href: str, flags: int, ordinal: int = 0,
          hreflang: str | None = None) -> Link:
    kind, target, fragment = resolve(page_dir, href)
    if kind == "" and target == "":
        target = page
    return Link(href, target, fragment, flags, ordinal, hreflang, kind)


def page_facts(site: Path, page: str, sourcemap: Path | None) -> PageFacts:
    """Parse the built page ``site/page`` into the facts the checks use."""
    tree = LexborHTMLParser((site / page).read_bytes())
    page = unicodedata.normalize("NFC", page)
    page_dir = posixpath.dirname(page)

    ids: list[str] = []
    for node in tree.css("[id]"):
        node_id = node.attrs.get("id")
        if node_id:
            ids.append(node_id)
    for node in tree.css("a[name]"):
        name = node.attrs.get("name")
        if name:
            ids.append(name)
    counts = Counter(ids)
    duplicates = tuple(node_id for node_id, n in counts.items() if n > 1)

    headings: set[str] = set()
    for node in tree.css(HEADINGS_SELECTOR):
        own = node.attrs.get("id")
        if own:
            headings.add(own)
        parent = node.parent
        if parent is not None and parent.tag == "section":
            section_id = parent.attrs.get("id")
            if section_id:
                headings.add(section_id)

    links: list[Link] = []
    switcher = _mem_ids(tree.css(SWITCHER_SELECTOR))
    chrome_top = _mem_ids(tree.css(CHROME_TOP_SELECTOR))
    article = tree.css_first(ARTICLE_SELECTOR)
    in_article: set[int] = set()
    if article is not None:
        toctree = _mem_ids(article.css(".toctree-wrapper a[href]"))
        seen: Counter[str] = Counter()
        for node in article.css("a[href]"):
            mem_id = node.mem_id
            in_article.add(mem_id)
            href = node.attrs.get("href") or ""
            flags = IN_ARTICLE
            ordinal = 0
            if mem_id in switcher:
                flags |= SWITCHER
            elif "headerlink" in (node.attrs.get("class") or "").split():
                flags |= HEADERLINK
            else:
                if mem_id in toctree:
                    flags |= TOCTREE
                ordinal = seen[href]
                seen[href] += 1
            links.append(_link(page_dir, page, href, flags, ordinal))
    for node in tree.css("a[href], area[href]"):
        mem_id = node.mem_id
        if mem_id in in_article:
            continue
        flags = CHROME_TOP if mem_id in chrome_top else 0
        if mem_id in switcher:
            flags |= SWITCHER
        links.append(_link(page_dir, page, node.attrs.get("href") or "", flags))
    for node in tree.css("link[href]"):
        attrs = node.attrs
        rels = set((attrs.get("rel") or "").lower().split())
        href = attrs.get("href") or ""
        if "alternate" in rels and attrs.get("hreflang"):
            links.append(_link(page_dir, page, href, HREFLANG, hreflang=attrs.get("hreflang")))
        else:
            flags = (CHROME_TOP if href == "#" else 0) if rels & PAGE_RELS else ASSET
            links.append(_link(page_dir, page, href, flags))
    for selector, attribute in ASSET_SELECTORS:
        for node in tree.css(selector):
            links.append(_link(page_dir, page, node.attrs.get(attribute) or "", ASSET))
    for node in tree.css("img[srcset], source[srcset]"):
        for candidate in (node.attrs.get("srcset") or "").split(","):
            url = candidate.strip().split(" ")[0]
            if url:
                links.append(_link(page_dir, page, url, ASSET))
    for node in tree.css("form[action]"):
        # the search page's own search box submits to the page itself
        action = node.attrs.get("action") or ""
        links.append(_link(page_dir, page, action, CHROME_TOP if action == "#" else 0))
    for node in tree.css("use[href]"):
        links.append(_link(page_dir, page, node.attrs.get("href") or "", ASSET))

    labels = read_labels(sourcemap) if sourcemap is not None else None
    return PageFacts(page, frozenset(ids), duplicates, frozenset(headings), tuple(links), labels)
