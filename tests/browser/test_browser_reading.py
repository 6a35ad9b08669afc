"""Reading as a reader does: the switcher, object pages, parallel text.

Each point in both languages, on a desktop and on a phone; axe-core on the
new pages; screenshots of them written for people to look at.  Pages and
anchors are taken from the built site's ``kb.json``, not hard-coded.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from kb_browser import site_path
from playwright.sync_api import Page
from reading_pages import (  # noqa: F401  (the fixtures: imported to be found)
    LANGUAGES,
    OTHER,
    export,
    first_document,
    phone_context_fixture,
    phone_fixture,
    reader,
    resolution_page,
)
from test_browser_accessibility import BLOCKING, violations

pytestmark = pytest.mark.browser

NAMES = {"zh_CN": "中文", "en": "English"}


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
