"""Moving around as a reader does: the language switcher, cross-references, backlinks."""

from __future__ import annotations

import pytest
from kb_browser import Traffic, element_in_view, site_path
from kbcontent import cited_target, labelled_heading
from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

OTHER = {"zh_CN": "en", "en": "zh_CN"}
HTML_LANG = {"zh_CN": "zh-CN", "en": "en"}
#: a document citing a target, the target's number and its page#anchor
CITED = cited_target()


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_switcher_lands_on_the_same_anchor_in_the_other_language(
    page: Page, base_url: str, language: str
) -> None:
    document, anchor = labelled_heading()
    page.goto(f"{language}/{document}#{anchor}")
    with page.expect_navigation():
        page.locator("nav.kb-switcher-content a.kb-switch-link").click()
    other = OTHER[language]
    assert site_path(page.url, base_url) == f"{other}/{document}#{anchor}"
    assert page.locator("html").get_attribute("lang") == HTML_LANG[other]
    assert element_in_view(page, anchor)


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_cross_reference_to_a_target_lands_on_it(
    page: Page, base_url: str, language: str
) -> None:
    if CITED is None:
        pytest.skip("no document cites a target")
    document, _, target = CITED
    target_page, anchor = target.split("#")
    page.goto(f"{language}/{document}")
    link = page.locator(f'article a[href$="#{anchor}"]').first
    with page.expect_navigation():
        link.click()
    assert site_path(page.url, base_url) == f"{language}/{target_page}#{anchor}"
    assert page.evaluate("document.querySelector(':target')?.id") == anchor
    assert element_in_view(page, anchor)


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_backlinks_land_on_the_citing_passage(
    page: Page, base_url: str, language: str
) -> None:
    if CITED is None:
        pytest.skip("no document cites a target")
    object_page = f"{language}/{CITED[2].split('#')[0]}"
    page.goto(object_page)
    hrefs = page.locator(".kb-backlinks a[href]").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))")
    if not hrefs:
        pytest.skip(f"no .kb-backlinks links on {object_page} yet "
                    "(the generated backlink lists are still being added)")
    for href in dict.fromkeys(hrefs):
        page.goto(object_page)
        link = page.locator(f'.kb-backlinks a[href="{href}"]').first
        target = link.evaluate("a => a.href")
        with page.expect_navigation():
            link.click()
        assert site_path(page.url, base_url) == site_path(target, base_url)
        fragment = target.partition("#")[2]
        if fragment:
            assert element_in_view(page, fragment), f"{target} is not scrolled into view"


def test_language_chooser_follows_the_browser_preference(
    browser: Browser, base_url: str
) -> None:
    context = browser.new_context(locale="zh-CN", base_url=base_url + "/")
    try:
        page = context.new_page()
        page.goto("index.html")
        page.wait_for_url("**/zh_CN/index.html")
        assert page.locator("html").get_attribute("lang") == "zh-CN"
    finally:
        context.close()


def test_language_chooser_without_a_preference_lists_both(
    chooser: tuple[Page, Traffic], base_url: str
) -> None:
    """A reader whose browser prefers neither language picks one by hand."""
    page, _ = chooser
    assert site_path(page.url, base_url) == "index.html"
    with page.expect_navigation():
        page.get_by_role("link", name="English").click()
    assert site_path(page.url, base_url) == "en/index.html"
