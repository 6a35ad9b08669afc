"""Check the web links that leave the site (``make linkcheck``).

Each URL is fetched once per run, however many pages and anchors use it;
every anchor asked of it is then looked up in the one response.  Requests
run concurrently up to a global limit and a smaller limit per host; a host
that answers 429 or 503 with ``Retry-After`` gets no request before that
time; failures that may pass (time-outs, connection errors, 5xx) are tried
again after an exponential back-off.

Verdicts, from the reader's point of view:

``ok``          the page is there (and so is each anchor asked for);
``redirected``  it is there under another address: worth updating the link;
``broken``      404/410 and other client errors, 5xx after the retries,
                time-outs, refused connections, or a missing anchor;
``unknown``     the server would not say: 401/403, still 429 after the
                retries (or a ``Retry-After`` too long to wait), or an
                anti-bot challenge page.  A human must look; the run does
                not fail for it.
``ignored``     matched by the allowlist, not fetched.
"""

from __future__ import annotations

import asyncio
import email.utils
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import httpx
from selectolax.lexbor import LexborHTMLParser

from itukb.sitecheck.allowlist import Allowed, allowed
from itukb.sitecheck.cache import ResultCache
from itukb.sitecheck.urls import normalise

USER_AGENT = "itukb-linkcheck/0.1 (+the ITU knowledge base's link checker)"
#: responses to read in full for anchors; a larger body is not a web page
MAX_BODY = 8 * 1024 * 1024
#: markers of a bot-challenge page served instead of the content
CHALLENGE_MARKERS = (b"Just a moment...", b"cf-chl-", b"challenge-platform",
                     b"Attention Required!", b"captcha")


@dataclass
class Settings:
    timeout: float = 20.0
    retries: int = 2
    backoff: float = 1.0
    concurrency: int = 8
    per_host: int = 2
    max_redirects: int = 10
    #: longest Retry-After honoured; a longer one makes the verdict "unknown"
    max_retry_after: float = 60.0


@dataclass
class Verdict:
    url: str
    status: str
    code: int | None = None
    detail: str = ""
    final_url: str | None = None
    missing_fragments: set[str] = field(default_factory=set)
    from_cache: bool = False
    attempts: int = 0


def _retry_after(value: str | None, now: float) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - now)


def _is_challenge(response: httpx.Response, body: bytes) -> bool:
    if response.headers.get("cf-mitigated", "").lower() == "challenge":
        return True
    if response.status_code in (403, 429, 503):
        head = body[:4096]
        return any(marker in head for marker in CHALLENGE_MARKERS)
    return False


def _ids(body: bytes) -> set[str]:
    tree = LexborHTMLParser(body)
    found = set()
    for node in tree.css("[id], a[name]"):
        for attribute in ("id", "name"):
            value = node.attrs.get(attribute)
            if value:
                found.add(normalise(value))
    return found


class ExternalChecker:
    """Check many URLs with one HTTP client, politely."""

    def __init__(self, settings: Settings, allowlist: list[Allowed], cache: ResultCache,
                 clock: Callable[[], float] = time.monotonic,
                 rng: random.Random | None = None) -> None:
        self.settings = settings
        self.allowlist = allowlist
        self.cache = cache
        self.clock = clock
        self.rng = rng or random.Random()
        self._global = asyncio.Semaphore(settings.concurrency)
        self._hosts: dict[str, asyncio.Semaphore] = {}
        self._not_before: dict[str, float] = {}

    async def check_all(self, urls: dict[str, set[str]]) -> dict[str, Verdict]:
        """Verdicts for ``urls`` (URL without fragment -> fragments asked of it)."""
        limits = httpx.Limits(max_connections=self.settings.concurrency)
        timeout = httpx.Timeout(self.settings.timeout)
        async with httpx.AsyncClient(follow_redirects=False, timeout=timeout, limits=limits,
                                     headers={"User-Agent": USER_AGENT}) as client:
            verdicts = await asyncio.gather(*(self._check(client, url, fragments)
                                              for url, fragments in sorted(urls.items())))
        return {v.url: v for v in verdicts}

    async def _check(self, client: httpx.AsyncClient, url: str, fragments: set[str]) -> Verdict:
        entry = allowed(url, self.allowlist)
        if entry is not None:
            return Verdict(url, "ignored", detail=f"allowlisted: {entry.reason}")
        cached = self.cache.get(url, fragments)
        if cached is not None:
            return Verdict(url, cached.status, cached.code, cached.detail, cached.final_url,
                           from_cache=True)
        verdict = await self._fetch_with_retries(client, url, fragments)
        if verdict.status in ("ok", "redirected"):
            self.cache.put(url, verdict.status, verdict.code, verdict.detail, verdict.final_url,
                           fragments - verdict.missing_fragments)
        return verdict

    async def _wait_for_host(self, host: str) -> None:
        delay = self._not_before.get(host, 0.0) - self.clock()
        if delay > 0:
            await asyncio.sleep(delay)

    async def _fetch_with_retries(self, client: httpx.AsyncClient, url: str,
                                  fragments: set[str]) -> Verdict:
        host = urlsplit(url).netloc.lower()
        semaphore = self._hosts.setdefault(host, asyncio.Semaphore(self.settings.per_host))
        attempts = self.settings.retries + 1
        verdict = Verdict(url, "broken", detail="not fetched")
        for attempt in range(attempts):
            async with semaphore:
                await self._wait_for_host(host)  # holding no global slot while waiting
                async with self._global:
                    verdict, wait = await self._fetch(client, url, fragments)
            verdict.attempts = attempt + 1
            if wait is None or attempt == attempts - 1:
                break
            if wait == 0:  # no Retry-After: exponential back-off with jitter
                wait = self.settings.backoff * (2 ** attempt) * (1 + self.rng.random() / 4)
            self._not_before[host] = max(self._not_before.get(host, 0.0), self.clock() + wait)
        return verdict

    async def _fetch(self, client: httpx.AsyncClient, url: str,
                     fragments: set[str]) -> tuple[Verdict, float | None]:
        """One attempt: the verdict, and how long to wait before retrying (None: final)."""
        chain: list[str] = []
        current = url
        try:
            for _ in range(self.settings.max_redirects + 1):
                async with client.stream("GET", current) as response:
                    if response.is_redirect and "location" in response.headers:
                        chain.append(f"{response.status_code} {current}")
                        current = urljoin(current, response.headers["location"])
                        continue
                    body = b""
                    wants_body = (fragments and response.status_code < 300) or \
                        response.status_code in (403, 429, 503)
                    if wants_body:
                        async for chunk in response.aiter_bytes():
                            body += chunk
                            if len(body) > MAX_BODY:
                                break
                    return self._classify(url, response, body, fragments, chain, current)
            return Verdict(url, "broken", detail=f"more than {self.settings.max_redirects} "
                           "redirects", final_url=current), None
        except httpx.TimeoutException:
            return Verdict(url, "broken", detail=f"timed out after {self.settings.timeout:g} s"), 0
        except httpx.HTTPError as err:
            return Verdict(url, "broken", detail=f"connection failed: {err}"), 0

    def _classify(self, url: str, response: httpx.Response, body: bytes, fragments: set[str],
                  chain: list[str], final: str) -> tuple[Verdict, float | None]:
        code = response.status_code
        if _is_challenge(response, body):
            return Verdict(url, "unknown", code, "an anti-bot challenge page answered"), None
        if code in (429, 503):
            wait = _retry_after(response.headers.get("retry-after"), time.time())
            if wait is not None and wait > self.settings.max_retry_after:
                return Verdict(url, "unknown", code, f"asked to retry after {wait:.0f} s"), None
            status = "unknown" if code == 429 else "broken"
            return Verdict(url, status, code, f"HTTP {code}"), wait if wait is not None else 0
        if code in (401, 403):
            return Verdict(url, "unknown", code, f"HTTP {code}: the server refuses robots"), None
        if code >= 500:
            return Verdict(url, "broken", code, f"HTTP {code}"), 0
        if code >= 400:
            return Verdict(url, "broken", code, f"HTTP {code}"), None
        missing: set[str] = set()
        if fragments:
            kind = response.headers.get("content-type", "")
            if "html" in kind:
                ids = _ids(body)
                missing = {f for f in fragments if normalise(f) not in ids}
        redirected = final != url
        status = "broken" if missing else ("redirected" if redirected else "ok")
        detail = f"redirected: {' -> '.join(chain)} -> {final}" if redirected else f"HTTP {code}"
        if missing:
            detail = f"no anchor {', '.join('#' + f for f in sorted(missing))} in the page"
        return Verdict(url, status, code, detail, final if redirected else None, missing), None
