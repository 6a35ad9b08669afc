"""Translation progress per catalog and in total (``make stats``).

Fuzzy entries count as *not* translated, because readers see their Chinese
source (``sphinx-intl stat`` counts them as translated).  Obsolete entries
are listed but not part of the total.

Usage: python scripts/po_stats.py [--json] locale/ [-l en]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from itukb.catalogs.checker import find_catalogs, language_of
from itukb.catalogs.findings import display_path
from itukb.catalogs.reading import CatalogError, read_catalog
from itukb.catalogs.stats import CatalogStats, catalog_stats

_COLUMNS = ("translated", "fuzzy", "untranslated", "obsolete")


def _row(name: str, stats: CatalogStats) -> str:
    counts = "".join(f"{getattr(stats, column):>14}" for column in _COLUMNS)
    return f"{name:<52}{counts}{stats.percent:>9.1f}%"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="+", type=Path,
                        help="catalogs, or directories searched for *.po (e.g. locale/)")
    parser.add_argument("-l", "--language", action="append", dest="languages",
                        help="only this language (repeat for several); default: all")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args(argv)
    missing = [str(path) for path in args.paths if not path.exists()]
    if missing:
        parser.error(f"no such file or directory: {', '.join(missing)}")
    per_catalog: list[tuple[str, str, CatalogStats]] = []
    failed = False
    for path in find_catalogs(args.paths):
        language = language_of(path) or "?"
        if args.languages and language not in args.languages:
            continue
        try:
            catalog = read_catalog(path)
        except CatalogError as err:
            for finding in err.findings:
                print(finding.format(), file=sys.stderr)
            failed = True
            continue
        per_catalog.append((language, display_path(path), catalog_stats(catalog.po)))
    totals: dict[str, CatalogStats] = {}
    for language, _, stats in per_catalog:
        totals[language] = totals.get(language, CatalogStats()) + stats
    if args.json:
        print(json.dumps({
            "catalogs": [{"path": name, "language": language, **stats.as_json()}
                         for language, name, stats in per_catalog],
            "languages": {language: stats.as_json() for language, stats in totals.items()},
        }, indent=2, ensure_ascii=False))
    else:
        header = "".join(f"{column:>14}" for column in _COLUMNS)
        print(f"{'catalog':<52}{header}{'done':>10}")
        for _, name, stats in per_catalog:
            print(_row(name, stats))
        for language, stats in sorted(totals.items()):
            print(_row(f"total {language} ({sum(1 for c in per_catalog if c[0] == language)}"
                       " catalogs)", stats))
        print("fuzzy entries count as not translated: readers see the Chinese source")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
