"""The built bilingual site, as a reader gets it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import polib
import pytest
from kbcontent import BARE_ROLE, ROLE_WITH_ID, by_date, documents, translated
from kbcontent import pages as pages_of_docs
from kbwords import kind_name, label, source_language_name
from lxml import html
from pagefind_bundle import fragments

from itukb.build.search import NOT_INDEXED
from itukb.pages.siteurls import hreflang

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
    """Every document's block says what its front matter says, in each language."""
    for document in documents():
        meta = document.meta
        zh = field_values(site / "zh_CN" / f"{document.docname}.html")
        en = field_values(site / "en" / f"{document.docname}.html")
        if meta.symbol:
            assert zh["文号"] == en["Symbol"] == meta.symbol
        assert zh["类型"] == kind_name(meta.kind, "zh_CN")
        assert en["Kind"] == kind_name(meta.kind, "en")
        assert zh["日期"] == document.date_in("zh_CN")
        assert en["Date"] == document.date_in("en")
        assert zh["地点"] == meta.place
        assert en["Place"] == translated(meta.place)
        for addressee in meta.addressees:
            assert addressee in zh["致"]
            assert translated(addressee) in en["Addressed to"]
        assert zh["版本"] == en["Version"] == meta.version
        assert en["Source language"] == source_language_name(meta.language, "en")


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
    """Every {placeholder}, {sic} and editorial note of a page is marked on it."""
    for page in pages_of_docs():
        source = page.read_text(encoding="utf-8")
        docname = page.relative_to(REPO / "docs").with_suffix("").as_posix()
        for language in ("zh_CN", "en"):
            root = parse(site / language / f"{docname}.html")
            assert len(root.cssselect(".kb-placeholder-mark")) == source.count("{placeholder}`")
            assert len(root.cssselect(".kb-sic")) == source.count("{sic}`")
            assert len(root.cssselect(".kb-editorial-note")) == source.count(
                ":::{editorial-note}")


def test_cited_objects_are_linked(site: Path) -> None:
    """Every object a document names is cited, and its page links to it, in both languages."""
    for language in ("zh_CN", "en"):
        export = json.loads((site / language / "kb.json").read_text(encoding="utf-8"))
        exported = {d["id"]: d for d in export["documents"]}
        objects = {o["id"] for o in export["objects"]}
        for document in documents():
            cites = exported[document.meta.id]["cites"]
            named = {m.group(3).strip() for m in ROLE_WITH_ID.finditer(document.source)
                     if m.group(1) in ("event", "agenda")}
            named |= {m.group(2).strip() for m in BARE_ROLE.finditer(document.source)
                      if m.group(1) in ("event", "agenda")}
            assert named <= {c["id"] for c in cites} & objects, document.docname
            page = site / language / f"{document.docname}.html"
            hrefs = {(page.parent / a.get("href")).resolve()
                     for a in parse(page).xpath("//article//a[@href]")}
            for cite in cites:
                url = cite["url"].partition("#")[0]
                assert (site / language / url).resolve() in {
                    Path(str(h).split("#")[0]) for h in hrefs}, (document.docname, cite)


def test_document_list_by_date(site: Path) -> None:
    """Every document is listed once, newest first."""
    expected = by_date()
    for language in ("zh_CN", "en"):
        listing = parse(site / language / "documents/index.html")
        entries = listing.cssselect("ul.kb-document-list li")
        assert len(entries) == len(expected)
        for entry, document in zip(entries, expected, strict=True):
            assert entry.text_content().startswith(document.date_in(language))
            hrefs = [a.get("href") for a in entry.xpath(".//a[@href]")]
            assert any(h.split("#")[0].endswith(f"{document.docname.split('/')[-1]}.html")
                       for h in hrefs), (entry.text_content(), hrefs)


def test_root_index_lists_both_languages(site: Path) -> None:
    root = parse(site / "index.html")
    links = {a.get("href") for a in root.xpath("//main//a")}
    assert links == {"zh_CN/index.html", "en/index.html"}
    for href in links:
        assert (site / href).is_file()


def test_search_index_holds_every_source_page_once_in_its_language(site: Path) -> None:
    """Each language's Pagefind index has the pages built from sources, in that language."""
    expected = {f"/{path.relative_to(REPO / 'docs').with_suffix('.html').as_posix()}"
                for path in (REPO / "docs").rglob("*.md") if "_root" not in path.parts}
    expected -= {f"/{name}.html" for name in NOT_INDEXED}
    for language in ("zh_CN", "en"):
        entry = json.loads((site / language / "pagefind/pagefind-entry.json").read_text())
        assert list(entry["languages"]) == [hreflang(language).lower()]
        indexed = fragments(site / language)
        assert set(indexed) == expected, language
        for url, fragment in indexed.items():
            title = parse(site / language / url.lstrip("/")).xpath("string(//h1)").rstrip("¶")
            assert fragment["meta"]["title"] == title.strip(), url


def test_chinese_search_index_is_segmented_into_words(site: Path) -> None:
    """The extended binary splits Chinese into words: a sentence is not one long word."""
    words_per_page = [fragment["word_count"] for fragment in fragments(site / "zh_CN").values()]
    characters = [len(fragment["content"]) for fragment in fragments(site / "zh_CN").values()]
    # unsegmented, a page of Chinese prose is a handful of "words" each a sentence long
    assert sum(words_per_page) * 4 > sum(characters)


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
    """Every citation is backlinked under the object cited: a line of the citing
    paragraph quoted, linking to it."""
    for language in ("zh_CN", "en"):
        export = json.loads((site / language / "kb.json").read_text(encoding="utf-8"))
        dates = {d.meta.id: d.date_in(language) for d in documents()}
        checked = 0
        for obj in export["objects"]:
            if not obj["cited_by"]:
                continue
            page_url, _, anchor = obj["url"].partition("#")
            page = site / language / page_url
            section = parse(page).xpath(f'//*[@id="{anchor}"]')[0]
            box = section.xpath('./div[contains(@class, "kb-backlinks")]')[0]
            hrefs = {(page.parent / a.get("href").partition("#")[0]).resolve().as_posix()
                     + "#" + a.get("href").partition("#")[2]
                     for a in box.xpath('.//p[contains(@class, "kb-quote")]/a')}
            for citation in obj["cited_by"]:
                url, _, paragraph = citation["url"].partition("#")
                assert f"{(site / language / url).resolve().as_posix()}#{paragraph}" in hrefs
                assert dates[citation["id"]] in box.text_content()
                assert parse(site / language / url).xpath(f'//*[@id="{paragraph}"]')
                checked += 1
        cited = sum(len(ROLE_WITH_ID.findall(d.source)) + len(BARE_ROLE.findall(d.source))
                    for d in documents())
        assert checked >= min(cited, 1)


def test_generated_link_text_is_in_the_page_language(site: Path) -> None:
    """A bare {target}`x` reads "具体目标x" / "Target x" in the cited list of its page."""
    seen = 0
    for document in documents():
        numbers = {m.group(2).split("@")[0].strip() for m in BARE_ROLE.finditer(document.source)
                   if m.group(1) == "target"}
        for language in ("zh_CN", "en"):
            cites = [a.text_content() for a in parse(
                site / language / f"{document.docname}.html").cssselect(".kb-cites a")]
            for number in numbers:
                assert label("target_ref", language).format(number=number) in cites
                seen += 1
    # and every cited object is named with its title in the page's language
    for language in ("zh_CN", "en"):
        export = json.loads((site / language / "kb.json").read_text(encoding="utf-8"))
        titles = {o["id"]: o["title"] for o in export["objects"]}
        for document in export["documents"]:
            cites = [a.text_content() for a in parse(
                site / language / document["url"]).cssselect(".kb-cites a")]
            for cite in document["cites"]:
                if cite["id"] in titles:
                    assert titles[cite["id"]] in cites, (document["id"], cite)


def test_export_in_both_languages(site: Path) -> None:
    """kb.json holds every document and its citations both ways."""
    for language in ("zh_CN", "en"):
        export = json.loads((site / language / "kb.json").read_text(encoding="utf-8"))
        assert export["language"] == language
        assert {d["id"] for d in export["documents"]} == {d.meta.id for d in documents()}
        cites = {(d["id"], c["id"]) for d in export["documents"] for c in d["cites"]}
        cited_by = {(c["id"], o["id"]) for o in [*export["objects"], *export["documents"]]
                    for c in o["cited_by"]}
        assert cites <= cited_by  # every citation is known to the object cited
        for document in export["documents"]:
            source = next(d for d in documents() if d.meta.id == document["id"])
            assert document["title"] == (source.meta.title if language == "zh_CN"
                                         else translated(source.meta.title))
