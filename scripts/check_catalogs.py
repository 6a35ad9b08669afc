"""Check the translation catalogs (``make check-po``).

Prints one line per finding, ``file:line: error: [check] message (msgid "...")``,
then a summary; exits 1 if there is any error, 0 otherwise (warnings do not
fail).  The checks are described in CONTRIBUTING.md.

Usage: python scripts/check_catalogs.py [--glossary locale/glossary.tsv] locale/
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from itukb.catalogs.checker import check_catalogs
from itukb.catalogs.glossary import GlossaryError, load_glossary
from itukb.catalogs.policy import THRESHOLDS


def _threshold(text: str) -> tuple[str, float]:
    language, _, value = text.partition("=")
    try:
        percent = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected LANG=PERCENT, e.g. en=100, not {text!r}")\
            from None
    if not language or not 0 <= percent <= 100:
        raise argparse.ArgumentTypeError(f"expected LANG=PERCENT, e.g. en=100, not {text!r}")
    return language, percent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="+", type=Path,
                        help="catalogs, or directories searched for *.po (e.g. locale/)")
    parser.add_argument("--glossary", type=Path,
                        help="term list (Chinese<TAB>English) to enforce, e.g. "
                             "locale/glossary.tsv")
    parser.add_argument("--threshold", type=_threshold, action="append", default=[],
                        metavar="LANG=PERCENT",
                        help="share of messages LANG must have translated (fuzzy counts as "
                             "untranslated); default: "
                             + ", ".join(f"{k}={v:g}" for k, v in THRESHOLDS.items()))
    parser.add_argument("--language", help="language of the catalogs named, when their "
                                           "path has no <lang>/LC_MESSAGES/")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                        help="processes to check large catalog sets with (default: one per "
                             "CPU); small sets are checked in one")
    args = parser.parse_args(argv)
    missing = [str(path) for path in args.paths if not path.exists()]
    if missing:
        parser.error(f"no such file or directory: {', '.join(missing)}")
    try:
        glossary = load_glossary(args.glossary) if args.glossary else None
    except GlossaryError as err:
        print(err, file=sys.stderr)
        return 1
    thresholds = {**THRESHOLDS, **dict(args.threshold)}
    report = check_catalogs(args.paths, glossary=glossary, thresholds=thresholds,
                            language=args.language, jobs=max(1, args.jobs))
    for finding in report.findings:
        print(finding.format())
    print(f"{len(report.catalogs)} catalogs checked: {report.errors} errors, "
          f"{report.warnings} warnings")
    return 1 if report.errors else 0


if __name__ == "__main__":
    sys.exit(main())
