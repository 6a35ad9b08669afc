"""The build at scale: the benchmark runs, and the sidebar stays small and right.

The benchmark (``make bench``) is run end to end at a tiny size so that its
generator and harness cannot rot; its figures are not checked, only that
every step ran and every row was printed.  The sidebar tests read the HTML
of a generated knowledge base: each page lists only its own year's
documents, yet every document is reachable, and a page whose sidebar shows
a title that changed elsewhere is re-written by an incremental build.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import html
from pagefind_bundle import fragments

from tests.conftest import REPO, build_site

sys.path.insert(0, str(REPO / "benchmarks"))
from kb_site import KnowledgeBase, document_id, generate

ROWS = (
    "pages per language", "this project, both languages", "en / zh_CN",
    "plain Sphinx + MyST, basic theme (floor)", "plain Sphinx + MyST + furo",
    "ours / floor", "ours / plain furo",
    "incremental, one document edited: zh_CN", "incremental, one document edited: en",
    "of which waiting for the search index after Sphinx",
    "rebuild, nothing changed: zh_CN", "rebuild, nothing changed: en",
    "make update-po, from nothing", "make update-po, one document edited",
    "internal link check", "catalog check (make check-po)",
    "peak memory: ours", "peak memory: plain floor", "peak memory: plain furo",
    "full build growth 12 -> 20 docs",
)


def test_benchmark_generates_builds_and_reports_at_a_tiny_size(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "bench_scale.py"), "--sizes", "12", "20",
         "--verify-incremental", "--keep", str(tmp_path)],
        capture_output=True, text=True, check=False, cwd=REPO, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    for row in ROWS:
        assert row in result.stdout, result.stdout
    header = next(line for line in result.stdout.splitlines() if "12 docs" in line)
    assert "20 docs" in header
    # the search index's part is measured after an edit (it is written again)
    parts = [line for line in result.stdout.splitlines()
             if "waiting for the search index" in line]
    assert len(parts) == 2 and all(len(re.findall(r"\d\.\d s", line)) == 2 for line in parts), parts
    # the generated English catalogs were complete: the English pages carry no
    # notice of untranslated passages
    english = (tmp_path / "kb-20" / "_build" / "html" / "en" / "documents")
    assert not [p.name for p in english.glob("doc-*.html")
                if "kb-translation-notice" in p.read_text(encoding="utf-8")]


@pytest.fixture(scope="module")
def small_kb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated knowledge base of 30 documents over 15 years, built in Chinese."""
    root = tmp_path_factory.mktemp("kb")
    generate(root, 30)
    results = build_site(root / "_build", languages=("zh_CN",), srcdir=root / "docs")
    assert results["zh_CN"].returncode == 0, results["zh_CN"].stderr
    return root


def sidebar_links(page: Path) -> list[str]:
    tree = html.parse(str(page)).getroot()
    return [a.get("href") for a in tree.cssselect(".sidebar-tree a")]


def test_sidebar_lists_only_the_pages_year_and_links_every_year(small_kb: Path) -> None:
    plan = KnowledgeBase(30)
    out = small_kb / "_build" / "html" / "zh_CN"
    years = {plan.document_date(n).year for n in range(30)}
    number = 7
    year = plan.document_date(number).year
    links = sidebar_links(out / "documents" / f"{document_id(number)}.html")
    listed = sorted(h.removesuffix(".html") for h in links if h.startswith("doc-"))
    same_year = sorted(document_id(n) for n in range(30)
                       if plan.document_date(n).year == year and n != number)
    assert listed == same_year  # the page itself is linked as "#"
    assert "#" in links
    # every year links to its place in the document list, which has that anchor
    index = (out / "documents" / "index.html").read_text(encoding="utf-8")
    for each in years:
        assert f"index.html#kb-year-{each}" in links
        assert f'id="kb-year-{each}"' in index
    # a page outside the documents lists no document at all, only the years
    outside = sidebar_links(out / "browse" / "matrix.html")
    assert not [h for h in outside if "/doc-" in h]
    assert len([h for h in outside if "#kb-year-" in h]) == len(years)


def test_sidebar_marks_the_current_page_and_expands_its_branch(small_kb: Path) -> None:
    page = small_kb / "_build" / "html" / "zh_CN" / "documents" / f"{document_id(7)}.html"
    tree = html.parse(str(page)).getroot()
    current = tree.cssselect(".sidebar-tree li.current-page")
    assert len(current) == 1
    assert current[0].cssselect("a")[0].get("href") == "#"
    # the documents entry and the year are expanded (furo's checkbox checked)
    checked = tree.cssselect(".sidebar-tree input.toctree-checkbox[checked]")
    assert len(checked) == 2
    year = KnowledgeBase(30).document_date(7).year
    labels = [box.get("aria-label") for box in checked]
    assert labels == ["展开或折叠“文献”的导航", f"展开或折叠“{year}”的导航"]


def test_title_change_rewrites_the_sidebars_that_show_it(small_kb: Path) -> None:
    plan = KnowledgeBase(30)
    edited, sibling = [n for n in range(30)
                       if plan.document_date(n).year == plan.document_date(0).year][:2]
    source = small_kb / "docs" / "documents" / f"{document_id(edited)}.md"
    text = source.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title: "))[7:]
    source.write_text(text.replace(title, title + "（修订）"), encoding="utf-8")
    result = build_site(small_kb / "_build", languages=("zh_CN",), srcdir=small_kb / "docs")
    assert result["zh_CN"].returncode == 0, result["zh_CN"].stderr
    page = small_kb / "_build" / "html" / "zh_CN" / "documents" / f"{document_id(sibling)}.html"
    tree = html.parse(str(page)).getroot()
    titles = [a.text_content() for a in tree.cssselect(".sidebar-tree a")]
    assert title + "（修订）" in titles


def test_lists_of_all_documents_stay_out_of_the_search_index(small_kb: Path) -> None:
    """A word of the documents' titles finds the documents, not the pages listing them all."""
    indexed = fragments(small_kb / "_build" / "html" / "zh_CN")
    found = {url.removeprefix("/").removesuffix(".html") for url, fragment in indexed.items()
             if "宽带" in fragment["content"]}  # 宽带网络建设, the topic of documents 0, 10 and 20
    assert f"documents/{document_id(10)}" in found
    assert not found & {"documents/index", "browse/by-kind", "browse/matrix", "index"}


def test_english_doctrees_do_not_grow_with_the_pages_read_before(tmp_path: Path) -> None:
    """Each English page's doctree holds the page alone, not the environment read so far."""
    generate(tmp_path, 20)
    result = build_site(tmp_path / "_build", languages=("en",), srcdir=tmp_path / "docs")
    assert result["en"].returncode == 0, result["en"].stderr
    sizes = [(tmp_path / "_build" / "doctrees" / "en" / "documents" / f"{document_id(n)}.doctree")
             .stat().st_size for n in range(20)]
    # documents are alike; read last, a page used to carry a copy of all read before it
    assert max(sizes) < 1.5 * min(sizes), sizes
