"""How fast and how thorough the internal link check is, next to lychee and linkchecker.

Generates a bilingual site of ``--pages`` pages per language (2,000 by
default) with dense links and anchors and planted defects
(:mod:`links_site`), then runs, on that same site in the same run:

- our check (``scripts/check_links.py --format json``), as a user runs it,
  Python start-up included;
- lychee (``lychee --offline --include-fragments``);
- linkchecker with its anchor plugin, crawling from the root page
  (``--linkchecker-timeout`` caps it: it is slow).

For each it prints the wall time, pages per second and what it reported;
for ours also whether every planted defect was found at the right source
line and whether anything else was reported (a false positive).  The goal:
every defect found, no false positive, and a time ratio ours/lychee of at
most 1.0 on a 2-core machine.  Exits 1 when our check misses that goal.

Usage: python benchmarks/bench_links.py [--pages N] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import unquote

sys.path.insert(0, str(Path(__file__).resolve().parent))

from links_site import Defect, generate  # a sibling module, not a package

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def _tool(name: str) -> str | None:
    found = BIN / name
    return str(found) if found.exists() else shutil.which(name)


def _timed(args: list[str], timeout: float | None = None) -> tuple[float, str, bool]:
    """Wall time, standard output, and whether it finished within ``timeout``."""
    start = time.perf_counter()
    try:
        done = subprocess.run(args, capture_output=True, text=True, timeout=timeout,
                              check=False, cwd=REPO)
    except subprocess.TimeoutExpired as stopped:
        out = stopped.stdout.decode() if isinstance(stopped.stdout, bytes) else ""
        return time.perf_counter() - start, out, False
    return time.perf_counter() - start, done.stdout, True


def _pages(site: Path) -> int:
    return sum(1 for _ in site.rglob("*.html"))


def run_ours(out: Path, pages: int, defects: list[Defect]) -> tuple[float, bool]:
    args = [sys.executable, str(REPO / "scripts/check_links.py"), "--format", "json",
            "--no-baseline", str(out / "html")]
    seconds, stdout, _ = _timed(args)
    if not stdout.startswith("{"):
        raise SystemExit(f"our check failed: {stdout}")
    findings = json.loads(stdout)["findings"]
    planted = {(d.code, d.page, d.href): d for d in defects}
    found = {(f["code"], f["page"], f["href"] or ""): f for f in findings}
    missed = [key for key in planted if key not in found]
    extra = [key for key in found if key not in planted]
    right_line = sum(1 for key, d in planted.items()
                     if key in found and (d.line is None or found[key]["line"] == d.line))
    print(f"ours     {seconds:7.2f} s  {pages / seconds:8.0f} pages/s  "
          f"{len(findings)} findings: {len(planted) - len(missed)}/{len(planted)} planted "
          f"defects found, {right_line}/{len(planted)} at the planted source line, "
          f"{len(extra)} false positives")
    for key in missed:
        print(f"  missed: {key}")
    for key in extra:
        print(f"  false positive: {key} {found[key]['message']}")
    return seconds, not missed and not extra and right_line == len(planted)


def run_lychee(out: Path, pages: int, defects: list[Defect]) -> float | None:
    lychee = _tool("lychee")
    if lychee is None:
        print("lychee   not installed (pip install --group bench): skipped")
        return None
    args = [lychee, "--offline", "--include-fragments", "--no-progress", "--format", "json",
            str(out / "html")]
    seconds, stdout, _ = _timed(args)
    report = json.loads(stdout[stdout.index("{"):])
    errors = [(page, entry["url"]) for page, entries in report.get("error_map", {}).items()
              for entry in entries]
    root = (out / "html").resolve()
    planted = set()
    for defect in defects:
        path, _, fragment = defect.href.partition("#")
        if defect.href and not defect.href.startswith("javascript:") and defect.href != "#":
            page = root / defect.page
            target = os.path.normpath(os.path.join(page.parent, path)) if path else str(page)
            planted.add((str(page), target, unquote(fragment)))
    hits = 0
    for page, url in errors:
        if url.startswith("file://"):
            path, _, fragment = unquote(url[len("file://"):]).partition("#")
            hits += (str(Path(page).resolve()), os.path.normpath(path), fragment) in planted
    print(f"lychee   {seconds:7.2f} s  {pages / seconds:8.0f} pages/s  "
          f"{len(errors)} errors: {hits} of them planted defects, {len(errors) - hits} other")
    return seconds


def run_linkchecker(out: Path, pages: int, timeout: float) -> None:
    linkchecker = _tool("linkchecker")
    if linkchecker is None:
        print("linkchecker not installed (pip install --group bench): skipped")
        return
    config = out / "linkcheckerrc"
    config.write_text("[filtering]\ncheckextern=0\n[AnchorCheck]\n[output]\nstatus=0\n",
                      encoding="utf-8")
    args = [linkchecker, "-f", str(config), "--no-status", "-o", "csv",
            str(out / "html" / "index.html")]
    seconds, stdout, finished = _timed(args, timeout)
    rows = [line for line in stdout.splitlines()
            if line and not line.startswith(("#", "urlname;"))]
    if finished:
        print(f"linkchecker {seconds:4.2f} s  {pages / seconds:8.0f} pages/s  "
              f"{len(rows)} errors and warnings (a missing anchor is a warning)")
    else:
        print(f"linkchecker stopped after {timeout:.0f} s, unfinished: < {pages / seconds:.0f} "
              f"pages/s, {len(rows)} errors and warnings so far")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=2000, help="pages per language")
    parser.add_argument("--keep", type=Path, help="generate the site here and keep it")
    parser.add_argument("--linkchecker-timeout", type=float, default=180.0,
                        help="stop linkchecker after this many seconds (default: %(default)s)")
    parser.add_argument("--skip-linkchecker", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-links-") as temp:
        out = args.keep or Path(temp)
        defects = generate(out, args.pages)
        pages = _pages(out / "html")
        print(f"site: {args.pages} pages per language, {pages} HTML pages, "
              f"{len(defects)} planted defects, {os.cpu_count()} cores")
        ours, complete = run_ours(out, pages, defects)
        lychee = run_lychee(out, pages, defects)
        if lychee:
            print(f"ratio ours/lychee: {ours / lychee:.2f} (goal <= 1.0)")
        if not args.skip_linkchecker:
            run_linkchecker(out, pages, args.linkchecker_timeout)
    ok = complete and (lychee is None or ours <= lychee)
    print("goal met" if ok else "goal NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
