"""Read one built page: its ids, its headings and every link on it.

Parsing is the expensive part of the check, so each page is read and parsed
once, here, with lexbor (through selectolax), and reduced to plain strings
and tuples; nothing downstream touches HTML.  A handful of CSS queries run
in C; the Python loop only reads an attribute or two per element.

Which links count as content is decided by where they sit, not by guessing
from their text: the page body is ``article[role=main]``; the rest is the
theme's chrome.  Sphinx and furo write ``href="#"`` where a link would
point at the page it is on, meaning "the top of this page": the current page
in the navigation tree, the first entry of the local table of contents, the
back-to-top button, the site brand (sidebar and mobile header) on the root
page, and ``<link rel=index|search|author|...>`` in the head of the page that
is itself the index, search or about page; and the search page's search
box, whose form submits to ``#``, the page itself.  These are recognised by
their exact place (:data:`CHROME_TOP_SELECTOR`, :data:`PAGE_RELS`), so a
``#`` anywhere else, in the article or in other chrome, is still reported.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import NamedTuple

from selectolax.lexbor import LexborHTMLParser

from itukb.sitecheck.model import (
    ASSET,
    CHROME_TOP,
    HEADERLINK,
    HREFLANG,
    IN_ARTICLE,
    SWITCHER,
    TOCTREE,
)

ARTICLE_SELECTOR = 'article[role="main"]'
SWITCHER_SELECTOR = "nav.kb-language-switcher a.kb-switch-link"
CHROME_TOP_SELECTOR = (
    ".sidebar-tree a.current.reference, .toc-tree > ul > li > a, a.back-to-top, "
    "a.sidebar-brand, .mobile-header .header-center > a"
)
HEADINGS_SELECTOR = "h1, h2, h3, h4, h5, h6"
#: every element that names a URL: links, assets, forms, SVG references
URL_SELECTOR = "[href], [src], object[data], form[action], [srcset]"
#: ``<link rel=...>`` values that name another page rather than a resource
PAGE_RELS = frozenset({"alternate", "author", "index", "search", "next", "prev",
                       "previous", "canonical", "copyright", "help", "glossary", "top", "up"})
#: elements whose ``href`` is followed by a reader (others load a resource)
NAVIGATION_TAGS = frozenset({"a", "area"})


class SourceMapError(Exception):
    """A source map that cannot be read: names the file."""


#: one link as found: (href, flags, ordinal, hreflang).  ``ordinal`` counts the
#: earlier content links on the page with the same href; ``hreflang`` is set on
#: ``<link rel=alternate>`` only.  A plain tuple, not a NamedTuple: pages carry
#: hundreds of links, and plain tuples are built and pickled several times faster.
RawLink = tuple[str, int, int, str | None]


class ParsedPage(NamedTuple):
    ids: list[str]
    heading_ids: frozenset[str]
    links: list[RawLink]


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
        msg = f"{sourcemap}: not a source map written by itukb.build.sourcemap ({err})"
        raise SourceMapError(msg) from err


def _link_element(tag: str, attrs: object, mem_id: int, switcher: set[int],
                  chrome_top: set[int]) -> list[RawLink]:
    """The links of one element outside the article (usually one)."""
    get = attrs.get  # type: ignore[attr-defined]
    href = get("href")
    if href is not None:
        if tag in NAVIGATION_TAGS:
            flags = CHROME_TOP if mem_id in chrome_top else 0
            if mem_id in switcher:
                flags |= SWITCHER
            return [(href, flags, 0, None)]
        if tag == "link":
            rels = set((get("rel") or "").lower().split())
            hreflang = get("hreflang")
            if "alternate" in rels and hreflang:
                return [(href, HREFLANG, 0, hreflang)]
            if rels & PAGE_RELS:
                return [(href, CHROME_TOP if href == "#" else 0, 0, None)]
            return [(href, ASSET, 0, None)]
        if tag == "base":
            return []
        return [(href, ASSET, 0, None)]  # SVG <use>, <image> and the like
    links: list[RawLink] = []
    src = get("src")
    if src is not None:
        links.append((src, ASSET, 0, None))
    if tag == "object" and get("data") is not None:
        links.append((get("data"), ASSET, 0, None))
    if tag == "form" and get("action") is not None:
        # the search page's own search box submits to the page itself
        action = get("action")
        links.append((action, CHROME_TOP if action == "#" else 0, 0, None))
    srcset = get("srcset")
    if srcset:
        for candidate in srcset.split(","):
            url = candidate.strip().split(" ")[0]
            if url:
                links.append((url, ASSET, 0, None))
    return links


def parse_page(data: bytes) -> ParsedPage:
    """Every id, heading id and link of the page in ``data``."""
    tree = LexborHTMLParser(data)
    ids = []
    for node in tree.css("[id], a[name]"):
        attrs = node.attrs
        node_id = attrs.get("id")
        if node_id:
            ids.append(node_id)
        if node.tag == "a" and (name := attrs.get("name")) and name != node_id:
            ids.append(name)

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

    switcher: set[int] = set()
    chrome_top: set[int] = set()
    for node in tree.css(f"{SWITCHER_SELECTOR}, {CHROME_TOP_SELECTOR}"):  # one pass, not two
        if "kb-switch-link" in (node.attrs.get("class") or "").split():
            switcher.add(node.mem_id)
        else:
            chrome_top.add(node.mem_id)
    links: list[RawLink] = []
    in_article: set[int] = set()
    article = tree.css_first(ARTICLE_SELECTOR)
    if article is not None:
        toctree = {node.mem_id for node in article.css(".toctree-wrapper a[href]")}
        seen: Counter[str] = Counter()
        for node in article.css("a[href]"):
            mem_id = node.mem_id
            in_article.add(mem_id)
            attrs = node.attrs
            href = attrs.get("href") or ""
            flags = IN_ARTICLE
            ordinal = 0
            if mem_id in switcher:
                flags |= SWITCHER
            elif "headerlink" in (attrs.get("class") or "").split():
                flags |= HEADERLINK
            else:
                if mem_id in toctree:
                    flags |= TOCTREE
                ordinal = seen[href]
                seen[href] += 1
            links.append((href, flags, ordinal, None))
    for node in tree.css(URL_SELECTOR):
        mem_id = node.mem_id
        if mem_id in in_article:
            continue
        links.extend(_link_element(node.tag or "", node.attrs, mem_id, switcher, chrome_top))
    return ParsedPage(ids, frozenset(headings), links)
