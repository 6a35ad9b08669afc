"""Every page loads cleanly from the site alone: no console error, nothing fetched elsewhere.

Fonts, scripts and styles must be served with the site, so that it works
offline and tells no third party who reads what.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from kb_browser import Traffic
from playwright.sync_api import Error, Page

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_every_page_loads_without_errors_or_outside_requests(
    page: Page, traffic: Traffic, site: Path, language: str
) -> None:
    paths = sorted(p.relative_to(site).as_posix() for p in (site / language).rglob("*.html"))
    assert len(paths) > 5, paths
    for path in paths:
        page.goto(path)
    page.goto(f"{language}/search.html?q=ITU", wait_until="networkidle")
    try:
        page.wait_for_selector("#kb-search[data-state=done]", timeout=10_000)
    except Error:
        traffic.errors.append(f"{language}/search.html?q=ITU: the search never finished")
    assert not traffic.problems(), "\n".join(traffic.problems())


def test_language_chooser_loads_without_errors_or_outside_requests(
    chooser: tuple[Page, Traffic],
) -> None:
    page, traffic = chooser
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("link").count() == 2
    assert not traffic.problems(), "\n".join(traffic.problems())
