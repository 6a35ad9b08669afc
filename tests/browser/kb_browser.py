"""Helpers for the browser tests: a local web server and a record of what a page did.

The site is served over HTTP on 127.0.0.1 rather than opened as ``file://``
because that is how readers get it: search fetches its index (Pagefind) by URL,
and a request that leaves the machine is only visible as a URL.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import (
    BrowserContext,
    ConsoleMessage,
    Error,
    Page,
    Request,
    Response,
    Route,
    ViewportSize,
    WebError,
)

#: the viewports readers use: a laptop and a small phone
DESKTOP: ViewportSize = {"width": 1280, "height": 900}
PHONE: ViewportSize = {"width": 375, "height": 740}

#: flags that keep Chromium quiet and local (without the background-networking
#: ones it contacts Google hosts); Playwright adds --headless and a fresh profile
CHROMIUM_FLAGS = (
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
)


class _QuietHandler(SimpleHTTPRequestHandler):
    """Serve files without logging each request to stderr."""

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on an ephemeral port of 127.0.0.1; yield its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@dataclass
class Traffic:
    """What the pages of one browser context did that a reader would not want."""

    origin: str
    offsite: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        return [f"request off 127.0.0.1: {url}" for url in self.offsite] + self.errors


def watch(context: BrowserContext, origin: str) -> Traffic:
    """Record console errors, script errors, failed loads and off-site requests.

    Off-site requests are aborted, not just recorded: the test machine has no
    network, and a request to a public host is a defect whether it succeeds or not.
    """
    traffic = Traffic(origin)

    def local(url: str) -> bool:
        parts = urlsplit(url)
        return parts.scheme in ("data", "blob", "about") or url.startswith(origin + "/")

    def block(route: Route) -> None:
        traffic.offsite.append(route.request.url)
        route.abort()

    def on_response(response: Response) -> None:
        if response.status >= 400:
            traffic.errors.append(f"HTTP {response.status} for {response.url}")

    def on_failure(request: Request) -> None:
        # ERR_ABORTED is the browser dropping a load (often the icon) because
        # the test moved on to the next page; the server was never at fault.
        if local(request.url) and request.failure != "net::ERR_ABORTED":
            traffic.errors.append(f"failed to load {request.url}: {request.failure}")

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            where = message.page.url if message.page else "?"
            traffic.errors.append(f"console error on {where}: {message.text}")

    def on_script_error(error: WebError) -> None:
        where = error.page.url if error.page else "?"
        traffic.errors.append(f"script error on {where}: {error.error}")

    context.route(lambda url: not local(url), block)
    context.on("response", on_response)
    context.on("requestfailed", on_failure)
    context.on("console", on_console)
    context.on("weberror", on_script_error)
    return traffic


def element_in_view(page: Page, anchor: str) -> bool:
    """Whether the element with id ``anchor`` comes to rest at the top of the viewport.

    Furo scrolls smoothly (``scroll-behavior: smooth``), so the page is still
    moving when it has loaded; this waits for the element's top edge to be in
    the viewport and gives up, answering False, after a few seconds.
    """
    try:
        page.wait_for_function(
            """id => {
                const box = document.getElementById(id)?.getBoundingClientRect();
                return !!box && box.top >= 0 && box.top < window.innerHeight;
            }""", arg=anchor, timeout=5_000)
    except Error:
        return False
    return True


def site_path(url: str, base_url: str) -> str:
    """A URL as a path under the site root with its #fragment, without ?query."""
    parts = urlsplit(url)
    path = url.split("?", 1)[0].split("#", 1)[0].removeprefix(base_url + "/")
    return path + (f"#{parts.fragment}" if parts.fragment else "")
