"""How the pages look: no sideways scrolling on a phone, and screenshots to look at."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from kb_browser import DESKTOP, PHONE
from kbcontent import cited_target, newest_document
from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

LANGUAGES = ("zh_CN", "en")
#: a home page, a document and an object that documents cite
_CITED = cited_target()
PAGES = {"home": "index.html", "document": f"{newest_document().docname}.html",
         "object": _CITED[2].split("#")[0] if _CITED else "kb-objects.html"}


@pytest.fixture
def phone(browser: Browser, base_url: str) -> Iterator[Page]:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True,
                                  device_scale_factor=2, base_url=base_url + "/")
    yield context.new_page()
    context.close()


#: Everything that reaches past the right edge of the screen.  Checking the
#: page's scrollWidth alone is not enough with furo: it hides overflow on
#: <html> and lets its .content box scroll sideways instead, so a wide element
#: moves the article under the reader's thumb without widening the page.
#: Furo's closed drawers sit off-screen on purpose, and code blocks and
#: table wrappers are meant to scroll on their own; those are left out.
STICKING_OUT = """() => {
    const width = document.documentElement.clientWidth;
    const allowed = '.sidebar-drawer, .toc-drawer, pre, .highlight, .table-wrapper';
    return [...document.querySelectorAll('body *')]
        .filter(el => !el.closest(allowed))
        .filter(el => {
            const box = el.getBoundingClientRect();
            return box.width > 0 && box.height > 0 && box.right > width + 1;
        })
        .map(el => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}`
                   + `${[...el.classList].map(c => '.' + c).join('')}`
                   + ` reaches ${Math.round(el.getBoundingClientRect().right)}px`)
        .slice(0, 10);
}"""


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", PAGES)
def test_phone_needs_no_horizontal_scrolling(
    phone: Page, screenshots: Path, language: str, kind: str
) -> None:
    phone.goto(f"{language}/{PAGES[kind]}")
    phone.screenshot(path=screenshots / f"phone-{language}-{kind}.png", full_page=True)
    root = phone.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert root[0] <= root[1], f"the page is {root[0]}px wide on a {root[1]}px screen"
    assert phone.evaluate(STICKING_OUT) == []


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", ["home", "document"])
def test_desktop_screenshot_shows_title_and_switcher(
    page: Page, screenshots: Path, language: str, kind: str
) -> None:
    page.goto(f"{language}/{PAGES[kind]}")
    page.screenshot(path=screenshots / f"desktop-{language}-{kind}.png", full_page=True)
    assert page.locator("article h1").first.is_visible()
    assert page.locator("nav.kb-switcher-content a.kb-switch-link").is_visible()
    title_box = page.locator("article h1").first.bounding_box()
    assert title_box is not None and title_box["y"] < DESKTOP["height"]
