"""What the reading tests share: the site's pages as ``kb.json`` describes them, a phone."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from kb_browser import PHONE
from playwright.sync_api import Browser, BrowserContext, Page

LANGUAGES = ("zh_CN", "en")
OTHER = {"zh_CN": "en", "en": "zh_CN"}


def export(site: Path, language: str) -> dict:
    return json.loads((site / language / "kb.json").read_text(encoding="utf-8"))


def first_document(site: Path, language: str) -> dict:
    """The document citing the most objects (ties: by id), the richest page to read."""
    return max(export(site, language)["documents"],
               key=lambda d: (len(d.get("cites", [])), d["id"]))


def resolution_page(site: Path, language: str) -> str:
    """The page of a resolution that has revisions."""
    objects = export(site, language)["objects"]
    with_revisions = {o["metadata"]["resolution"] for o in objects if o["kind"] == "revision"}
    resolution = next(o for o in objects if o["kind"] == "resolution"
                      and o["id"] in with_revisions)
    return resolution["url"].partition("#")[0]


# named through ``name=``: the test modules import them as ``*_fixture`` so
# that their own parameters ``phone`` do not shadow an imported name
@pytest.fixture(name="phone_context")
def phone_context_fixture(browser: Browser, base_url: str) -> Iterator[BrowserContext]:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True,
                                  device_scale_factor=2, base_url=base_url + "/")
    yield context
    context.close()


@pytest.fixture(name="phone")
def phone_fixture(phone_context: BrowserContext) -> Page:
    return phone_context.new_page()


def reader(kind: str, page: Page, phone: Page) -> Page:
    return phone if kind == "phone" else page
