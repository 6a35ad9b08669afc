"""Known exceptions: findings accepted for a while, each with a reason and an end date.

A baseline that only grows hides rot, so every entry must say why it exists
and until when.  After its date an entry stops suppressing and is itself
reported; an entry that matches nothing is reported too, so the file
shrinks as problems are fixed.  The file is TOML::

    [[exception]]
    code = "missing-anchor"              # required: a finding code
    page = "en/documents/x.html"         # required: the built page
    href = "../agenda/y.html#z"          # optional: only this link
    reason = "target page is being split; fixed by #12"   # required
    expires = 2026-03-31                 # required: a TOML date
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from itukb.sitecheck.model import Finding, Location
from itukb.sitecheck.sources import display_path

REQUIRED = ("code", "page", "reason", "expires")
KNOWN = (*REQUIRED, "href")


class BaselineError(Exception):
    """The baseline file is malformed; the message names the file and line."""


@dataclass
class BaselineEntry:
    code: str
    page: str
    href: str | None
    reason: str
    expires: dt.date
    location: Location
    used: bool = False

    def matches(self, finding: Finding) -> bool:
        return (finding.code == self.code and finding.page == self.page
                and (self.href is None or finding.href == self.href))


def _entry_lines(text: str) -> list[int]:
    """Line number of each ``[[exception]]`` header, in order."""
    return [number for number, line in enumerate(text.splitlines(), start=1)
            if re.match(r"^\s*\[\[\s*exception\s*\]\]", line)]


def load_baseline(path: Path) -> list[BaselineEntry]:
    """Read and validate the baseline; raise :class:`BaselineError` naming file and line."""
    text = path.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise BaselineError(f"{display_path(path)}: {err}") from err
    unknown_tables = set(data) - {"exception"}
    if unknown_tables:
        raise BaselineError(f"{display_path(path)}:1: unknown table(s) "
                            f"{', '.join(sorted(unknown_tables))}; entries are [[exception]]")
    lines = _entry_lines(text)
    entries = []
    for index, raw in enumerate(data.get("exception", [])):
        line = lines[index] if index < len(lines) else None
        where = Location(display_path(path), line)
        missing = [key for key in REQUIRED if not raw.get(key)]
        if missing:
            raise BaselineError(f"{where}: exception lacks {', '.join(missing)}: every "
                                "exception needs a code, a page, a reason and an expiry date")
        extra = set(raw) - set(KNOWN)
        if extra:
            raise BaselineError(f"{where}: unknown key(s) {', '.join(sorted(extra))}")
        if not isinstance(raw["expires"], dt.date) or isinstance(raw["expires"], dt.datetime):
            raise BaselineError(f"{where}: expires must be a date such as 2026-03-31, "
                                f"not {raw['expires']!r}")
        entries.append(BaselineEntry(str(raw["code"]), str(raw["page"]), raw.get("href"),
                                  str(raw["reason"]), raw["expires"], where))
    return entries


def apply_baseline(findings: list[Finding], entries: list[BaselineEntry],
                   today: dt.date) -> list[Finding]:
    """Findings the baseline does not excuse, plus expired and unused entries."""
    kept = []
    for finding in findings:
        live = [e for e in entries if e.expires >= today and e.matches(finding)]
        for entry in live:
            entry.used = True
        if not live:
            kept.append(finding)
    for entry in entries:
        if entry.expires < today:
            kept.append(Finding("baseline-expired",
                                f"exception for {entry.code} on {entry.page} expired on "
                                f"{entry.expires.isoformat()} ({entry.reason})",
                                entry.page, entry.href, source=entry.location))
        elif not entry.used:
            kept.append(Finding("baseline-unused",
                                f"exception for {entry.code} on {entry.page} matches no "
                                "finding: remove it", entry.page, entry.href,
                                source=entry.location))
    return kept
