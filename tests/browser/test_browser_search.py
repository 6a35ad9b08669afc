"""Search, typed into the sidebar box the way a reader does, in each language."""

from __future__ import annotations

import pytest
from kb_browser import Traffic, site_path
from kbcontent import cited_target, searched_term
from playwright.sync_api import Error, Page

pytestmark = pytest.mark.browser

TERM = searched_term()
CITED = cited_target()


def queries() -> list:
    """Searches a reader makes, with the page each must list, taken from the content."""
    found = []
    if TERM:
        chinese, english, document = TERM
        found += [pytest.param("zh_CN", chinese, document, id="zh_CN-term"),
                  pytest.param("en", english, document, id="en-term")]
    if CITED:
        # readers name targets by number, with or without the word for "target"
        _, number, target = CITED
        found += [pytest.param("en", f"Target {number}", target, id="en-target-word"),
                  pytest.param("en", number, target, id="en-target-number"),
                  pytest.param("zh_CN", f"具体目标{number}", target, id="zh_CN-target-word"),
                  pytest.param("zh_CN", number, target, id="zh_CN-target-number")]
    return found or [pytest.param("en", "", "", marks=pytest.mark.skip(
        reason="no searched term or cited target in the knowledge base"))]


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


@pytest.mark.parametrize(("language", "query", "expected"), queries())
def test_search_lists_the_page(
    page: Page, traffic: Traffic, language: str, query: str, expected: str
) -> None:
    results = search(page, traffic, language, query)
    assert f"{language}/{expected}" in results, results


@pytest.mark.parametrize(("language", "other"), [("en", "zh_CN"), ("zh_CN", "en")])
def test_switching_language_on_the_search_page_keeps_the_query(
    page: Page, traffic: Traffic, language: str, other: str
) -> None:
    """The other language's search page runs the same words (and keeps the #fragment rule)."""
    page.goto(f"{language}/search.html?q=2030")
    with page.expect_navigation():
        page.locator("nav.kb-language-switcher a.kb-switch-link").first.click()
    assert site_path(page.url, traffic.origin) == f"{other}/search.html"
    assert page.url.split("?", 1)[1].startswith("q=2030")
    assert page.locator("form[role=search] input[name=q]").first.input_value() == "2030"
