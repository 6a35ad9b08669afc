"""Searching the built site as a reader does, and reading the results off the page.

A search is typed into furo's sidebar box of a page and submitted with
Enter; the search page (``itukb-search.js``) sets ``data-state="done"`` on
its root once the results and filters are written.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from kb_browser import Traffic, site_path
from playwright.sync_api import Error, Page


@dataclass
class Result:
    """One result as shown: site paths (``en/a.html#x``) and the text a reader sees."""

    page: str
    title: str
    info: str
    excerpt: str
    sections: list[str] = field(default_factory=list)
    section_texts: list[str] = field(default_factory=list)

    def texts(self) -> list[str]:
        return [self.title, self.info, self.excerpt, *self.section_texts]


def wait_for_results(page: Page, traffic: Traffic, what: str) -> None:
    try:
        page.wait_for_selector("#kb-search[data-state=done]", timeout=15_000)
    except Error:
        pytest.fail(f"search {what} never finished: {traffic.problems()}")


def read_results(page: Page, traffic: Traffic) -> list[Result]:
    raw: list[dict[str, Any]] = page.evaluate("""() =>
        [...document.querySelectorAll('#kb-search-results > li')].map(li => ({
            href: li.querySelector('.kb-search-title').href,
            title: li.querySelector('.kb-search-title').textContent,
            info: li.querySelector('.kb-search-info')?.textContent ?? '',
            excerpt: li.querySelector(':scope > .kb-search-excerpt').textContent,
            sections: [...li.querySelectorAll('.kb-search-sections > li > a')].map(a => a.href),
            sectionTexts: [...li.querySelectorAll('.kb-search-sections > li')]
                .map(s => s.textContent),
        }))""")
    return [Result(site_path(r["href"], traffic.origin), r["title"], r["info"], r["excerpt"],
                   [site_path(s, traffic.origin) for s in r["sections"]], r["sectionTexts"])
            for r in raw]


def search(page: Page, traffic: Traffic, language: str, query: str) -> list[Result]:
    """Type ``query`` into the sidebar search box of the home page; return the results."""
    page.goto(f"{language}/index.html")
    box = page.locator("form[role=search] input[name=q]")
    box.fill(query)
    with page.expect_navigation():
        box.press("Enter")
    wait_for_results(page, traffic, repr(query))
    return read_results(page, traffic)


def knowledge_base(site: Path, language: str) -> dict[str, Any]:
    """The built ``kb.json`` of ``language``: what the expectations are derived from."""
    return json.loads((site / language / "kb.json").read_text(encoding="utf-8"))
