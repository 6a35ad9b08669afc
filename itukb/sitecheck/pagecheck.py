"""Checks that need one page and the list of the site's files, nothing more.

They run in the worker that parsed the page, so most of the work is done in
parallel and only links whose anchor lies on another page (and content
links, whose anchors must also exist in the other language) travel to the
parent as :class:`~itukb.sitecheck.model.Ref`.
"""

from __future__ import annotations

import posixpath
import re
from collections import Counter
from collections.abc import Set

from itukb.sitecheck.extract import ParsedPage, RawLink
from itukb.sitecheck.model import (
    ASSET,
    CHROME_TOP,
    HREFLANG,
    IN_ARTICLE,
    SWITCHER,
    Finding,
    PageResult,
    Ref,
)
from itukb.sitecheck.urls import localise, resolve

GENERATED_ID = re.compile(r"^id\d+$")
X_DEFAULT = "x-default"
ROOT_INDEX = "index.html"


def language_of(path: str, languages: tuple[str, ...]) -> str | None:
    head = path.split("/", 1)[0]
    return head if head in languages else None


def twin_of(path: str, language: str, languages: tuple[str, ...]) -> str:
    """The same page in ``language`` (a root-level page's twins are in each folder)."""
    rest = path.split("/", 1)[1] if language_of(path, languages) else path
    return f"{language}/{rest}"


def _finding(code: str, message: str, page: str, link: RawLink) -> Finding:
    href, flags, ordinal, _ = link
    return Finding(code, message, page, href, flags, ordinal)


def _hreflang_language(value: str, languages: tuple[str, ...]) -> str | None:
    wanted = value.replace("-", "_").lower()
    return next((lang for lang in languages if lang.lower() == wanted), None)


class PageChecker:
    """The checks of one page; ``files`` is every file of the site."""

    def __init__(self, files: Set[str], languages: tuple[str, ...], base: str = "") -> None:
        self.files = files
        self.languages = languages
        self.base = base  # the site's URL: links under it are checked as local

    def check(self, page: str, parsed: ParsedPage,
              labels: frozenset[str] | None) -> PageResult:
        findings: list[Finding] = []
        refs: list[Ref] = []
        external: list[tuple[str, int, int]] = []
        ids = frozenset(parsed.ids)
        if len(ids) != len(parsed.ids):
            for node_id, count in Counter(parsed.ids).items():
                if count > 1:
                    findings.append(Finding(
                        "duplicate-id", f"id {node_id!r} is used {count} times on the page",
                        page, extra={"id": node_id}))
        language = language_of(page, self.languages)
        page_dir = posixpath.dirname(page)
        prefix = f"{language}/"
        files = self.files
        for link in parsed.links:
            href, flags, ordinal, _ = link
            kind, target, fragment = resolve(page_dir, localise(href, self.base))
            if kind:
                if kind == "placeholder":
                    findings.append(_finding("placeholder-link",
                                             f"link {href!r} leads nowhere", page, link))
                elif kind == "outside":
                    findings.append(_finding("outside-site", f"link {href!r} points "
                                             "outside the site", page, link))
                elif target[:5].lower() in ("http:", "https") or target.startswith("//"):
                    external.append((href, flags, ordinal))
                continue
            if not target:
                if fragment == "":  # a bare '#'
                    if flags & IN_ARTICLE or not flags & CHROME_TOP:
                        findings.append(_finding("placeholder-link",
                                                 "link '#' leads nowhere (placeholder)",
                                                 page, link))
                    continue
                target = page
            elif target not in files:
                if f"{target}/index.html" in files:
                    target = f"{target}/index.html"
                else:
                    what = "asset" if flags & ASSET else "file"
                    findings.append(_finding("missing-file", f"link {href!r}: {what} "
                                             f"{target} does not exist", page, link))
                    continue
            if language is not None and not target.startswith(prefix):
                self._other_language(findings, page, language, link, target)
            elif flags & SWITCHER:
                findings.append(_finding("switcher-mismatch", f"language switcher points at "
                                         f"{target}, a page of the same language", page, link))
            if not fragment:
                continue
            if target != page or flags & IN_ARTICLE:
                if target.endswith(".html"):
                    refs.append((target, fragment, href, flags, ordinal))
            elif fragment not in ids:
                findings.append(_finding("missing-anchor", f"link {href!r}: {target} has "
                                         f"no id {fragment!r}", page, link))
        self._hreflang_complete(findings, page, language, parsed.links)
        return PageResult(page, ids, parsed.heading_ids, labels, findings, refs,
                          len(parsed.links), external)

    def _other_language(self, findings: list[Finding], page: str, language: str,
                        link: RawLink, target: str) -> None:
        """A link from a ``language`` page to a file outside that language's folder."""
        href, flags, _, _ = link
        target_language = language_of(target, self.languages)
        if flags & SWITCHER:
            if target_language is None or target != twin_of(page, target_language,
                                                            self.languages):
                findings.append(_finding("switcher-mismatch", f"language switcher points at "
                                         f"{target}, not at this page's twin", page, link))
        elif flags & HREFLANG:
            pass  # checked with the page's other hreflang links
        else:
            where = f"the {target_language} pages" if target_language else "the language chooser"
            findings.append(_finding("leaves-language", f"link {href!r} from a {language} "
                                     f"page leads into {where} ({target}); only the language "
                                     "switcher may", page, link))

    def _hreflang_complete(self, findings: list[Finding], page: str, language: str | None,
                           links: list[RawLink]) -> None:
        """Each language page names its twin in every language, and x-default the root."""
        if language is None and page != ROOT_INDEX:
            return
        present = set()
        for link in links:
            href, flags, _, hreflang = link
            if not flags & HREFLANG:
                continue
            value = hreflang or ""
            present.add(value.lower())
            if value.lower() == X_DEFAULT:
                expected = ROOT_INDEX
            else:
                other = _hreflang_language(value, self.languages)
                if other is None:
                    findings.append(_finding("hreflang-mismatch", f"hreflang={value!r} names "
                                             "no language of the site", page, link))
                    continue
                expected = twin_of(page, other, self.languages)
            kind, target, _ = resolve(posixpath.dirname(page), localise(href, self.base))
            if kind == "" and target != expected and f"{target}/index.html" != expected:
                findings.append(_finding("hreflang-mismatch", f"hreflang={value!r} points at "
                                         f"{target or page}, expected {expected}", page, link))
        wanted = [lang.replace("_", "-").lower() for lang in self.languages] + [X_DEFAULT]
        missing = [value for value in wanted if value not in present]
        if missing:
            findings.append(Finding("hreflang-missing", "no <link rel=alternate> for hreflang "
                                    f"{', '.join(missing)}", page))
