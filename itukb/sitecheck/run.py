"""One run of the internal check, from a built site to the findings to report."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from itukb.sitecheck.baseline import apply_baseline, load_baseline
from itukb.sitecheck.checks import check_site
from itukb.sitecheck.model import Finding
from itukb.sitecheck.scan import read_site
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
                     today: dt.date | None = None) -> Result:
    """Check the site at ``root``; raise :class:`SiteError` when there is none.

    The baseline is read first, so a malformed one fails before the work.
    """
    entries = load_baseline(baseline) if baseline is not None else []
    if not root.is_dir():
        raise SiteError(f"{root}: no built site here (run 'make html' first)")
    missing = [lang for lang in languages if not (root / lang).is_dir()]
    if missing:
        raise SiteError(f"{root}: no {', '.join(missing)} build in it; expected one folder "
                        f"per language ({', '.join(languages)})")
    site = read_site(root, languages, doctrees, jobs)
    findings = check_site(site)
    locate(site, findings, languages[0])
    findings = apply_baseline(findings, entries, today or dt.date.today())
    links = sum(result.links for result in site.pages.values())
    return Result(findings, len(site.pages), links)
