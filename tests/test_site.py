"""The built bilingual site, as a reader gets it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import polib
import pytest
from lxml import html

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "tests" / "data" / "seeds"
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
#: furo's interface strings, which must not show in the Chinese build
ENGLISH_CHROME = (
    "Skip to content", "Back to top", "Toggle", "Made with", "On this page",
    "Light mode", "Dark mode", "Contents", "Menu", "Expand",
)


def pages(site: Path, language: str) -> list[Path]:
    return sorted((site / language).rglob("*.html"))


def parse(path: Path) -> html.HtmlElement:
    return html.parse(str(path)).getroot()


def article_text(path: Path) -> str:
    """The source text of a page's article: no generated marks, no whitespace."""
    root = parse(path)
    article = root.xpath('//article[@role="main"]')[0]
    for selector in (
        ".kb-metadata", ".kb-editorial-note", ".kb-placeholder-mark", ".kb-sic-mark",
        ".kb-language-switcher", "a.footnote-reference", "a.headerlink", "span.label",
        "span.backrefs", ".kb-editorial",
    ):
        for node in article.cssselect(selector):
            node.drop_tree()
    return re.sub(r"\s+", "", article.text_content())


def seed_fragments(name: str) -> list[tuple[str, bool]]:
    """Each line of a seed as it should read on the page, and whether it is a footnote.

    Layout breaks lines mid-sentence, so lines are compared, not sentences;
    comparing every line in order is at least as strict.
    """
    fragments = []
    for raw in (SEEDS / name).read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            continue
        footnote = bool(re.match(r"^[¹²³]\s", line))
        line = re.sub(r"^[¹²³]\s", "", line)
        line = re.sub(r"^-\s+", "", line)
        line = re.sub(r"\[([^\]]*)\]\(#\)", r"\1", line)  # placeholder links keep their text
        line = re.sub(r"\^\{[\d,]+\}|[¹²³]", "", line)  # footnote marks
        line = re.sub(r"\s+", "", line)
        if line:
            fragments.append((line, footnote))
    return fragments


@pytest.mark.parametrize(("seed", "docnames"), [
    ("cl-20-20.txt", ["documents/cl-20-20", "documents/cl-20-20-annex-1"]),
    ("wtisd-21.txt", ["documents/wtisd-21"]),
])
def test_every_source_line_is_on_the_chinese_pages_in_order(
    site: Path, seed: str, docnames: list[str]
) -> None:
    text = "".join(article_text(site / "zh_CN" / f"{d}.html") for d in docnames)
    position = 0
    for fragment, is_footnote in seed_fragments(seed):
        found = text.find(fragment, 0 if is_footnote else position)
        assert found >= 0, f"source line missing or out of order: {fragment!r}"
        if not is_footnote:
            position = found + len(fragment)


def field_values(path: Path) -> dict[str, str]:
    root = parse(path)
    block = root.cssselect(".kb-metadata")[0]
    names = [dt.text_content().strip().rstrip(":：") for dt in block.cssselect("dt")]
    values = [re.sub(r"\s+", " ", dd.text_content()).strip() for dd in block.cssselect("dd")]
    return dict(zip(names, values, strict=True))


def test_metadata_block_in_both_languages(site: Path) -> None:
    zh = field_values(site / "zh_CN/documents/cl-20-20.html")
    assert zh["文号"] == "CL-20/20"
    assert zh["类型"] == "通函"
    assert zh["日期"] == "2020年4月27日"
    assert zh["地点"] == "日内瓦"
    assert "各国常驻日内瓦代表团" in zh["致"]
    assert zh["版本"] == "1.0"
    en = field_values(site / "en/documents/cl-20-20.html")
    assert en["Symbol"] == "CL-20/20"
    assert en["Kind"] == "Circular letter"
    assert en["Date"] == "27 April 2020"
    assert en["Place"] == "Geneva"
    assert "Permanent missions in Geneva" in en["Addressed to"]
    assert en["Source language"] == "Chinese"
    annex = field_values(site / "en/documents/cl-20-20-annex-1.html")
    assert annex["Date"] == "23 April 2020"
    assert annex["Kind"] == "Joint statement"


def test_switcher_and_hreflang_resolve_to_the_twin_page(site: Path) -> None:
    for language, other in (("zh_CN", "en"), ("en", "zh_CN")):
        for page in pages(site, language):
            if page == site / language / "404.html":
                continue  # links by absolute path, served at any URL: tests/test_publishing.py
            root = parse(page)
            # one switcher in the header of each layout (desktop, phone), the same link
            switch = root.cssselect("nav.kb-switcher-content a.kb-switch-link")
            assert len(switch) == 1, page
            assert [a.get("href") for a in root.cssselect(
                "nav.kb-switcher-header a.kb-switch-link")] == [switch[0].get("href")], page
            target = (page.parent / switch[0].get("href")).resolve()
            assert target == (site / other / page.relative_to(site / language)).resolve()
            alternates = {link.get("hreflang"): link.get("href")
                          for link in root.xpath('//head/link[@rel="alternate"][@hreflang]')}
            assert set(alternates) == {"zh-CN", "en", "x-default"}, page
            for href in alternates.values():
                assert (page.parent / href).resolve().is_file(), (page, href)
            expected_lang = "zh-CN" if language == "zh_CN" else "en"
            assert root.get("lang") == expected_lang


def test_anchors_are_explicit_ascii_and_equal_across_languages(site: Path) -> None:
    for zh_page in pages(site, "zh_CN"):
        en_page = site / "en" / zh_page.relative_to(site / "zh_CN")
        zh_ids = {e.get("id") for e in parse(zh_page).xpath('//article//*[@id]')}
        en_ids = {e.get("id") for e in parse(en_page).xpath('//article//*[@id]')}
        assert zh_ids == en_ids, zh_page
        for anchor in zh_ids:
            assert anchor.isascii(), (zh_page, anchor)
            assert not re.fullmatch(r"id\d+", anchor), (zh_page, anchor)


def test_english_pages_have_no_untranslated_chinese(site: Path) -> None:
    for page in pages(site, "en"):
        root = parse(page)
        for node in root.xpath('//script|//style|//*[@lang and not(starts-with(@lang, "en"))]'):
            node.drop_tree()
        leftovers = CJK.findall(root.text_content())
        for element in root.iter():
            for attribute in ("aria-label", "title", "placeholder", "alt"):
                leftovers += CJK.findall(element.get(attribute) or "")
        assert not leftovers, f"{page}: untranslated Chinese {''.join(leftovers)[:40]!r}"


def test_chinese_pages_speak_chinese_throughout(site: Path) -> None:
    for page in pages(site, "zh_CN"):
        root = parse(page)
        # text marked as English (the English column of a parallel text) is meant
        for english in root.xpath('//body//*[@lang and starts-with(@lang, "en")]'):
            english.drop_tree()
        source = html.tostring(root, encoding="unicode")
        for phrase in ENGLISH_CHROME:
            assert phrase not in source, f"{page}: English interface text {phrase!r}"
        assert "<title>" in source and "国际电联文献知识库" in source


def test_no_placeholder_links_in_content(site: Path) -> None:
    for language in ("zh_CN", "en"):
        for page in pages(site, language):
            for link in parse(page).xpath('//article//a[@href]'):
                href = link.get("href").strip()
                assert href not in ("", "#") and not href.startswith("javascript:"), (
                    f"{page}: placeholder link on {link.text_content()!r}")


def test_source_oddities_are_visible(site: Path) -> None:
    zh = parse(site / "zh_CN/documents/wtisd-21.html")
    marks = [m.text_content() for m in zh.cssselect(".kb-placeholder-mark")]
    assert len(marks) == 4 and all("占位" in m for m in marks)
    assert zh.cssselect(".kb-sic")[0].text_content().startswith("and")
    notes = " ".join(n.text_content() for n in zh.cssselect(".kb-editorial-note"))
    for oddity in ("占位符", "and", "附件2", "没有内容"):
        assert oddity in notes
    footnote_3 = zh.xpath('//*[@id="footnote-3"]')[0].text_content()
    assert "脚注3" in footnote_3
    annex = parse(site / "en/documents/cl-20-20-annex-1.html")
    assert "数字电信展" in " ".join(
        n.text_content() for n in annex.cssselect(".kb-editorial-note"))


def test_cited_objects_are_linked(site: Path) -> None:
    wtisd = parse(site / "en/documents/wtisd-21.html")
    hrefs = {link.get("href") for link in wtisd.xpath("//article//a[@href]")}
    for target in ("connect-2030-target-1-4", "connect-2030-target-5-1",
                   "res-200-rev-dubai-2018", "wsis-forum-2021"):
        assert any(h.endswith(f"#{target}") for h in hrefs), target
    letter = parse(site / "en/documents/cl-20-20.html")
    hrefs = {link.get("href") for link in letter.xpath("//article//a[@href]")}
    assert "../events/itu-digital-world.html#itu-digital-world-2021" in hrefs
    assert "cl-20-20-annex-1.html" in hrefs


def test_document_list_by_date(site: Path) -> None:
    for language, first in (("zh_CN", "2021年5月17日"), ("en", "17 May 2021")):
        listing = parse(site / language / "documents/index.html")
        entries = [li.text_content() for li in listing.cssselect("ul.kb-document-list li")]
        assert len(entries) == 3
        assert entries[0].startswith(first)
        assert "CL-20/20" in entries[2] or "CL-20/20" in entries[1]


def test_root_index_lists_both_languages(site: Path) -> None:
    root = parse(site / "index.html")
    links = {a.get("href") for a in root.xpath("//main//a")}
    assert links == {"zh_CN/index.html", "en/index.html"}
    for href in links:
        assert (site / href).is_file()


def search_terms(site: Path, language: str) -> dict[str, object]:
    script = (site / language / "searchindex.js").read_text(encoding="utf-8")
    payload = script[script.index("(") + 1:script.rindex(")")]
    return json.loads(payload)["terms"]


def test_search_index_is_segmented(site: Path) -> None:
    zh = search_terms(site, "zh_CN")
    for term in ("数字化转型", "转型", "连通目标2030议程", "国际电联"):
        assert term in zh, term
    wtisd = search_terms(site, "zh_CN")["数字化转型"]
    docnames = json.loads(
        (site / "zh_CN/searchindex.js").read_text(encoding="utf-8").split("(", 1)[1]
        .rsplit(")", 1)[0])["docnames"]
    hits = [wtisd] if isinstance(wtisd, int) else wtisd
    assert "documents/wtisd-21" in {docnames[i] for i in hits}
    en = search_terms(site, "en")
    for stem in ("digit", "transform"):
        assert stem in en, stem


def test_catalogs_are_complete() -> None:
    catalogs = sorted((REPO / "locale/en/LC_MESSAGES").rglob("*.po"))
    assert catalogs
    for catalog in catalogs:
        po = polib.pofile(str(catalog))
        assert not po.untranslated_entries(), catalog
        assert not po.fuzzy_entries(), catalog
    documents = {p.relative_to(REPO / "docs").with_suffix("")
                 for p in (REPO / "docs").rglob("*.md") if "_root" not in p.parts}
    covered = {c.relative_to(REPO / "locale/en/LC_MESSAGES").with_suffix("") for c in catalogs}
    assert documents <= covered, documents - covered


def test_backlinks_in_both_languages(site: Path) -> None:
    for language, date in (("zh_CN", "2021年5月17日"), ("en", "17 May 2021")):
        page = parse(site / language / "agenda/connect-2030.html")
        box = page.xpath('//section[@id="connect-2030-target-3-5"]'
                         '/div[contains(@class, "kb-backlinks")]')[0]
        assert date in box.text_content()
        hrefs = [a.get("href") for a in box.xpath('.//p[contains(@class, "kb-quote")]/a')]
        assert hrefs == ["../documents/wtisd-21.html#wtisd-21-call-member-states-cite-1"]
        target = parse(site / language / "documents/wtisd-21.html")
        assert target.xpath('//p[@id="wtisd-21-call-member-states-cite-1"]')


def test_generated_link_text_is_in_the_page_language(site: Path) -> None:
    for language, text in (("zh_CN", "第200号决议（2018年，迪拜，修订版）"),
                           ("en", "Resolution 200 (Rev. Dubai, 2018)")):
        page = parse(site / language / "agenda/connect-2030.html")
        names = [a.text_content() for a in page.xpath("//article//p//a")]
        assert text in names, names
        cites = [a.text_content() for a in
                 parse(site / language / "documents/wtisd-21.html").cssselect(".kb-cites a")]
        assert ("具体目标3.5" if language == "zh_CN" else "Target 3.5") in cites


def test_export_in_both_languages(site: Path) -> None:
    for language, title in (("zh_CN", "具体目标3.5"), ("en", "Target 3.5")):
        export = json.loads((site / language / "kb.json").read_text(encoding="utf-8"))
        assert export["language"] == language
        target = next(o for o in export["objects"] if o["id"] == "res-200-2018:3.5")
        assert target["title"] == title
        assert target["cited_by"] == [{
            "id": "wtisd-21",
            "url": "documents/wtisd-21.html#wtisd-21-call-member-states-cite-1"}]
        wtisd = next(d for d in export["documents"] if d["id"] == "wtisd-21")
        assert {c["id"] for c in wtisd["cites"]} >= {
            "res-200-2018", "connect-2030", "res-200-2018:1.4", "wsis-forum-2021"}
