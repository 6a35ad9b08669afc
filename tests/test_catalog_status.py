"""What readers see of the translation status: the notice and the status page.

The test root has a page translated completely (index), one with an
untranslated paragraph (partial), one with a fuzzy entry (fuzzy) and one
without a catalog (untranslated).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import lxml.html
import polib
import pytest
from sphinx.testing.util import SphinxTestApp

REPO = Path(__file__).resolve().parent.parent
EN = {"language": "en"}


def page(outdir: Path, name: str) -> lxml.html.HtmlElement:
    return lxml.html.parse(str(outdir / f"{name}.html")).getroot()


def notice(document: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    found = document.find_class("kb-translation-notice")
    assert len(found) <= 1
    return found[0] if found else None


def status_rows(document: lxml.html.HtmlElement) -> dict[str, list[str]]:
    """Status table rows by page title: [language, translated, fuzzy, untranslated, done]."""
    table = document.find_class("kb-translation-status")[0]
    rows = {}
    for row in table.iter("tr"):
        cells = [" ".join(cell.text_content().split()) for cell in row.iter("td")]
        if cells:
            rows[cells[0]] = cells[1:]
    return rows


@pytest.mark.sphinx("html", testroot="catalog-status", confoverrides=EN)
def test_partly_translated_page_says_so_and_links_the_original(app: SphinxTestApp) -> None:
    app.build()
    document = page(app.outdir, "partial")
    box = notice(document)
    assert box is not None
    text = " ".join(box.text_content().split())
    assert "Translation in progress" in text
    assert "1 of the 3 passages on this page are not translated yet and appear in Chinese." \
        in text
    links = {a.text_content(): a for a in box.iter("a")}
    original = links["Read the Chinese original"]
    assert original.get("href") == "../zh_CN/partial.html"
    assert original.get("hreflang") == "zh-CN"
    # written as a language switch, the only kind of link allowed across languages
    assert "kb-switch-link" in original.get("class").split()
    assert "kb-language-switcher" in original.getparent().get("class").split()
    assert links["Translation status of every page"].get("href") == "translation-status.html"
    # and the reader does see that paragraph in Chinese
    assert "第二段尚未翻译。" in document.text_content()


@pytest.mark.sphinx("html", testroot="catalog-status", confoverrides=EN)
def test_fuzzy_and_missing_catalogs_are_announced(app: SphinxTestApp) -> None:
    app.build()
    fuzzy = " ".join(notice(page(app.outdir, "fuzzy")).text_content().split())
    assert "1 of the 2 passages on this page are not translated yet" in fuzzy
    assert "1 of them changed in Chinese since they were translated; their translation " \
           "awaits review." in fuzzy
    missing = " ".join(notice(page(app.outdir, "untranslated")).text_content().split())
    assert "This page has not been translated yet and appears in Chinese." in missing
    assert notice(page(app.outdir, "index")) is None


@pytest.mark.sphinx("html", testroot="catalog-status", confoverrides=EN)
def test_status_page_counts_each_page(app: SphinxTestApp) -> None:
    app.build()
    document = page(app.outdir, "translation-status")
    assert document.findtext(".//h1") == "Translation status"
    rows = status_rows(document)
    assert rows == {
        "Awaiting review": ["English", "1", "1", "0", "50%"],
        "Translation test": ["English", "2", "0", "0", "100%"],
        "Partly translated": ["English", "2", "0", "1", "67%"],
        "尚无译文": ["English", "0", "0", "2", "0% (no translation yet)"],
        "All pages": ["English", "5", "1", "3", "55.6%"],
    }
    own = {a.text_content(): a.get("href") for a in document.iter("a")}
    assert own["Partly translated"] == "partial.html"


@pytest.mark.sphinx("html", testroot="catalog-status", srcdir="catalog-status-zh")
def test_chinese_build_has_the_status_page_and_no_notice(app: SphinxTestApp) -> None:
    app.build()
    assert notice(page(app.outdir, "partial")) is None
    document = page(app.outdir, "translation-status")
    assert document.findtext(".//h1") == "翻译进度"
    rows = status_rows(document)
    assert rows["部分翻译"] == ["English", "2", "0", "1", "67%"]
    table = document.find_class("kb-translation-status")[0]
    assert {a.get("href") for a in table.iter("a")} == {
        "index.html", "partial.html", "fuzzy.html", "untranslated.html"}


@pytest.mark.sphinx("html", testroot="catalog-status", confoverrides=EN, parallel=2,
                    srcdir="catalog-status-parallel")
def test_parallel_build_gives_the_same_pages(app: SphinxTestApp) -> None:
    app.build()
    assert notice(page(app.outdir, "partial")) is not None
    assert notice(page(app.outdir, "index")) is None
    assert status_rows(page(app.outdir, "translation-status"))["All pages"] == [
        "English", "5", "1", "3", "55.6%"]


def _touch_later(path: Path) -> None:
    """Make sure the file looks newer than the last build, even on coarse clocks."""
    later = time.time() + 2
    os.utime(path, (later, later))


@pytest.mark.sphinx("html", testroot="catalog-status", confoverrides=EN,
                    srcdir="catalog-status-incremental")
def test_incremental_build_follows_catalog_and_source(
    app: SphinxTestApp, make_app: type[SphinxTestApp]
) -> None:
    app.build()
    assert notice(page(app.outdir, "partial")) is not None
    # the translator finishes the page
    catalog = app.srcdir / "locale" / "en" / "LC_MESSAGES" / "partial.po"
    po = polib.pofile(str(catalog))
    po.find("第二段尚未翻译。").msgstr = "The second paragraph is not translated yet."
    po.save()
    _touch_later(catalog)
    again = make_app("html", srcdir=app.srcdir, confoverrides=EN)
    again.build()
    assert notice(page(again.outdir, "partial")) is None
    rows = status_rows(page(again.outdir, "translation-status"))
    assert rows["Partly translated"] == ["English", "3", "0", "0", "100%"]
    # an author adds a paragraph to the complete page: it is untranslated now
    source = app.srcdir / "index.md"
    source.write_text(source.read_text(encoding="utf-8").replace(
        "本页已全部翻译。", "本页已全部翻译。\n\n新加的一段。"), encoding="utf-8")
    _touch_later(source)
    third = make_app("html", srcdir=app.srcdir, confoverrides=EN)
    third.build()
    assert notice(page(third.outdir, "index")) is not None
    assert status_rows(page(third.outdir, "translation-status"))["Translation test"] == [
        "English", "2", "0", "1", "67%"]


@pytest.mark.site
def test_real_site_status_matches_its_notices(site: Path) -> None:
    """Every page is listed; an English page has a notice exactly when it is incomplete."""
    pages = sorted(p.relative_to(REPO / "docs").with_suffix("").as_posix()
                   for p in (REPO / "docs").rglob("*.md") if "_root" not in p.parts)
    for language, title in (("en", "Translation status"), ("zh_CN", "翻译进度")):
        document = page(site / language, "translation-status")
        assert document.findtext(".//h1") == title
        table = document.find_class("kb-translation-status")[0]
        linked = sorted(a.get("href").removesuffix(".html") for a in table.iter("a")
                        if "internal" in (a.get("class") or ""))
        assert linked == pages
    rows = page(site / "en", "translation-status").find_class("kb-translation-status")[0]
    for row in rows.iter("tr"):
        cells = list(row.iter("td"))
        link = cells[0].find("a") if cells else None
        if link is None:  # the header and the totals
            continue
        href = link.get("href")
        complete = cells[-1].text_content().strip() == "100%"
        shown = notice(page(site / "en", href.removesuffix(".html")))
        assert (shown is None) == complete, href


def test_borrowed_translation_is_announced_as_a_suggestion(
        tmp_path: Path) -> None:
    """A fuzzy entry without '#| msgid' was never 'changed in Chinese': say what it is."""
    import shutil
    import subprocess

    from tests.conftest import build_root

    src = tmp_path / "src"
    shutil.copytree(REPO / "tests/roots/test-catalog-status", src)
    catalog = src / "locale/en/LC_MESSAGES/fuzzy.po"
    text = catalog.read_text(encoding="utf-8")
    previous = next(line for line in text.splitlines() if line.startswith("#| msgid"))
    catalog.write_text(text.replace(previous + "\n", ""), encoding="utf-8")
    result = build_root(src, tmp_path / "en", "-D", "language=en")
    assert result.returncode == 0, result.stderr
    shown = " ".join(notice(page(tmp_path / "en", "fuzzy")).text_content().split())
    assert "changed in Chinese" not in shown
    assert "1 of them have a translation suggested from another page with the same " \
           "Chinese text; it awaits review." in shown
    check = subprocess.run(
        [sys.executable, str(REPO / "scripts/check_catalogs.py"), str(src / "locale")],
        capture_output=True, text=True, check=False)
    finding = next(line for line in check.stdout.splitlines() if "[fuzzy]" in line)
    assert "earlier source text" not in finding
    assert "not written for this entry" in finding and "another catalog" in finding
