"""Parallel text: each document's passages side by side, in both language trees.

On ``tests/roots/test-parallel``: a document whose catalog has a translated
passage with a footnote, an untranslated one, a fuzzy one, one whose
translation carries signs that HTML escapes, a list item, and one whose
translation was suggested from another page (fuzzy without a previous text).
What each row shows is compared with the document's own pages in the two
languages, row by row (the rows carry the passages' anchors).
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from lxml import html

from tests.conftest import REPO, assert_serial_equals_parallel, build_root

ROOT = REPO / "tests/roots/test-parallel"
LANGUAGES = ("zh_CN", "en")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("parallel")
    src = tmp / "src"
    shutil.copytree(ROOT, src)
    outs = {}
    for language in LANGUAGES:
        result = build_root(src, tmp / language, "-D", f"language={language}")
        assert result.returncode == 0, result.stderr
        outs[language] = tmp / language
    return outs


def text(element: html.HtmlElement) -> str:
    for mark in element.xpath('.//a[contains(@class, "headerlink")]'):
        mark.drop_tree()
    return " ".join(element.text_content().split())


def rows(page: Path) -> dict[str, html.HtmlElement]:
    root = html.parse(str(page)).getroot()
    return {row.get("id"): row for row in root.cssselect(".kb-parallel-row[id]")}


@pytest.mark.parametrize("language", LANGUAGES)
def test_document_links_to_its_parallel_text(built: dict[str, Path], language: str) -> None:
    page = html.parse(str(built[language] / "documents/letter.html")).getroot()
    [link] = page.cssselect(".kb-version-box + div.kb-parallel-link a")
    assert link.get("href") == "letter.parallel.html"
    assert (built[language] / "documents/letter.parallel.html").is_file()


@pytest.mark.parametrize("language", LANGUAGES)
def test_rows_pair_the_two_language_versions(built: dict[str, Path], language: str) -> None:
    found = rows(built[language] / "documents/letter.parallel.html")
    chinese = html.parse(str(built["zh_CN"] / "documents/letter.html")).getroot()
    english = html.parse(str(built["en"] / "documents/letter.html")).getroot()
    anchors = [p.get("id") for p in chinese.xpath('//section[@id="letter-body"]//p[@id]')]
    assert anchors and [a for a in found if a.startswith("letter-body-")] == anchors
    for anchor in anchors:
        row = found[anchor]
        [source] = row.cssselect(".kb-parallel-source")
        [target] = row.cssselect(".kb-parallel-target")
        assert source.get("lang") == "zh-CN" and target.get("lang") == "en"
        assert text(source) == text(chinese.xpath(f'//*[@id="{anchor}"]')[0])
        if "kb-state-translated" in row.get("class"):
            # (quotation marks are typographic only where the English build reads them)
            assert text(target).replace("’", "'") == text(
                english.xpath(f'//*[@id="{anchor}"]')[0]).replace("’", "'")


@pytest.mark.parametrize("language", LANGUAGES)
def test_untranslated_and_fuzzy_passages_are_marked(built: dict[str, Path],
                                                    language: str) -> None:
    found = rows(built[language] / "documents/letter.parallel.html")
    assert "kb-state-untranslated" in found["letter-body-p-2"].get("class")
    assert "kb-state-fuzzy" in found["letter-body-p-3"].get("class")
    assert "kb-state-translated" in found["letter-body-p-1"].get("class")
    assert "kb-state-suggested" in found["letter-body-p-6"].get("class")
    for anchor in ("letter-body-p-2", "letter-body-p-3", "letter-body-p-6"):
        assert found[anchor].cssselect(".kb-parallel-target .kb-parallel-missing")
    assert text(found["letter-body-p-6"].cssselect(".kb-parallel-missing")[0]) != text(
        found["letter-body-p-3"].cssselect(".kb-parallel-missing")[0])
    root = html.parse(str(built[language] / "documents/letter.parallel.html")).getroot()
    legend = text(root.cssselect(".kb-parallel-legend")[0])
    # the fuzzy and the suggested passage both await review
    assert ("2" in legend) and len(root.cssselect(".kb-state-fuzzy")) == 1


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalog_text_is_escaped(built: dict[str, Path], language: str) -> None:
    [target] = rows(built[language] / "documents/letter.parallel.html")[
        "letter-body-p-4"].cssselect(".kb-parallel-target")
    # the translation's signs are shown as written (a translation that adds HTML
    # is refused by the build: itukb.guards.catalog_guard)
    assert "1 < 2 & 3 > 2" in target.text_content()


def test_serial_and_parallel_builds_agree(tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(ROOT, src)
    assert_serial_equals_parallel(src, tmp_path)


def test_a_new_translation_reaches_the_chinese_parallel_text(tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(ROOT, src)
    out = tmp_path / "out"
    assert build_root(src, out).returncode == 0
    catalog = src / "locale/en/LC_MESSAGES/documents/letter.po"
    entry = 'msgid "第二段尚未翻译。"\nmsgstr '
    catalog.write_text(catalog.read_text(encoding="utf-8").replace(
        f'{entry}""', f'{entry}"Now translated."'), encoding="utf-8")
    later = time.time() + 5
    os.utime(catalog, (later, later))
    result = build_root(src, out)  # incremental, the Chinese build
    assert result.returncode == 0, result.stderr
    row = rows(out / "documents/letter.parallel.html")["letter-body-p-2"]
    assert "kb-state-translated" in row.get("class")
    assert text(row.cssselect(".kb-parallel-target")[0]) == "Now translated."
