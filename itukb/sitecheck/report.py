"""Write findings for a person, for a program (JSON) and for GitHub's annotations."""

from __future__ import annotations

import json
from collections import Counter
from typing import TextIO

from itukb.sitecheck.model import Finding


def _place(finding: Finding, site_label: str) -> tuple[str, str]:
    """(where to fix it, the built page) as shown to a reader."""
    built = f"{site_label}/{finding.page}" if site_label else finding.page
    if finding.source is None:
        return built, ""
    return str(finding.source), built


def write_human(findings: list[Finding], out: TextIO, *, site_label: str, pages: int,
                links: int, noun: str = "pages") -> None:
    for finding in findings:
        where, built = _place(finding, site_label)
        extra = f" (translation of {finding.translates})" if finding.translates else ""
        page = f" [{built}]" if built else ""
        out.write(f"{where}: {finding.code}: {finding.message}{extra}{page}\n")
    write_summary(findings, out, pages=pages, links=links, noun=noun)


def write_summary(findings: list[Finding], out: TextIO, *, pages: int, links: int,
                  noun: str = "pages") -> None:
    errors = [f for f in findings if f.severity != "warning"]
    if findings:
        counts = Counter(f.code for f in findings)
        summary = ", ".join(f"{n} {code}" for code, n in sorted(counts.items()))
        out.write(f"{len(findings)} finding(s) ({len(errors)} failing) in {pages} {noun}, "
                  f"{links} links: {summary}\n")
    else:
        out.write(f"links and anchors ok: {pages} {noun}, {links} links, 0 findings\n")


def write_json(findings: list[Finding], out: TextIO, *, pages: int, links: int) -> None:
    json.dump({"pages": pages, "links": links,
               "findings": [f.as_dict() for f in findings]}, out, ensure_ascii=False, indent=1)
    out.write("\n")


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def write_github(findings: list[Finding], out: TextIO, *, site_label: str) -> None:
    """One ``::error`` (or ``::warning``) workflow command per finding, on its source line."""
    for finding in findings:
        _, built = _place(finding, site_label)
        properties = [f"title={_escape_property('links: ' + finding.code)}"]
        if finding.source is not None:
            properties.insert(0, f"file={_escape_property(finding.source.path)}")
            if finding.source.line:
                properties.insert(1, f"line={finding.source.line}")
        else:
            properties.insert(0, f"file={_escape_property(built or finding.page)}")
        message = finding.message + (f" [{built}]" if built else "")
        command = "warning" if finding.severity == "warning" else "error"
        out.write(f"::{command} {','.join(properties)}::{_escape_data(message)}\n")
