"""The checks, and the part of them that needs the whole site.

The checks that need one page only run in the parsing workers
(:mod:`itukb.sitecheck.pagecheck`); this module checks the anchors of
links into other pages and pairs the languages up.

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

from itukb.sitecheck.model import HEADERLINK, IN_ARTICLE, Finding, PageResult, Ref
from itukb.sitecheck.pagecheck import GENERATED_ID, language_of, twin_of
from itukb.sitecheck.scan import Site


def _finding(code: str, message: str, page: str, ref: Ref) -> Finding:
    _, _, href, flags, ordinal = ref
    return Finding(code, message, page, href, flags, ordinal)


def _missing_twins(site: Site, target: str, fragment: str) -> list[str]:
    """Twin pages (other languages) of ``target`` that lack the id ``fragment``."""
    language = language_of(target, site.languages)
    missing = []
    if language is not None:
        for other in site.languages:
            twin = site.pages.get(twin_of(target, other, site.languages))
            if other != language and twin is not None and fragment not in twin.ids:
                missing.append(twin.path)
    return missing


def _unpaired(site: Site, result: PageResult) -> list[Finding]:
    language = language_of(result.path, site.languages)
    if language is None:
        return []
    return [Finding("unpaired-page", f"page has no {other} twin ({twin})", result.path)
            for other in site.languages
            if other != language
            and (twin := twin_of(result.path, other, site.languages)) not in site.pages]


def check_site(site: Site) -> list[Finding]:
    """Every finding on every page, in page order.

    Content links are checked against the anchor contract and the twin
    pages; chrome links (navigation, table of contents) only for existence,
    since they repeat the headings' own links.  The verdict on a twin anchor
    is worked out once per anchor, however often it is linked.
    """
    findings: list[Finding] = []
    twins: dict[tuple[str, str], list[str]] = {}
    pages = site.pages
    for path in sorted(pages):
        result = pages[path]
        findings.extend(result.findings)
        findings.extend(_unpaired(site, result))
        for ref in result.refs:
            target_path, fragment, href, flags, _ = ref
            target = pages.get(target_path)
            if target is None:
                continue  # not a page the scan parsed
            if fragment not in target.ids:
                findings.append(_finding("missing-anchor", f"link {href!r}: {target_path} "
                                         f"has no id {fragment!r}", path, ref))
                continue
            if not flags & IN_ARTICLE:
                continue
            if not flags & HEADERLINK:
                if GENERATED_ID.match(fragment):
                    findings.append(_finding(
                        "generated-anchor", f"link {href!r} targets the generated id "
                        f"{fragment!r}, which shifts when sections move: give the target an "
                        "explicit label", path, ref))
                elif (target.labels is not None and fragment in target.heading_ids
                      and fragment not in target.labels):
                    findings.append(_finding(
                        "unlabelled-heading", f"link {href!r} targets a heading of "
                        f"{target_path} without an explicit label: put '({fragment})=' above "
                        "the heading", path, ref))
            key = (target_path, fragment)
            missing = twins.get(key)
            if missing is None:
                missing = twins[key] = _missing_twins(site, target_path, fragment)
            for twin in missing:
                findings.append(_finding(
                    "twin-anchor-missing", f"link {href!r}: anchor {fragment!r} exists in "
                    f"{target_path} but not in its twin {twin}", path, ref))
    return findings
