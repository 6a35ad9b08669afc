"""The external link check against a server on 127.0.0.1 that the test starts and stops.

Every case a real site throws at the checker is served here: a page, a
permanent redirect, a 404, a 429 that clears after its Retry-After, a 429
that never clears, a 500, a 403, a bot-challenge page, a response slower
than the time-out, and a page lacking the anchor asked for.  No test leaves
the machine.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SCRIPT = REPO / "scripts" / "linkcheck_external.py"
#: the server shuts itself down after this long, whatever the test does
SERVER_LIFETIME = 60.0
PAGE = b'<!doctype html><html><body><h1 id="top-title">Page</h1><p id="part-2">x</p></body></html>'


class Handler(BaseHTTPRequestHandler):
    hits: Counter[str]
    times: dict[str, list[float]]

    def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
        pass

    def _send(self, code: int, body: bytes = b"", headers: dict[str, str] | None = None) -> None:
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        try:
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the checker gave up first, as it should on /slow

    def do_GET(self) -> None:
        path = self.path
        self.hits[path] += 1
        self.times.setdefault(path, []).append(time.monotonic())
        if path in ("/page", "/new-home"):
            self._send(200, PAGE)
        elif path == "/moved":
            self._send(301, headers={"Location": "/new-home"})
        elif path == "/gone":
            self._send(404, b"not here")
        elif path == "/busy-once":
            if self.hits[path] == 1:
                self._send(429, b"slow down", {"Retry-After": "1"})
            else:
                self._send(200, PAGE)
        elif path == "/always-busy":
            self._send(429, b"slow down", {"Retry-After": "1"})
        elif path == "/error":
            self._send(500, b"oops")
        elif path == "/forbidden":
            self._send(403, b"no robots")
        elif path == "/challenge":
            self._send(503, b"<html><title>Just a moment...</title></html>",
                       {"cf-mitigated": "challenge"})
        elif path == "/slow":
            time.sleep(2.0)
            self._send(200, PAGE)
        else:
            self._send(404)


@pytest.fixture
def server() -> Iterator[tuple[str, type[Handler]]]:
    handler = type("RecordingHandler", (Handler,), {"hits": Counter(), "times": {}})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    stopper = threading.Timer(SERVER_LIFETIME, httpd.shutdown)
    stopper.daemon = True
    stopper.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", handler
    finally:
        stopper.cancel()
        httpd.shutdown()
        httpd.server_close()


def make_site(root: Path, base: str) -> Path:
    """A two-language site whose pages link to every case, some more than once."""
    links = {
        "ok": f"{base}/page", "anchor": f"{base}/page#part-2",
        "no-anchor": f"{base}/page#no-such-part", "moved": f"{base}/moved",
        "gone": f"{base}/gone", "busy-once": f"{base}/busy-once",
        "always-busy": f"{base}/always-busy", "error": f"{base}/error",
        "forbidden": f"{base}/forbidden", "challenge": f"{base}/challenge",
        "slow": f"{base}/slow",
    }
    body = "".join(f'<p><a href="{url}">{name}</a></p>' for name, url in links.items())
    for language in ("zh_CN", "en"):
        page = root / "html" / language / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(f'<!doctype html><html><body><article role="main">{body}'
                        f'<p><a href="{base}/gone">again</a></p></article></body></html>',
                        encoding="utf-8")
    return root / "html"


def run(site: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), "--timeout", "0.5", "--retries", "1", "--backoff", "0.1",
         "--max-retry-after", "5", *extra, str(site)],
        capture_output=True, text=True, check=False, cwd=site.parent, timeout=120)


def test_every_case_is_classified(server: tuple[str, type[Handler]], tmp_path: Path) -> None:
    base, handler = server
    site = make_site(tmp_path, base)
    result = run(site, "--no-cache", "--format", "json")
    assert result.returncode == 1, result.stderr
    urls = json.loads(result.stdout)["urls"]
    status = {url.removeprefix(base): v["status"] for url, v in urls.items()}
    assert status == {
        "/page": "broken",  # asked for #no-such-part: reported on that use only
        "/moved": "redirected", "/gone": "broken", "/busy-once": "ok",
        "/always-busy": "unknown", "/error": "broken", "/forbidden": "unknown",
        "/challenge": "unknown", "/slow": "broken",
    }
    assert "timed out" in urls[f"{base}/slow"]["detail"]
    # one fetch per URL, however many pages and anchors use it; retries only where due
    assert handler.hits["/page"] == 1
    assert handler.hits["/gone"] == 1
    assert handler.hits["/error"] == 2
    first, second = handler.times["/busy-once"]
    assert second - first >= 0.95, "Retry-After: 1 was not honoured"


def test_each_use_of_a_broken_link_is_reported(server: tuple[str, type[Handler]],
                                                tmp_path: Path) -> None:
    base, _ = server
    site = make_site(tmp_path, base)
    result = run(site, "--no-cache")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    gone = [line for line in lines if f"{base}/gone: HTTP 404" in line]
    assert len(gone) == 4  # twice on each language's page
    assert any("en/index.html" in line for line in gone)
    anchors = [line for line in lines if "no anchor #no-such-part" in line]
    assert len(anchors) == 2
    assert not any("#part-2" in line for line in lines), "a present anchor was reported"
    assert any("external-unknown" in line and "/forbidden" in line for line in lines)
    assert any("external-redirected" in line and "/moved" in line for line in lines)


def test_cache_reuses_good_results_and_rechecks_broken(server: tuple[str, type[Handler]],
                                                      tmp_path: Path) -> None:
    base, handler = server
    site = make_site(tmp_path, base)
    cache = tmp_path / "cache.json"
    run(site, "--cache", str(cache), "--format", "json")
    assert handler.hits["/moved"] == 1
    second = run(site, "--cache", str(cache), "--format", "json")
    urls = json.loads(second.stdout)["urls"]
    assert urls[f"{base}/moved"]["from_cache"] is True
    assert handler.hits["/moved"] == 1, "a cached good result was fetched again"
    assert urls[f"{base}/gone"]["from_cache"] is False
    assert handler.hits["/gone"] == 2, "a broken link must be checked on every run"
    assert handler.hits["/forbidden"] == 2, "an unknown link must be checked on every run"
    saved = json.loads(cache.read_text(encoding="utf-8"))["results"]
    assert f"{base}/gone" not in saved
    expiries = [entry["expires"] for entry in saved.values()]
    assert len(set(expiries)) == len(expiries), "expiry dates carry no jitter"


def test_cache_expires_after_its_time_to_live(server: tuple[str, type[Handler]],
                                              tmp_path: Path) -> None:
    base, handler = server
    site = make_site(tmp_path, base)
    cache = tmp_path / "cache.json"
    run(site, "--cache", str(cache), "--ttl-days", "0.00001", "--jitter", "0")
    time.sleep(1.0)
    run(site, "--cache", str(cache), "--ttl-days", "0.00001", "--jitter", "0")
    assert handler.hits["/moved"] == 2


def test_allowlisted_urls_are_not_fetched(server: tuple[str, type[Handler]],
                                          tmp_path: Path) -> None:
    base, handler = server
    site = make_site(tmp_path, base)
    allowlist = tmp_path / "allow.toml"
    allowlist.write_text('[[allow]]\npattern = "/(gone|slow|error|no-such)"\n'
                         'reason = "test servers that fail on purpose"\n', encoding="utf-8")
    result = run(site, "--no-cache", "--allowlist", str(allowlist), "--format", "json")
    urls = json.loads(result.stdout)["urls"]
    assert urls[f"{base}/gone"]["status"] == "ignored"
    assert handler.hits["/gone"] == 0


def test_allowlist_entry_without_reason_names_file_and_line(tmp_path: Path) -> None:
    allowlist = tmp_path / "allow.toml"
    allowlist.write_text('[[allow]]\npattern = "a"\nreason = "ok"\n\n'
                         '[[allow]]\npattern = "b"\n', encoding="utf-8")
    site = tmp_path / "html"
    (site / "zh_CN").mkdir(parents=True)
    result = run(site, "--no-cache", "--allowlist", str(allowlist))
    assert result.returncode == 2
    assert f"{allowlist}:5:" in result.stderr and "gives no reason" in result.stderr
