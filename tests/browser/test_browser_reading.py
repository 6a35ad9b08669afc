"""Reading as a reader does: switcher, object pages, parallel text, citing, phones, print.

Each point in both languages, on a desktop and on a phone; axe-core on the
new pages; screenshots of them written for people to look at.  Pages and
anchors are taken from the built site's ``kb.json``, not hard-coded counts.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from kb_browser import PHONE, site_path
from playwright.sync_api import Browser, BrowserContext, Page
from pypdf import PdfReader
from test_browser_accessibility import BLOCKING, violations

pytestmark = pytest.mark.browser

LANGUAGES = ("zh_CN", "en")
OTHER = {"zh_CN": "en", "en": "zh_CN"}
NAMES = {"zh_CN": "中文", "en": "English"}


def export(site: Path, language: str) -> dict:
    return json.loads((site / language / "kb.json").read_text(encoding="utf-8"))


def first_document(site: Path, language: str) -> dict:
    documents = export(site, language)["documents"]
    return max(documents, key=lambda d: len(d.get("cites", [])) + len(d["id"]) * 0)


def resolution_page(site: Path, language: str) -> str:
    objects = export(site, language)["objects"]
    with_revisions = {o["metadata"]["resolution"] for o in objects if o["kind"] == "revision"}
    resolution = next(o for o in objects if o["kind"] == "resolution"
                      and o["id"] in with_revisions)
    return resolution["url"].partition("#")[0]


@pytest.fixture
def phone_context(browser: Browser, base_url: str) -> Iterator[BrowserContext]:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True,
                                  device_scale_factor=2, base_url=base_url + "/")
    yield context
    context.close()


@pytest.fixture
def phone(phone_context: BrowserContext) -> Page:
    return phone_context.new_page()


def reader(kind: str, page: Page, phone: Page) -> Page:
    return phone if kind == "phone" else page


# -- the switcher --------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["desktop", "phone"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_switcher_sits_beside_the_theme_toggle(
    page: Page, phone: Page, site: Path, language: str, kind: str
) -> None:
    reading = reader(kind, page, phone)
    reading.goto(f"{language}/index.html")
    header = ".content-icon-container" if kind == "desktop" else ".mobile-header .header-right"
    link = reading.locator(f"{header} a.kb-switch-link")
    assert link.is_visible()
    # named in its own language, so a reader of the other language recognises it
    assert link.inner_text().strip() == NAMES[OTHER[language]]
    assert link.get_attribute("lang") == ("zh-CN" if OTHER[language] == "zh_CN" else "en")
    toggle = reading.locator(f"{header} .theme-toggle").bounding_box()
    box = link.bounding_box()
    assert toggle is not None and box is not None
    assert abs((box["y"] + box["height"] / 2) - (toggle["y"] + toggle["height"] / 2)) < 12
    assert 0 < toggle["x"] - (box["x"] + box["width"]) < 40  # right beside it


@pytest.mark.parametrize("language", LANGUAGES)
def test_switcher_is_reached_by_keyboard_and_keeps_the_anchor(
    page: Page, site: Path, base_url: str, language: str
) -> None:
    document = first_document(site, language)
    anchor = next(c["url"].partition("#")[2] for o in export(site, language)["objects"]
                  for c in o["cited_by"] if c["url"].partition("#")[2])
    target = next(c["url"] for o in export(site, language)["objects"]
                  for c in o["cited_by"] if c["url"].endswith(anchor))
    page.goto(f"{language}/{target}")
    for _ in range(150):  # past the skip link and the sidebar
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('kb-switch-link')"):
            break
    else:
        pytest.fail("Tab never reached the language switcher")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/{OTHER[language]}/**")
    assert site_path(page.url, base_url) == f"{OTHER[language]}/{target}"
    assert document  # the site has documents to read


@pytest.mark.parametrize("language", LANGUAGES)
def test_switcher_keeps_the_search_query(page: Page, base_url: str, language: str) -> None:
    page.goto(f"{language}/search.html?q=ITU")
    page.locator(".content-icon-container a.kb-switch-link").click()
    page.wait_for_url(f"**/{OTHER[language]}/search.html**")
    assert "q=ITU" in page.url


# -- object pages ---------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["desktop", "phone"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_resolution_reads_status_text_timeline_cited_by(
    page: Page, phone: Page, site: Path, screenshots: Path, language: str, kind: str
) -> None:
    reading = reader(kind, page, phone)
    path = resolution_page(site, language)
    reading.goto(f"{language}/{path}")
    reading.screenshot(path=screenshots / f"{kind}-{language}-resolution.png", full_page=True)
    top = reading.locator("article section").first
    heading = top.locator("h1").bounding_box()
    text = top.locator(":scope > p").first.bounding_box()
    timeline = top.locator(":scope > .kb-timeline").bounding_box()
    cited = top.locator(":scope > .kb-backlinks")
    assert heading and text and timeline
    assert heading["y"] < text["y"] < timeline["y"]
    if cited.count():
        box = cited.bounding_box()
        assert box is not None and timeline["y"] < box["y"]
        assert cited.locator(".kb-quote a").first.is_visible()
    steps = top.locator(".kb-timeline-step")
    assert steps.count() >= 2 and steps.first.is_visible()
    for status in reading.locator(".kb-status").all():
        assert status.locator(".kb-status-label").is_visible()


# -- parallel text --------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["desktop", "phone"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_parallel_text_side_by_side_or_stacked(
    page: Page, phone: Page, site: Path, screenshots: Path, language: str, kind: str
) -> None:
    reading = reader(kind, page, phone)
    document = first_document(site, language)
    reading.goto(f"{language}/{document['url']}")
    reading.locator(".kb-parallel-link a").first.click()
    reading.wait_for_url("**/*.parallel.html")
    reading.screenshot(path=screenshots / f"{kind}-{language}-parallel.png", full_page=True)
    row = reading.locator(".kb-parallel-row.kb-state-translated[id]").first
    source = row.locator(".kb-parallel-source").bounding_box()
    target = row.locator(".kb-parallel-target").bounding_box()
    assert source and target
    if kind == "desktop":  # side by side
        assert abs(source["y"] - target["y"]) < 2 and source["x"] < target["x"]
    else:  # stacked, Chinese first
        assert target["y"] >= source["y"] + source["height"] - 1
    width = reading.evaluate("[document.documentElement.scrollWidth, innerWidth]")
    assert width[0] <= width[1]


# -- citing ---------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_paragraph_link_mark_copies_its_url(
    context: BrowserContext, page: Page, site: Path, base_url: str, language: str
) -> None:
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    document = first_document(site, language)
    page.goto(f"{language}/{document['url']}")
    paragraph = page.locator("article section p[id]").nth(1)
    mark = paragraph.locator("a.kb-para-link")
    assert float(mark.evaluate("m => getComputedStyle(m).opacity")) == 0
    paragraph.hover()
    page.wait_for_function("m => getComputedStyle(m).opacity === '1'", arg=mark.element_handle())
    mark.click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == f"{base_url}/{language}/{document['url']}#{paragraph.get_attribute('id')}"
    assert page.locator(".kb-copy-status").inner_text().strip()
    # and a keyboard reader sees it when it has the focus
    other = page.locator("article section p[id] a.kb-para-link").nth(2)
    other.focus()
    page.wait_for_function("m => getComputedStyle(m).opacity === '1'",
                           arg=other.element_handle())


@pytest.mark.parametrize("language", LANGUAGES)
def test_ready_citation_is_filled_and_copied(
    context: BrowserContext, page: Page, site: Path, base_url: str, language: str
) -> None:
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    document = first_document(site, language)
    page.goto(f"{language}/{document['url']}")
    block = page.locator("#cite-this-document div.highlight")
    text = block.locator("pre").inner_text()
    assert "[date]" not in text and "[URL]" not in text
    assert f"{base_url}/{language}/{document['url']}" in text
    assert document["metadata"]["version"] in text
    block.hover()
    block.locator("button.copybtn").click()
    assert page.evaluate("navigator.clipboard.readText()").strip() == text.strip()


# -- long words on phones ---------------------------------------------------------------

#: every word of the article that is split across lines, and the character before the split
SPLIT_WORDS = r"""() => {
    const splits = [];
    const walker = document.createTreeWalker(document.querySelector('article'),
                                             NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.parentElement.closest('pre, .kb-para-link')) continue;
        const text = node.nodeValue;
        const range = document.createRange();
        let top = null, wordStart = 0;
        for (let i = 0; i < text.length; i++) {
            if (/\s/.test(text[i])) { top = null; wordStart = i + 1; continue; }
            if (/[\u3000-\u9fff\uff00-\uffef]/.test(text[i])) { top = null; continue; }
            range.setStart(node, i); range.setEnd(node, i + 1);
            const rect = range.getBoundingClientRect();
            if (!rect.height) continue;
            if (top !== null && rect.top > top + 2 && i > wordStart) {
                splits.push([text.slice(wordStart, i + 8), text[i - 1]]);
            }
            top = rect.top;
        }
    }
    return splits;
}"""


@pytest.mark.parametrize("language", LANGUAGES)
def test_long_words_break_only_where_they_may(phone: Page, site: Path, language: str) -> None:
    pages = [resolution_page(site, language)] + [d["url"] for d in export(site, language)[
        "documents"]]
    for path in pages:
        phone.goto(f"{language}/{path}")
        bad = [(word, before) for word, before in phone.evaluate(SPLIT_WORDS)
               if before not in "/-‐–"]
        assert bad == [], (path, bad)
        if language == "en":
            hyphens = phone.evaluate(
                "getComputedStyle(document.querySelector('article p')).hyphens")
            assert hyphens == "auto"


# -- print ------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_document_prints_as_a_document(page: Page, site: Path, language: str) -> None:
    document = first_document(site, language)
    page.goto(f"{language}/{document['url']}")
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=False)))
    text = "\n".join(p.extract_text() or "" for p in pdf.pages)
    flat = "".join(text.split())
    title = "".join(page.locator("article h1").first.inner_text().split()).rstrip("¶#")
    assert title[:20] in flat
    # the metadata and the version box are kept
    assert "".join(page.locator(".kb-version-box strong").first.inner_text().split()) in flat
    assert "".join(page.locator(".kb-metadata dt").first.inner_text().split()) in flat
    # the sidebar, the search box and the switcher are not
    for chrome in (".sidebar-tree a", "#searchbox input, .sidebar-search"):
        for element in page.locator(chrome).all()[:3]:
            label = "".join((element.inner_text() or element.get_attribute("placeholder")
                             or "").split())
            if label and label not in "".join(page.locator("article").inner_text().split()):
                assert label not in flat, label
    switch = "".join(page.locator(".kb-switcher-content a").inner_text().split())
    assert switch not in flat
    # link targets are written out
    for link in (page.locator("article a.reference.external[href^='http']").first,
                 page.locator(".kb-version-box a[href*='changelog']").first):
        if link.count():
            assert "".join((link.get_attribute("href") or "").split())[:30] in flat
    # no heading is left alone at the bottom of a page
    page.emulate_media(media="print")
    orphaned = page.evaluate("""() => [...document.querySelectorAll('article h2, article h3')]
        .map(h => getComputedStyle(h).breakAfter)""")
    assert set(orphaned) <= {"avoid"}, orphaned


# -- accessibility of the new pages ---------------------------------------------------


@pytest.mark.parametrize("kind", ["desktop", "phone"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_new_pages_have_no_serious_violations(
    page: Page, phone: Page, site: Path, axe_source: str, language: str, kind: str
) -> None:
    reading = reader(kind, page, phone)
    document = first_document(site, language)
    parallel = document["url"].replace(".html", ".parallel.html")
    for path in (resolution_page(site, language), document["url"], parallel):
        reading.goto(f"{language}/{path}")
        found = [v for v in violations(reading, axe_source) if v["impact"] in BLOCKING]
        assert not found, (path, found)
