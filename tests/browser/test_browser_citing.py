"""Citing, phones and print, as a reader does: paragraph links, the ready citation,
long words on a narrow screen, a document printed to PDF.

Both languages; pages from the built site's ``kb.json``.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page
from pypdf import PdfReader
from reading_pages import (  # noqa: F401  (the fixtures: imported to be found)
    LANGUAGES,
    export,
    first_document,
    phone_context_fixture,
    phone_fixture,
    resolution_page,
)

pytestmark = pytest.mark.browser


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
