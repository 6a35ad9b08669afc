"""One run of the internal check, from a built site to the findings to report."""

from __future__ import annotations

import asyncio
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from itukb.sitecheck.baseline import apply_baseline, load_baseline
from itukb.sitecheck.checks import check_site
from itukb.sitecheck.external import ExternalChecker, Verdict
from itukb.sitecheck.model import Finding
from itukb.sitecheck.scan import Site, read_site
from itukb.sitecheck.sources import locate


class SiteError(Exception):
    """The site to check is not there or not a built bilingual site."""


@dataclass
class Result:
    findings: list[Finding]
    pages: int
    links: int


def check_built_site(root: Path, languages: tuple[str, ...], *, doctrees: Path | None = None,
                     baseline: Path | None = None, jobs: int | None = None,
                     today: dt.date | None = None, base: str = "") -> Result:
    """Check the site at ``root``; raise :class:`SiteError` when there is none.

    ``base`` is the site's URL: links under it are checked as links of the site.

    The baseline is read first, so a malformed one fails before the work.
    """
    entries = load_baseline(baseline) if baseline is not None else []
    if not root.is_dir():
        raise SiteError(f"{root}: no built site here (run 'make html' first)")
    missing = [lang for lang in languages if not (root / lang).is_dir()]
    if missing:
        raise SiteError(f"{root}: no {', '.join(missing)} build in it; expected one folder "
                        f"per language ({', '.join(languages)})")
    site = read_site(root, languages, doctrees, jobs, base)
    findings = check_site(site)
    locate(site, findings, languages[0])
    findings = apply_baseline(findings, entries, today or dt.date.today())
    links = sum(result.links for result in site.pages.values())
    return Result(findings, len(site.pages), links)


@dataclass
class ExternalResult:
    findings: list[Finding]
    verdicts: dict[str, Verdict]
    occurrences: int


def external_urls(site: Site) -> dict[str, list[tuple[str, str, str, int, int]]]:
    """URL (no fragment) -> every (page, href, fragment, flags, ordinal) that links to it."""
    urls: dict[str, list[tuple[str, str, str, int, int]]] = {}
    for path in sorted(site.pages):
        for href, flags, ordinal in site.pages[path].external:
            url, _, fragment = href.strip().partition("#")
            if url.startswith("//"):
                url = "https:" + url
            urls.setdefault(url, []).append((path, href, fragment, flags, ordinal))
    return urls


def check_external(root: Path, languages: tuple[str, ...], checker: ExternalChecker, *,
                   doctrees: Path | None = None, jobs: int | None = None) -> ExternalResult:
    """Fetch every web link of the site once and report each use of a bad one."""
    if not root.is_dir():
        raise SiteError(f"{root}: no built site here (run 'make html' first)")
    site = read_site(root, languages, doctrees, jobs)
    urls = external_urls(site)
    asked = {url: {frag for _, _, frag, _, _ in uses if frag} for url, uses in urls.items()}
    verdicts = asyncio.run(checker.check_all(asked))
    findings = []
    for url, uses in urls.items():
        verdict = verdicts[url]
        for page, href, fragment, flags, ordinal in uses:
            if verdict.status == "broken":
                if verdict.missing_fragments and fragment not in verdict.missing_fragments:
                    continue  # this use's anchor is there
                detail = (f"no anchor #{fragment} in the page" if verdict.missing_fragments
                          else verdict.detail)
                findings.append(Finding("external-broken", f"{href}: {detail}", page, href,
                                        flags, ordinal))
            elif verdict.status in ("unknown", "redirected"):
                findings.append(Finding(f"external-{verdict.status}", f"{href}: {verdict.detail}",
                                        page, href, flags, ordinal, severity="warning"))
    locate(site, findings, languages[0])
    return ExternalResult(findings, verdicts, sum(len(uses) for uses in urls.values()))
