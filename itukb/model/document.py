"""What a document page declares: the fields of its front matter and their rules.

Plain Python, with no Sphinx, docutils or YAML: the schema and the rules that
other layers rely on (which kinds and languages exist, how versions compare,
which pages are documents) are unit-tested without a build.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import PurePosixPath
from typing import Any

#: the kinds of document a page may declare (their names are words of the
#: languages layer, :mod:`itukb.i18n.names`)
DOCUMENT_KINDS = ("circular-letter", "joint-statement", "web-page", "press-release",
                  "resolution-text", "report")
#: the languages a source document may be written in: ITU's six
SOURCE_LANGUAGES = ("zh", "en", "fr", "es", "ar", "ru")

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
VERSION_PATTERN = re.compile(r"^\d+(?:\.\d+)*$")

REQUIRED_FIELDS = (
    "id", "title", "kind", "date", "place", "issuer",
    "language", "version", "history",
)
#: ``addressees`` is left out when the source names none (a joint statement):
#: a guessed list would be shown to readers as if the source said it
OPTIONAL_FIELDS = ("symbol", "addressees", "amends", "cancels")
#: optional fields naming other documents by id (relations, see itukb.store.relations)
RELATION_FIELDS = ("amends", "cancels")
HISTORY_FIELDS = ("date", "version", "change")

class FrontMatterError(Exception):
    """A problem in one field, with the line (1-based, in the file) it is on."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


class FrontMatterErrors(Exception):
    """Every problem of one front matter block, in the order of their lines."""

    def __init__(self, problems: list[FrontMatterError],
                 partial: dict[str, Any] | None = None) -> None:
        self.problems = sorted(problems, key=lambda problem: problem.line)
        #: the fields that were right (title, date, ...) and every field's line, so
        #: that what depends only on them is still checked in the same run
        self.partial = partial or {}
        super().__init__("; ".join(f"line {p.line}: {p}" for p in self.problems))


@dataclasses.dataclass(frozen=True)
class HistoryEntry:
    date: dt.date
    version: str
    change: str
    line: int


@dataclasses.dataclass(frozen=True)
class DocumentMeta:
    """The validated front matter of one document page."""

    id: str
    title: str
    kind: str
    date: dt.date
    place: str
    issuer: str
    addressees: tuple[str, ...]
    language: str
    version: str
    history: tuple[HistoryEntry, ...]
    symbol: str | None
    #: line (1-based) of each top-level field, so later checks can point at it
    lines: dict[str, int]
    #: ids of the documents this one amends or cancels (checked once all are read)
    amends: tuple[str, ...] = ()
    cancels: tuple[str, ...] = ()

    def as_json(self) -> dict[str, Any]:
        """A JSON-ready form, for the export and for domain data."""
        data = dataclasses.asdict(self)
        data["date"] = self.date.isoformat()
        data["history"] = [
            {"date": h.date.isoformat(), "version": h.version, "change": h.change}
            for h in self.history
        ]
        data["addressees"] = list(self.addressees)
        for field in RELATION_FIELDS:
            data[field] = list(getattr(self, field))
        del data["lines"]
        return data


def version_key(version: str) -> tuple[int, ...]:
    """"1.10" comes after "1.9": versions compare number by number."""
    return tuple(int(part) for part in version.split("."))


def is_document_page(docname: str, document_dirs: list[str]) -> bool:
    """Pages under the configured folders are documents and need full metadata."""
    parts = PurePosixPath(docname).parts
    return bool(parts) and parts[0] in document_dirs and parts[-1] != "index"


def history_entries(
    raw: Any, item_lines: list[int], field_line: int, problems: list[FrontMatterError]
) -> tuple[HistoryEntry, ...]:
    """Entries oldest first, with dates never going back and versions going up.

    A wrong entry is noted in ``problems`` and left out, and the entries after
    it are still checked (against the last good one), so every bad entry is
    reported at once.
    """
    if not isinstance(raw, list) or not raw:
        raise FrontMatterError(
            "front matter field 'history': expected a non-empty list of "
            "{date, version, change} entries", field_line)
    entries: list[HistoryEntry] = []
    for index, item in enumerate(raw):
        line = item_lines[index] if index < len(item_lines) else field_line
        try:
            entries.append(_history_entry(item, index, line, entries[-1] if entries else None))
        except FrontMatterError as err:
            problems.append(err)
    return tuple(entries)


def _history_entry(item: Any, index: int, line: int,
                   previous: HistoryEntry | None) -> HistoryEntry:
    where = f"front matter field 'history', entry {index + 1}"
    if not isinstance(item, dict):
        raise FrontMatterError(f"{where}: expected date, version and change", line)
    missing = [f for f in HISTORY_FIELDS if f not in item]
    if missing:
        raise FrontMatterError(f"{where}: missing {', '.join(missing)}", line)
    date, entry_version, change = item["date"], item["version"], item["change"]
    if not isinstance(date, dt.date) or isinstance(date, dt.datetime):
        raise FrontMatterError(f"{where}: date {date!r} is not YYYY-MM-DD", line)
    if not isinstance(entry_version, str) or not VERSION_PATTERN.match(entry_version):
        raise FrontMatterError(
            f"{where}: version {entry_version!r} is not a quoted version like \"1.0\"", line)
    if not isinstance(change, str) or not change.strip():
        raise FrontMatterError(f"{where}: change must say what changed", line)
    if previous is not None:
        if date < previous.date:
            raise FrontMatterError(
                f"{where}: date {date} is earlier than the entry before it "
                f"({previous.date}); list history oldest first", line)
        if version_key(entry_version) <= version_key(previous.version):
            raise FrontMatterError(
                f"{where}: version {entry_version} does not increase on "
                f"{previous.version}", line)
    return HistoryEntry(date, entry_version, change.strip(), line)
