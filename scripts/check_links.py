"""Check every link and anchor of the built site, in both languages (``make check-links``).

Offline: reads ``_build/html`` and the source maps the build left in
``_build/doctrees/<lang>``.  Prints one line per finding,
``file:line: code: message [built page]``, pointing at the MyST page (or the
``.po`` catalog when only the translation breaks a link), then a summary.
Exits 1 on any finding not excused by the baseline, 2 when the input is
unusable, 0 otherwise.

Usage: python scripts/check_links.py [--format human|json|github] [_build/html]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from itukb.i18n.config import DEFAULT_LANGUAGES as LANGUAGES
from itukb.sitecheck.baseline import BaselineError
from itukb.sitecheck.extract import SourceMapError
from itukb.sitecheck.report import write_github, write_human, write_json, write_summary
from itukb.sitecheck.run import SiteError, check_built_site
from itukb.sitecheck.sources import display_path

DEFAULT_BASELINE = Path("links-baseline.toml")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", nargs="?", type=Path, default=Path("_build/html"),
                        help="the built site, one folder per language (default: _build/html)")
    parser.add_argument("--doctrees", type=Path,
                        help="where the per-language doctrees and source maps are "
                             "(default: SITE/../doctrees)")
    parser.add_argument("--baseline", type=Path,
                        help=f"known exceptions (default: {DEFAULT_BASELINE} if present)")
    parser.add_argument("--no-baseline", action="store_true",
                        help="report every finding, ignoring the baseline")
    parser.add_argument("--base-url", default="",
                        help="the site's URL (KB_BASEURL): links under it are checked "
                             "against the built files")
    parser.add_argument("--format", choices=("human", "json", "github"), default="human")
    parser.add_argument("--jobs", "-j", type=int, default=None,
                        help="worker processes for parsing (default: one per core)")
    parser.add_argument("--languages", default=",".join(LANGUAGES),
                        help="language folders, source language first (default: %(default)s)")
    args = parser.parse_args(argv)

    baseline = None if args.no_baseline else args.baseline
    if baseline is None and not args.no_baseline and DEFAULT_BASELINE.is_file():
        baseline = DEFAULT_BASELINE
    if baseline is not None and not baseline.is_file():
        parser.error(f"baseline {baseline} does not exist")
    doctrees = args.doctrees or args.site.parent / "doctrees"
    languages = tuple(lang for lang in args.languages.split(",") if lang)
    try:
        result = check_built_site(args.site, languages, doctrees=doctrees,
                                  baseline=baseline, jobs=args.jobs,
                                  base=args.base_url)
    except (SiteError, BaselineError, SourceMapError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    label = display_path(args.site.resolve())
    if args.format == "json":
        write_json(result.findings, sys.stdout, pages=result.pages, links=result.links)
    elif args.format == "github":
        write_github(result.findings, sys.stdout, site_label=label)
        write_summary(result.findings, sys.stdout, pages=result.pages, links=result.links)
    else:
        write_human(result.findings, sys.stdout, site_label=label, pages=result.pages,
                    links=result.links)
    return 1 if result.findings else 0


if __name__ == "__main__":
    sys.exit(main())
