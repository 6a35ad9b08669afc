"""What a reader's first search downloads, and what indexing costs, at thousands of documents.

A knowledge base of N documents (2,000 by default) is generated
(:mod:`kb_site`) and built with ``make html-<lang>``, which writes each
language's Pagefind index.  Then, for each language:

* indexing time: ``python -m itukb.build.pagefind_index`` run again on the built
  tree, against the full build's time (goal: at most 10% of it);
* the first search: the search page opened in headless Chromium (Debian's,
  as the browser tests use it) with a query, on the site served over HTTP at
  127.0.0.1; every response the page receives is summed from the browser's
  network events, in total and for search alone (Pagefind's files and the
  search page's script).  Goal: at most 300 KB for search;
* what Sphinx's own search would download instead: the same sources built
  again with ``kb_sphinx_search_index`` on, whose ``searchindex.js`` (plus
  ``searchtools.js`` and ``language_data.js``) a first search fetches whole.
  The Chinese one is segmented with jieba when it is installed
  (``make bench`` installs the bench group, which has it), as the site's
  Chinese index was before Pagefind.

Figures are printed, never asserted.

Usage: python benchmarks/bench_search.py [--documents 2000] [--keep DIR] [--no-sphinx]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(REPO / "tests" / "browser"))

from kb_browser import CHROMIUM_FLAGS, serve  # noqa: E402
from kb_site import generate  # noqa: E402

LANGUAGES = ("zh_CN", "en")
#: a word of many generated documents' titles, in each language
QUERIES = {"zh_CN": "宽带网络建设", "en": "broadband network"}
SPHINX_SEARCH_FILES = ("searchindex.js", "_static/searchtools.js", "_static/language_data.js")


def make(root: Path, target: str, builddir: str, options: str | None = None) -> float:
    variables = [f"SOURCEDIR={root / 'docs'}", f"LOCALEDIR={root / 'locale'}",
                 f"BUILDDIR={root / builddir}"]
    if options is not None:
        variables.append(f"SPHINXOPTS={options}")
    os.sync()
    start = time.perf_counter()
    result = subprocess.run(["make", "--no-print-directory", target, *variables], cwd=REPO,
                            capture_output=True, text=True, check=False)
    if result.returncode != 0:
        sys.exit(f"make {target} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return time.perf_counter() - start


def index_time(tree: Path) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "itukb.build.pagefind_index", str(tree)], check=True,
                   capture_output=True)
    return time.perf_counter() - start


#: what the search's downloads are, by folder of Pagefind's bundle
PARTS = (("index/", "index chunks"), ("filter/", "filters"), ("fragment/", "result fragments"))


def part(address: str) -> str | None:
    """Which part of search a downloaded URL is, or None for the rest of the page."""
    if "/pagefind/" in address:
        path = address.split("/pagefind/", 1)[1]
        return next((name for folder, name in PARTS if path.startswith(folder)),
                    "engine (script, wasm, meta)")
    return "search page script" if "itukb-search.js" in address else None


def first_search(site: Path, language: str) -> tuple[dict[str, int], int, int]:
    """(bytes per part of search, bytes in all, requests) of a first search (network events)."""
    from playwright.sync_api import Request, sync_playwright

    executable = os.environ.get("KB_CHROMIUM") or shutil.which("chromium")
    if executable is None:
        sys.exit("Chromium not found: install Debian's chromium package or set KB_CHROMIUM")
    sizes: list[tuple[str, int]] = []

    def finished(request: Request) -> None:
        measured = request.sizes()
        sizes.append((request.url, measured["responseBodySize"]
                      + measured["responseHeadersSize"]))

    with serve(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable,
                                             args=list(CHROMIUM_FLAGS))
        page = browser.new_context().new_page()  # a fresh profile: nothing cached
        page.on("requestfinished", finished)
        query = QUERIES[language].replace(" ", "+")
        page.goto(f"{url}/{language}/search.html?q={query}")
        page.wait_for_selector("#kb-search[data-state=done]", timeout=60_000)
        page.wait_for_load_state("networkidle")
        browser.close()
    parts: dict[str, int] = {}
    for address, size in sizes:
        name = part(address)
        if name is not None:
            parts[name] = parts.get(name, 0) + size
    return parts, sum(size for _, size in sizes), len(sizes)


def sphinx_index_bytes(tree: Path) -> int:
    return sum((tree / name).stat().st_size for name in SPHINX_SEARCH_FILES
               if (tree / name).is_file())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=2000)
    parser.add_argument("--keep", type=Path, help="build here and keep it (default: a temp dir)")
    parser.add_argument("--no-sphinx", action="store_true",
                        help="skip the build with Sphinx's own index")
    args = parser.parse_args()
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="kb-search-bench-"))
    root = workdir / f"kb-{args.documents}"
    try:
        generate(root, args.documents)
        print(f"search at {args.documents} documents (bytes as the browser received them)")
        for language in LANGUAGES:
            full = make(root, f"html-{language}", "_build")
            tree = root / "_build" / "html" / language
            indexing = index_time(tree)
            parts, total, requests = first_search(root / "_build" / "html", language)
            search = sum(parts.values())
            print(f"  {language}: full build {full:.1f} s, Pagefind indexing {indexing:.1f} s "
                  f"({100 * indexing / full:.1f}% of the build)")
            print(f"  {language}: first search {search / 1024:.0f} KB "
                  f"(the page with it: {total / 1024:.0f} KB in {requests} requests): "
                  + ", ".join(f"{name} {size / 1024:.0f} KB" for name, size in parts.items()))
            if not args.no_sphinx:
                make(root, f"html-{language}", "_build-sphinx",
                     "-n -W --keep-going -q -j 1 -D kb_sphinx_search_index=1")
                sphinx = sphinx_index_bytes(root / "_build-sphinx" / "html" / language)
                print(f"  {language}: Sphinx's searchindex.js and search scripts "
                      f"{sphinx / 1024:.0f} KB, all downloaded by a first search")
    finally:
        if args.keep is None:
            shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
