"""Check the web links of the built site (``make linkcheck``; needs the network).

Fetches each external URL once, however many pages use it, and reports every
use of a broken one against its MyST (or catalog) line.  Results that were
good are cached (``--cache``) for ``--ttl-days``, spread by ``--jitter``;
broken and unknown links are fetched again on every run.  URLs matching
the allowlist are not fetched.  Exits 1 when a link is broken, 2 when the
input is unusable, 0 otherwise; "unknown" (403, 429, bot challenges) and
redirects are reported as warnings.

Usage: python scripts/linkcheck_external.py [--format human|json|github] [_build/html]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from itukb.i18n.config import DEFAULT_LANGUAGES as LANGUAGES
from itukb.sitecheck.allowlist import AllowlistError, load_allowlist
from itukb.sitecheck.cache import ResultCache
from itukb.sitecheck.external import ExternalChecker, Settings
from itukb.sitecheck.extract import SourceMapError
from itukb.sitecheck.report import write_github, write_human, write_summary
from itukb.sitecheck.run import SiteError, check_external
from itukb.sitecheck.sources import display_path

DEFAULT_ALLOWLIST = Path("linkcheck-allowlist.toml")
DAY = 86400.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", nargs="?", type=Path, default=Path("_build/html"))
    parser.add_argument("--doctrees", type=Path, help="default: SITE/../doctrees")
    parser.add_argument("--allowlist", type=Path,
                        help=f"URLs not to check (default: {DEFAULT_ALLOWLIST} if present)")
    parser.add_argument("--cache", type=Path, default=Path("_build/linkcheck-cache.json"),
                        help="result cache (default: %(default)s)")
    parser.add_argument("--no-cache", action="store_true", help="neither read nor write it")
    parser.add_argument("--ttl-days", type=float, default=7.0,
                        help="how long a good result is reused (default: %(default)s)")
    parser.add_argument("--jitter", type=float, default=0.2,
                        help="spread of the time-to-live, as a fraction (default: %(default)s)")
    parser.add_argument("--timeout", type=float, default=20.0, help="seconds per request")
    parser.add_argument("--retries", type=int, default=2,
                        help="further tries after a time-out, 429 or 5xx")
    parser.add_argument("--backoff", type=float, default=1.0,
                        help="first back-off in seconds, doubled at each retry")
    parser.add_argument("--concurrency", type=int, default=8, help="requests at once")
    parser.add_argument("--per-host", type=int, default=2, help="requests at once per host")
    parser.add_argument("--max-retry-after", type=float, default=60.0,
                        help="longest Retry-After to wait; longer is 'unknown'")
    parser.add_argument("--format", choices=("human", "json", "github"), default="human")
    parser.add_argument("--languages", default=",".join(LANGUAGES))
    args = parser.parse_args(argv)
    if not 0 <= args.jitter < 1:
        parser.error("--jitter must be at least 0 and below 1")

    allowlist_path = args.allowlist
    if allowlist_path is None and DEFAULT_ALLOWLIST.is_file():
        allowlist_path = DEFAULT_ALLOWLIST
    try:
        allowlist = load_allowlist(allowlist_path) if allowlist_path else []
    except (OSError, AllowlistError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    cache = ResultCache(None if args.no_cache else args.cache, args.ttl_days * DAY, args.jitter)
    settings = Settings(timeout=args.timeout, retries=args.retries, backoff=args.backoff,
                        concurrency=args.concurrency, per_host=args.per_host,
                        max_retry_after=args.max_retry_after)
    checker = ExternalChecker(settings, allowlist, cache)
    languages = tuple(lang for lang in args.languages.split(",") if lang)
    try:
        result = check_external(args.site, languages, checker,
                                doctrees=args.doctrees or args.site.parent / "doctrees")
    except (SiteError, SourceMapError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    cache.save()

    label = display_path(args.site.resolve())
    urls = len(result.verdicts)
    if args.format == "json":
        json.dump({"urls": {url: {"status": v.status, "code": v.code, "detail": v.detail,
                                  "final_url": v.final_url, "from_cache": v.from_cache,
                                  "attempts": v.attempts}
                            for url, v in sorted(result.verdicts.items())},
                   "findings": [f.as_dict() for f in result.findings]},
                  sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    elif args.format == "github":
        write_github(result.findings, sys.stdout, site_label=label)
        write_summary(result.findings, sys.stdout, pages=urls, links=result.occurrences,
                      noun="URLs")
    else:
        write_human(result.findings, sys.stdout, site_label=label, pages=urls,
                    links=result.occurrences, noun="URLs")
    return 1 if any(f.severity == "error" for f in result.findings) else 0


if __name__ == "__main__":
    sys.exit(main())
