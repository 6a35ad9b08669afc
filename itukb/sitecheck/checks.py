"""The site-wide checks: links resolve, anchors keep their contract, languages pair up.

Each check yields one :class:`Finding` per occurrence, so an editor sees
every place to fix, not just the first.  The codes, what they mean and why:

``missing-file``
    the linked page or asset (stylesheet, script, image, search index) is
    not in the built site.
``missing-anchor``
    the ``#fragment`` is no id of the target page.
``outside-site``
    a relative link climbs above the site's root.
``placeholder-link``
    an empty href, ``javascript:``, or ``#`` in the article (or in chrome
    other than the three places furo means "top of this page", see
    :mod:`itukb.sitecheck.extract`).
``leaves-language``
    a page links into another language's tree, or to the root language
    chooser, other than through the switcher or ``hreflang``: a reader
    reading English lands in Chinese.
``switcher-mismatch`` / ``hreflang-mismatch`` / ``hreflang-missing``
    the language links do not point at the page's twin.
``duplicate-id``
    an id used twice on a page: a link to it lands on the first only.
``generated-anchor``
    a link to a docutils id such as ``id3``, which shifts as sections move.
``unlabelled-heading``
    content links to a heading whose id is not an explicit ``(label)=``,
    so renaming or translating the heading breaks the link.
``unpaired-page``
    a page with no twin in the other language.
``twin-anchor-missing``
    an anchor linked in one language is missing from the twin page: the
    switcher carries the anchor across and would land on nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from itukb.sitecheck.model import (
    ASSET,
    CHROME_TOP,
    HEADERLINK,
    HREFLANG,
    IN_ARTICLE,
    SWITCHER,
    Finding,
    Link,
    PageFacts,
)
from itukb.sitecheck.scan import Site

GENERATED_ID = re.compile(r"^id\d+$")
X_DEFAULT = "x-default"
ROOT_INDEX = "index.html"


def _finding(code: str, message: str, page: str, link: Link | None = None) -> Finding:
    if link is None:
        return Finding(code, message, page)
    return Finding(code, message, page, link.href, link.flags, link.ordinal)


def _twin(site: Site, path: str, language: str) -> str:
    """The same page in ``language``."""
    current = site.language_of(path)
    rest = path.split("/", 1)[1] if current else path
    return f"{language}/{rest}"


def _hreflang_language(site: Site, value: str) -> str | None:
    wanted = value.replace("-", "_").lower()
    for language in site.languages:
        if language.lower() == wanted:
            return language
    return None


def _check_link(site: Site, facts: PageFacts, link: Link) -> Iterator[Finding]:
    page = facts.path
    if link.kind == "external":
        return
    if link.kind == "placeholder":
        yield _finding("placeholder-link", f"link {link.href!r} leads nowhere", page, link)
        return
    if link.href.strip() == "#":
        if not link.flags & CHROME_TOP or link.flags & IN_ARTICLE:
            yield _finding("placeholder-link", "link '#' leads nowhere (placeholder)", page, link)
        return
    if link.kind == "outside":
        yield _finding("outside-site", f"link {link.href!r} points outside the site", page, link)
        return
    target = link.target
    if target not in site.files:
        folder_index = f"{target}/index.html"
        if folder_index in site.files:
            target = folder_index
        else:
            what = "asset" if link.flags & ASSET else "file"
            yield _finding("missing-file", f"link {link.href!r}: {what} {target} does not exist",
                           page, link)
            return
    language = site.language_of(page)
    target_language = site.language_of(target)
    if language and target_language != language and not link.flags & (SWITCHER | HREFLANG):
        where = f"the {target_language} pages" if target_language else "the language chooser"
        yield _finding("leaves-language",
                       f"link {link.href!r} from a {language} page leads into {where} "
                       f"({target}); only the language switcher may", page, link)
    if link.flags & SWITCHER:
        expected = _twin(site, page, target_language) if target_language else None
        if target_language in (None, language) or target != expected:
            yield _finding("switcher-mismatch",
                           f"language switcher points at {target}, not at this page's twin",
                           page, link)
    if link.flags & HREFLANG:
        yield from _check_hreflang(site, page, link, target)
    fragment = link.fragment
    if not fragment:
        return
    target_facts = site.pages.get(target)
    if target_facts is None:
        return  # a fragment of a non-HTML file is for its viewer, not ours
    if fragment not in target_facts.ids:
        yield _finding("missing-anchor",
                       f"link {link.href!r}: {target} has no id {fragment!r}", page, link)
        return
    content = link.flags & IN_ARTICLE and not link.flags & HEADERLINK
    if GENERATED_ID.match(fragment):
        yield _finding("generated-anchor",
                       f"link {link.href!r} targets the generated id {fragment!r}, which "
                       "shifts when sections move: give the target an explicit label", page, link)
    elif (content and target_facts.labels is not None and fragment in target_facts.heading_ids
          and fragment not in target_facts.labels):
        yield _finding("unlabelled-heading",
                       f"link {link.href!r} targets a heading of {target} without an explicit "
                       f"label: put '({fragment})=' above the heading", page, link)
    if link.flags & IN_ARTICLE and target_language:
        for other in site.languages:
            if other == target_language:
                continue
            twin = site.pages.get(_twin(site, target, other))
            if twin is not None and fragment not in twin.ids:
                yield _finding("twin-anchor-missing",
                               f"link {link.href!r}: anchor {fragment!r} exists in {target} but "
                               f"not in its twin {twin.path}", page, link)


def _check_hreflang(site: Site, page: str, link: Link, target: str) -> Iterator[Finding]:
    value = link.hreflang or ""
    if value.lower() == X_DEFAULT:
        expected = ROOT_INDEX
    else:
        language = _hreflang_language(site, value)
        if language is None:
            yield _finding("hreflang-mismatch",
                           f"hreflang={value!r} names no language of the site", page, link)
            return
        expected = _twin(site, page, language)
    if target != expected:
        yield _finding("hreflang-mismatch",
                       f"hreflang={value!r} points at {target}, expected {expected}", page, link)


def _check_page(site: Site, facts: PageFacts) -> Iterator[Finding]:
    for node_id in facts.duplicate_ids:
        yield Finding("duplicate-id", f"id {node_id!r} is used more than once on the page",
                      facts.path, extra={"id": node_id})
    language = site.language_of(facts.path)
    if language is None and facts.path != ROOT_INDEX:
        return
    present = {(link.hreflang or "").lower() for link in facts.links if link.flags & HREFLANG}
    wanted = [lang.replace("_", "-").lower() for lang in site.languages] + [X_DEFAULT]
    missing = [value for value in wanted if value not in present]
    if missing:
        yield Finding("hreflang-missing",
                      f"no <link rel=alternate> for hreflang {', '.join(missing)}", facts.path)
    for other in site.languages:
        if language is None or other == language:
            continue
        twin = _twin(site, facts.path, other)
        if twin not in site.pages:
            yield Finding("unpaired-page", f"page has no {other} twin ({twin})", facts.path)


def check_site(site: Site) -> list[Finding]:
    """Every finding on every page, in page order."""
    findings: list[Finding] = []
    for path in sorted(site.pages):
        facts = site.pages[path]
        findings.extend(_check_page(site, facts))
        for link in facts.links:
            findings.extend(_check_link(site, facts, link))
    return findings
