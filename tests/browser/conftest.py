"""Fixtures for the browser tests: the built site on 127.0.0.1, one Chromium per session.

Chromium is Debian's package, driven by Playwright without ``playwright
install``: no test downloads a browser.  Where Chromium or axe-core is
missing the tests that need it are skipped with the reason, so a machine
without them reports it instead of passing silently.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from kb_browser import CHROMIUM_FLAGS, DESKTOP, Traffic, serve, watch
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

REPO = Path(__file__).resolve().parents[2]
#: where ``make browser-test`` installs axe-core (npm), unless KB_AXE_JS says otherwise
AXE_DEFAULT = Path(".venv", "npm", "node_modules", "axe-core", "axe.min.js")
#: screenshots for people to look at; gitignored
ARTIFACTS = REPO / "test-artifacts"


def find_chromium() -> str | None:
    """KB_CHROMIUM if set, else Debian's ``chromium`` on PATH."""
    configured = os.environ.get("KB_CHROMIUM")
    if configured:
        return configured
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    """The session's built site, served on an ephemeral port of 127.0.0.1."""
    with serve(site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    executable = find_chromium()
    if executable is None:
        pytest.skip("Chromium not found: install Debian's chromium package "
                    "(.ci/run does) or point KB_CHROMIUM at a Chromium binary")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, args=list(CHROMIUM_FLAGS))
        yield browser
        browser.close()


@pytest.fixture
def context(browser: Browser, base_url: str) -> Iterator[BrowserContext]:
    """A fresh desktop-sized, English-preferring reader; see ``page`` and ``traffic``."""
    context = browser.new_context(viewport=DESKTOP, locale="en-US", base_url=base_url + "/")
    yield context
    context.close()


@pytest.fixture
def traffic(context: BrowserContext, base_url: str) -> Traffic:
    return watch(context, base_url)


@pytest.fixture
def page(context: BrowserContext, traffic: Traffic) -> Page:
    return context.new_page()


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core's script, installed at set-up time (never committed)."""
    path = Path(os.environ.get("KB_AXE_JS") or REPO / AXE_DEFAULT)
    if not path.is_file():
        pytest.skip(f"axe-core not found at {path}: `make test` and `make browser-test` "
                    "install it with npm (or set KB_AXE_JS)")
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def screenshots() -> Path:
    directory = Path(os.environ.get("KB_TEST_ARTIFACTS") or ARTIFACTS) / "screenshots"
    directory.mkdir(parents=True, exist_ok=True)
    return directory


@pytest.fixture
def chooser(browser: Browser, base_url: str) -> Iterator[tuple[Page, Traffic]]:
    """The root page as a browser preferring neither language sees it (no redirect)."""
    context = browser.new_context(viewport=DESKTOP, locale="fr-FR", base_url=base_url + "/")
    traffic = watch(context, base_url)
    page = context.new_page()
    page.goto("index.html")
    yield page, traffic
    context.close()
