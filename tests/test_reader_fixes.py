"""What a new maintainer and translator met, each checked as they would see it.

The object index's title, one finding per broken catalog line, a dropped role
named once, Previous/Next in date order, the translation status linked from
every page, no empty index page, untranslated Chinese tagged as Chinese, and
the search query kept across the language switch.
"""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path

import pytest
from kbcontent import by_date
from kbwords import label
from lxml import html

from itukb.catalogs.checker import check_catalogs
from tests.conftest import REPO, build_root

STATUS_ROOT = REPO / "tests" / "roots" / "test-catalog-status"


def parse(path: Path) -> html.HtmlElement:
    return html.parse(str(path)).getroot()


def test_object_index_is_titled_in_each_language(site: Path) -> None:
    for language in ("zh_CN", "en"):
        page = parse(site / language / "kb-objects.html")
        title = label("object_index", language)
        assert page.findtext(".//title").startswith(title)
        assert page.xpath("//article//h1")[0].text_content().strip() == title


def test_previous_and_next_follow_the_documents_by_date(site: Path) -> None:
    """As the sidebar and the list of documents show them: newest first."""
    documents = by_date()
    for language in ("zh_CN", "en"):
        for newer, older in itertools.pairwise(documents):
            page = site / language / f"{newer.docname}.html"
            following = parse(page).cssselect("a.next-page")[0].get("href")
            assert (page.parent / following).resolve() == \
                (site / language / f"{older.docname}.html").resolve()
            page = site / language / f"{older.docname}.html"
            previous = parse(page).cssselect("a.prev-page")[0].get("href")
            assert (page.parent / previous).resolve() == \
                (site / language / f"{newer.docname}.html").resolve()


def test_every_page_links_the_translation_status_and_no_empty_index(site: Path) -> None:
    for language in ("zh_CN", "en"):
        status = (site / language / "translation-status.html").resolve()
        assert status.is_file()
        assert not (site / language / "genindex.html").exists()
        for page in sorted((site / language).rglob("*.html")):
            hrefs = [a.get("href") for a in parse(page).xpath("//a[@href]")]
            assert "genindex.html" not in {h.rsplit("/", 1)[-1] for h in hrefs}, page
            if page.resolve() != status:
                # the 404 pages link from the root of the host (served at any depth)
                targets = {h.split("#")[0] for h in hrefs
                           if not h.startswith(("http:", "https:", "#"))}
                assert status in {(site / t.lstrip("/") if t.startswith("/") else
                                   page.parent / t).resolve() for t in targets}, page


def test_language_switch_on_the_search_page_keeps_the_query(site: Path) -> None:
    """The switcher's script carries ``?q=`` over on the search page (and only there)."""
    for language in ("zh_CN", "en"):
        search = parse(site / language / "search.html").cssselect("a.kb-switch-link")
        assert search and all(a.get("data-kb-keep-query") is not None for a in search)
        home = parse(site / language / "index.html").cssselect("a.kb-switch-link")
        assert all(a.get("data-kb-keep-query") is None for a in home)
    script = (site / "en" / "_static" / "itukb.js").read_text(encoding="utf-8")
    assert "kbKeepQuery" in script and "window.location.search" in script


@pytest.fixture
def status_project(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    shutil.copytree(STATUS_ROOT, src)
    return src


def test_untranslated_chinese_on_an_english_page_is_tagged_chinese(
        status_project: Path, tmp_path: Path) -> None:
    result = build_root(status_project, tmp_path / "en", "-D", "language=en")
    assert result.returncode == 0, result.stderr
    page = parse(tmp_path / "en" / "partial.html")
    untranslated = [p for p in page.xpath("//p") if "第二段尚未翻译" in p.text_content()]
    assert untranslated and untranslated[0].get("lang") == "zh-CN"
    translated = [p for p in page.xpath("//p") if "first paragraph" in p.text_content()]
    assert translated and translated[0].get("lang") is None


def test_catalog_syntax_error_is_one_finding(status_project: Path, tmp_path: Path) -> None:
    catalog = status_project / "locale/en/LC_MESSAGES/partial.po"
    text = catalog.read_text(encoding="utf-8")
    broken = text.replace('msgstr "The first paragraph is translated."',
                          'msgstr "The first paragraph is translated.')
    assert broken != text
    catalog.write_text(broken, encoding="utf-8")
    line = broken.split("\n").index('msgstr "The first paragraph is translated.') + 1
    result = build_root(status_project, tmp_path / "en", "-D", "language=en")
    assert result.returncode != 0
    findings = [x for x in result.stderr.splitlines() if "WARNING" in x or "ERROR" in x]
    assert len(findings) == 1, result.stderr
    assert f"partial.po:{line}:" in findings[0]


def test_dropped_role_is_one_finding_naming_the_catalog_line(tmp_path: Path) -> None:
    catalog = tmp_path / "en" / "LC_MESSAGES" / "page.po"
    catalog.parent.mkdir(parents=True)
    catalog.write_text(
        'msgid ""\nmsgstr ""\n"Language: en\\n"\n"MIME-Version: 1.0\\n"\n'
        '"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Content-Transfer-Encoding: 8bit\\n"\n\n'
        '#: ../../docs/page.md:3\nmsgid "见{target}`3.5`。"\nmsgstr "See target 3.5."\n',
        encoding="utf-8")
    findings = [f for f in check_catalogs([tmp_path]).findings if f.severity == "error"]
    assert [(f.check, f.line) for f in findings] == [("markup", 9)]  # the msgid line of the entry
    assert "{target}" in findings[0].message and "'3.5'" in findings[0].message


def test_sphinx_intl_works_as_contributing_shows(tmp_path: Path) -> None:
    """``sphinx-intl stat -l en`` lists every catalog; ``build`` compiles them (no options)."""
    import subprocess
    import sys

    contributing = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert "sphinx-intl stat -l en" in contributing
    assert "sphinx-intl build -l en" in contributing
    intl = Path(sys.executable).parent / "sphinx-intl"
    result = subprocess.run([str(intl), "stat", "-l", "en"], cwd=REPO,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    catalogs = sorted((REPO / "locale/en/LC_MESSAGES").rglob("*.po"))
    assert catalogs
    for catalog in catalogs:
        assert catalog.relative_to(REPO).as_posix() + ":" in result.stdout
    shutil.copytree(REPO / "locale", tmp_path / "locale",
                    ignore=shutil.ignore_patterns("*.mo"))
    shutil.copy(REPO / "conf.py", tmp_path / "conf.py")
    result = subprocess.run([str(intl), "build", "-l", "en"], cwd=tmp_path,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    for catalog in catalogs:
        relative = catalog.relative_to(REPO).with_suffix(".mo")
        assert (tmp_path / relative).is_file(), relative


def test_build_findings_are_printed_once_naming_the_languages() -> None:
    from itukb.build.build_findings import merged

    page = "/src/docs/a.md:4: WARNING: placeholder link '#' [itukb.linkguard]"
    catalog = "/src/locale/en/LC_MESSAGES/a.po:9: WARNING: <script> in the translation"
    assert merged({"zh_CN": [page, "Traceback (most recent call last):"],
                   "en": [page, catalog]}) == [
        f"{page} (zh_CN, en)", "Traceback (most recent call last):", f"{catalog} (en)"]


def test_previous_and_next_follow_a_changed_date_on_an_incremental_build(
        tmp_path: Path) -> None:
    """Moving a document in time re-writes the pages whose Previous or Next changed."""
    src = tmp_path / "src"
    shutil.copytree(REPO / "tests/roots/test-citations", src)

    def links(out: Path) -> dict[str, tuple[str | None, str | None]]:
        found = {}
        for page in sorted(out.rglob("*.html")):
            root = parse(page)
            ends = [root.xpath(f'//link[@rel="{rel}"]/@href') for rel in ("prev", "next")]
            found[page.relative_to(out).as_posix()] = tuple(e[0] if e else None for e in ends)
        return found

    assert build_root(src, tmp_path / "inc").returncode == 0
    before = links(tmp_path / "inc")
    page = src / "documents/a.md"
    page.write_text(page.read_text(encoding="utf-8").replace("date: 2012-01-01\nplace",
                                                             "date: 2020-01-01\nplace"),
                    encoding="utf-8")
    result = build_root(src, tmp_path / "inc")
    assert result.returncode == 0, result.stderr
    assert build_root(src, tmp_path / "clean").returncode == 0
    after = links(tmp_path / "clean")
    assert after != before  # the documents swapped places
    assert links(tmp_path / "inc") == after
