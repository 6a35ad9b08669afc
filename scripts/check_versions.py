"""Check that no page's text changed without a new version (part of ``make check``).

For every page of ``docs/`` with a ``version``, compares its text with its
text at the last commit that set that version (formatting aside), and prints
one line per page that changed without a new history entry:
``docs/x.md:14: error: changed since version 1.0 (commit abc1234, 2026-11-23) ...``.
Exits 1 if there is any, 0 otherwise; says so plainly when there is no
history to compare with (no git, or a shallow clone).

Usage: python scripts/check_versions.py [--conf conf.py] docs/
"""

from __future__ import annotations

import argparse
import runpy
import sys
from pathlib import Path

from itukb.build.version_check import check_versions


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("docs", type=Path, help="the source pages, e.g. docs/")
    parser.add_argument("--conf", type=Path,
                        help="Sphinx configuration whose myst_enable_extensions to parse with")
    args = parser.parse_args(argv)
    extensions = ["colon_fence", "deflist"]
    if args.conf:
        extensions = list(runpy.run_path(str(args.conf)).get("myst_enable_extensions", []))
    report = check_versions(args.docs, extensions)
    here = Path.cwd()
    if report.no_history:
        print(f"check-versions: {report.no_history}; nothing checked")
        return 0
    for finding in report.findings:
        print(finding.format(here))
    for path in report.unverified:
        print(f"{path.relative_to(here) if path.is_relative_to(here) else path}: notice: "
              "this clone is shallow and holds no commit before this page's current "
              "version was set; compared with the oldest commit fetched only "
              "(git fetch --unshallow for a complete check)")
    print(f"check-versions: {report.checked} versioned page(s) compared with the commit "
          f"that set their version, {len(report.findings)} changed without a new version")
    return 1 if report.findings else 0


if __name__ == "__main__":
    sys.exit(main())
