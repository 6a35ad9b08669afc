"""URLs the external check leaves alone, each with the reason why.

An unexplained exclusion hides a dead link forever, so an entry without a
reason is an error.  The file is TOML::

    [[allow]]
    pattern = '^https://example\\.org/members/'   # a regular expression (re.search)
    reason = "members-only pages answer 401 to robots"
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path


class AllowlistError(Exception):
    """The allowlist is malformed; the message names the file and line."""


@dataclass(frozen=True)
class Allowed:
    pattern: re.Pattern[str]
    reason: str
    line: int | None


def _entry_lines(text: str) -> list[int]:
    return [number for number, line in enumerate(text.splitlines(), start=1)
            if re.match(r"^\s*\[\[\s*allow\s*\]\]", line)]


def load_allowlist(path: Path) -> list[Allowed]:
    text = path.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise AllowlistError(f"{path}: {err}") from err
    if set(data) - {"allow"}:
        raise AllowlistError(f"{path}:1: unknown table(s) "
                             f"{', '.join(sorted(set(data) - {'allow'}))}; entries are [[allow]]")
    lines = _entry_lines(text)
    entries = []
    for index, raw in enumerate(data.get("allow", [])):
        line = lines[index] if index < len(lines) else None
        where = f"{path}:{line}" if line else str(path)
        if not str(raw.get("pattern", "")).strip():
            raise AllowlistError(f"{where}: entry has no pattern")
        if not str(raw.get("reason", "")).strip():
            raise AllowlistError(f"{where}: entry for {raw['pattern']!r} gives no reason; every "
                                 "URL left unchecked needs one")
        extra = set(raw) - {"pattern", "reason"}
        if extra:
            raise AllowlistError(f"{where}: unknown key(s) {', '.join(sorted(extra))}")
        try:
            pattern = re.compile(raw["pattern"])
        except re.error as err:
            raise AllowlistError(f"{where}: bad pattern {raw['pattern']!r}: {err}") from err
        entries.append(Allowed(pattern, raw["reason"], line))
    return entries


def allowed(url: str, entries: list[Allowed]) -> Allowed | None:
    """The first entry that matches ``url``, if any."""
    return next((entry for entry in entries if entry.pattern.search(url)), None)
