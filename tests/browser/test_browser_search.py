"""Search, typed into the sidebar box the way a reader does, in each language."""

from __future__ import annotations

import pytest
from kb_browser import Traffic, site_path
from playwright.sync_api import Error, Page

pytestmark = pytest.mark.browser

WTISD = "documents/wtisd-21.html"
CONNECT_2030 = "agenda/connect-2030.html"
TARGET_3_5 = f"{CONNECT_2030}#connect-2030-target-3-5"


def search(page: Page, traffic: Traffic, language: str, query: str) -> list[str]:
    """Type ``query`` into the search box of the home page; return the result links.

    Each link is given as a site path such as ``en/agenda/connect-2030.html#x``.
    """
    page.goto(f"{language}/index.html")
    box = page.locator("form[role=search] input[name=q]")
    box.fill(query)
    with page.expect_navigation():
        box.press("Enter")
    try:
        # searchtools.js writes the summary ("found N pages") when it has finished
        page.wait_for_function(
            "() => document.querySelector('#search-results .search-summary')"
            "?.textContent.trim()", timeout=10_000)
    except Error:
        pytest.fail(f"search for {query!r} never finished: {traffic.problems()}")
    hrefs = page.locator("#search-results ul.search li a").evaluate_all(
        "links => links.map(a => a.href)")
    return [site_path(href, traffic.origin) for href in hrefs]


@pytest.mark.parametrize(("language", "query", "expected"), [
    ("zh_CN", "数字化转型", WTISD),
    ("en", "digital transformation", WTISD),
    # readers name targets by number, with or without the word for "target"
    ("en", "Target 3.5", TARGET_3_5),
    ("en", "3.5", TARGET_3_5),
    ("zh_CN", "具体目标3.5", TARGET_3_5),
    ("zh_CN", "3.5", TARGET_3_5),
])
def test_search_lists_the_page(
    page: Page, traffic: Traffic, language: str, query: str, expected: str
) -> None:
    results = search(page, traffic, language, query)
    assert f"{language}/{expected}" in results, results
