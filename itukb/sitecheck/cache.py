"""Results of the external check kept between runs, so a scheduled check stays polite.

Only good results are reused ("ok" and "redirected"): a broken or unknown
link is fetched again on every run, so a fix or a new failure shows at once.
Each good result lives for a time-to-live spread by a random jitter, so
the links of one run do not all fall due on the same later day and make
that run slow.  A URL checked for some anchors is fetched again when a page
starts linking to an anchor the cache has not seen verified.
"""

from __future__ import annotations

import json
import random
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CACHE_VERSION = 1
REUSABLE = frozenset({"ok", "redirected"})


@dataclass
class Cached:
    status: str
    code: int | None
    detail: str
    final_url: str | None
    expires: float
    fragments_ok: set[str] = field(default_factory=set)


class ResultCache:
    """A JSON file of URL -> result; a missing or unreadable file is an empty cache."""

    def __init__(self, path: Path | None, ttl: float, jitter: float,
                 rng: random.Random | None = None) -> None:
        self.path = path
        self.ttl = ttl
        self.jitter = jitter
        self.rng = rng or random.Random()
        self.entries: dict[str, Cached] = {}
        if path is not None and path.is_file():
            self._load(path)

    def _load(self, path: Path) -> None:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return  # a damaged cache costs one full run, nothing more
        if not isinstance(data, dict) or data.get("version") != CACHE_VERSION:
            return
        for url, raw in data.get("results", {}).items():
            try:
                self.entries[url] = Cached(raw["status"], raw.get("code"), raw.get("detail", ""),
                                           raw.get("final_url"), float(raw["expires"]),
                                           set(raw.get("fragments_ok", [])))
            except (KeyError, TypeError, ValueError):
                continue

    def get(self, url: str, fragments: set[str], now: float | None = None) -> Cached | None:
        """A result still good for ``url`` covering every fragment asked, else None."""
        entry = self.entries.get(url)
        now = time.time() if now is None else now
        if entry is None or entry.status not in REUSABLE or entry.expires <= now:
            return None
        if not fragments <= entry.fragments_ok:
            return None
        return entry

    def put(self, url: str, status: str, code: int | None, detail: str, final_url: str | None,
            fragments_ok: set[str], now: float | None = None) -> None:
        now = time.time() if now is None else now
        spread = 1 + self.rng.uniform(-self.jitter, self.jitter)
        self.entries[url] = Cached(status, code, detail, final_url, now + self.ttl * spread,
                                   set(fragments_ok))

    def save(self) -> None:
        if self.path is None:
            return
        results: dict[str, Any] = {
            url: {"status": e.status, "code": e.code, "detail": e.detail,
                  "final_url": e.final_url, "expires": e.expires,
                  "fragments_ok": sorted(e.fragments_ok)}
            for url, e in sorted(self.entries.items()) if e.status in REUSABLE
        }
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(".tmp")
        temporary.write_text(json.dumps({"version": CACHE_VERSION, "results": results},
                                        indent=1), encoding="utf-8")
        temporary.replace(self.path)
