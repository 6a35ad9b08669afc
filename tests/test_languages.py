"""Any number of languages: a third one (French, partly translated) and a right-to-left one.

The languages are declared once (``kb_languages`` in the test project's
``conf.py``, as the Makefile passes them for the site); the switcher,
``hreflang``, the status page and the link check follow.  What a reader
sees is compared with the words of each language's ``itukb`` catalog.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polib
import pytest
from kbwords import words
from lxml import html

from itukb.build.rootfiles import write_root_files
from itukb.i18n.config import native_name
from itukb.i18n.in_language import words_in
from itukb.sitecheck.run import check_built_site
from tests.conftest import REPO, build_root

ROOTS = REPO / "tests" / "roots"
THREE = ROOTS / "test-languages"
RTL = ROOTS / "test-rtl"
LANGUAGES = ("zh_CN", "en", "fr")
HREFLANG = {"zh_CN": "zh-CN", "en": "en", "fr": "fr"}
DATE = dt.date(2020, 11, 4)  # the letter's date (front matter)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("languages") / "site"
    for language in LANGUAGES:
        result = build_root(THREE, root / language, "-D", f"language={language}")
        assert result.returncode == 0, result.stderr
    # the site's entry, as make html publishes it: a chooser and the root files
    choices = "".join(f'<a href="{lang}/index.html" hreflang="{HREFLANG[lang]}">'
                      f"{native_name(lang)}</a>" for lang in LANGUAGES)
    alternates = "".join(f'<link rel="alternate" hreflang="{HREFLANG[lang]}" '
                         f'href="{lang}/index.html">' for lang in LANGUAGES)
    (root / "index.html").write_text(
        f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>KB</title>'
        f'{alternates}<link rel="alternate" hreflang="x-default" href="index.html"></head>'
        f"<body><main>{choices}</main></body></html>", encoding="utf-8")
    write_root_files(root, "", list(LANGUAGES))
    return root


def page(site: Path, language: str, name: str = "documents/letter") -> html.HtmlElement:
    return html.parse(str(site / language / f"{name}.html")).getroot()


def french_words() -> polib.POFile:
    return polib.pofile(str(THREE / "locale" / "fr" / "LC_MESSAGES" / "itukb.po"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_hreflang_and_switcher_name_all_three(site: Path, language: str) -> None:
    tree = page(site, language)
    alternates = {link.get("hreflang"): link.get("href")
                  for link in tree.xpath('//link[@rel="alternate"][@hreflang]')}
    for other in LANGUAGES:
        assert alternates[HREFLANG[other]] == f"../../{other}/documents/letter.html"
    assert "x-default" in alternates
    switches = tree.xpath('//nav[contains(@class, "kb-switcher-header")]'
                          '//a[contains(@class, "kb-switch-link")]')
    shown = {a.get("hreflang"): a.text_content().strip() for a in switches}
    assert shown == {HREFLANG[other]: native_name(other)
                     for other in LANGUAGES if other != language}
    assert tree.get("lang") == HREFLANG[language]
    assert tree.get("dir") is None  # left to right, the default


def test_native_names_are_the_languages_own() -> None:
    assert [native_name(language) for language in ("zh_CN", "en")] == ["中文", "English"]


def test_french_words_translated_or_left_in_english(site: Path) -> None:
    catalog = french_words()
    translated = [e for e in catalog if e.translated() and not e.msgctxt]
    untranslated = [e for e in catalog if not e.translated() and not e.msgctxt]
    assert translated and untranslated  # the test project is partly translated
    fr = words_in("fr", [THREE / "locale"])
    text = page(site, "fr").text_content()
    assert fr.label("metadata") == "Informations sur le document"
    assert fr.label("metadata") in text
    # an untranslated word shows its English message, not another language's
    assert fr.label("issuer") == words("en").label("issuer")
    assert fr.label("issuer") in text
    assert words("zh_CN").label("issuer") not in text
    # the date: Babel's French month name, in the pattern of the catalog
    assert fr.format_date(DATE) == "4 novembre 2020"
    assert fr.format_date(DATE) in text


@pytest.mark.parametrize("language", ("zh_CN", "en"))
def test_the_site_languages_keep_their_words_and_dates(site: Path, language: str) -> None:
    text = page(site, language).text_content()
    ours = words_in(language)
    assert ours.label("metadata") in text
    assert ours.format_date(DATE) in text
    assert {"zh_CN": "2020年11月4日", "en": "4 November 2020"}[language] \
        == ours.format_date(DATE)


def test_status_page_counts_every_translation(site: Path) -> None:
    tree = page(site, "fr", "translation-status")
    rows = [[cell.text_content().strip() for cell in row.xpath("td")]
            for row in tree.xpath('//table[contains(@class, "kb-translation-status")]//tr[td]')]
    letter = {row[1]: row for row in rows if row[0] == "Lettre de test"}
    states = {row.xpath("td")[1].text_content().strip(): row.xpath("td")[5].get("class")
              for row in tree.xpath('//tr[td[1]="Lettre de test"]')}
    assert set(letter) == {native_name("en"), native_name("fr")}
    # French: the letter's second paragraph is not translated
    catalog = polib.pofile(str(THREE / "locale" / "fr" / "LC_MESSAGES" / "documents"
                               / "letter.po"))
    assert int(letter[native_name("fr")][4]) == len(catalog.untranslated_entries()) > 0
    assert states == {native_name("en"): "kb-status-complete",
                      native_name("fr"): "kb-status-partial"}
    # the page is French: a space before the percent sign (CLDR, through Babel)
    assert letter[native_name("en")][5] == "100\u00a0%"
    assert letter[native_name("fr")][5].endswith("\u00a0%")
    headings = [th.text_content() for th in tree.xpath("//th")]
    assert words_in("fr", [THREE / "locale"]).gettext("Language") in headings


def test_link_check_pairs_all_three(site: Path) -> None:
    result = check_built_site(site, LANGUAGES)
    assert result.findings == []
    assert result.pages >= 3 * 3


def test_link_check_finds_a_page_missing_in_the_third_language(site: Path,
                                                                tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    (copy / "fr" / "documents" / "letter.html").unlink()
    findings = check_built_site(copy, LANGUAGES).findings
    assert any("fr/documents/letter.html" in str(finding) for finding in findings)


def test_right_to_left_language(tmp_path: Path) -> None:
    out = tmp_path / "ar"
    result = build_root(RTL, out, "-D", "language=ar")
    assert result.returncode == 0, result.stderr
    tree = html.parse(str(out / "index.html")).getroot()
    assert tree.get("dir") == "rtl"
    assert tree.get("lang") == "ar"
    assert tree.xpath("//h1")[0].text_content().strip().startswith("من اليمين إلى اليسار")
    switcher = tree.xpath('//nav[contains(@class, "kb-switcher-header")]')[0]
    ar = words_in("ar", [RTL / "locale"])
    assert switcher.get("aria-label") == ar.label("switch_language") != \
        words_in("en").label("switch_language")
    link = switcher.xpath('.//a[contains(@class, "kb-switch-link")]')[0]
    assert (link.get("hreflang"), link.text_content().strip()) == ("zh-CN", native_name("zh_CN"))
    assert link.get("lang") == "zh-CN"


@pytest.mark.parametrize("language", LANGUAGES)
def test_kb_json_names_its_language_among_the_schemas(site: Path, language: str) -> None:
    import json

    export = json.loads((site / language / "kb.json").read_text(encoding="utf-8"))
    schema = json.loads((site / language / "kb.schema.json").read_text(encoding="utf-8"))
    assert export["language"] == language
    assert schema["properties"]["language"]["enum"] == list(LANGUAGES)


def test_a_broken_word_catalog_stops_the_build_at_its_line(tmp_path: Path) -> None:
    import shutil

    src = tmp_path / "src"
    shutil.copytree(THREE, src, ignore=shutil.ignore_patterns("*.mo"))
    catalog = src / "locale" / "fr" / "LC_MESSAGES" / "itukb.po"
    lines = catalog.read_text(encoding="utf-8").splitlines()
    broken = next(number for number, line in enumerate(lines, 1)
                  if line == 'msgstr "Informations sur le document"')
    lines[broken - 1] = 'msgstr "Informations sur le document'
    catalog.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = build_root(src, tmp_path / "out", "-D", "language=fr")
    assert result.returncode != 0
    assert f"itukb.po:{broken}: error: [syntax]" in result.stderr
    assert not (tmp_path / "out" / "documents" / "letter.html").exists()


def test_check_po_reports_a_lost_placeholder_and_untranslated_words(tmp_path: Path) -> None:
    from itukb.catalogs.checker import check_catalogs

    catalog = french_words()
    entry = next(e for e in catalog if e.translated() and "{" in e.msgid)
    assert "python-brace-format" in entry.flags  # kept by make update-po in itukb.po
    entry.msgstr = entry.msgstr.replace("{", "{x")
    target = tmp_path / "fr" / "LC_MESSAGES" / "itukb.po"
    target.parent.mkdir(parents=True)
    catalog.save(str(target))
    report = check_catalogs([tmp_path], thresholds={"fr": 100.0})
    checks = {(finding.check, finding.severity) for finding in report.findings}
    assert ("format", "error") in checks
    assert ("threshold", "error") in checks
    untranslated = [f for f in report.findings if f.check == "untranslated"]
    assert len(untranslated) == len(catalog.untranslated_entries())


def test_a_changed_word_reaches_every_page_of_an_incremental_build(tmp_path: Path) -> None:
    import shutil

    src = tmp_path / "src"
    shutil.copytree(THREE, src, ignore=shutil.ignore_patterns("*.mo"))
    out = tmp_path / "fr"
    assert build_root(src, out, "-D", "language=fr").returncode == 0
    catalog_path = src / "locale" / "fr" / "LC_MESSAGES" / "itukb.po"
    catalog = polib.pofile(str(catalog_path))
    catalog.find("Document information").msgstr = "Fiche du document"
    catalog.save()
    result = build_root(src, out, "-D", "language=fr")  # incremental
    assert result.returncode == 0, result.stderr
    assert "Fiche du document" in page(out.parent, "fr").text_content()
