"""Read and validate the front matter of a document page.

MyST already parses front matter into ``env.metadata``, but flattens lists and
dates into strings and forgets where each field was written.  A maintainer
who mistypes a date needs to be told the file *and line*, so the block is read
again here with line marks, validated once, and turned into a typed record.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import yaml

from itukb.languages import KINDS, SOURCE_LANGUAGE_NAMES

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
VERSION_PATTERN = re.compile(r"^\d+(?:\.\d+)*$")

REQUIRED_FIELDS = (
    "id", "title", "kind", "date", "place", "issuer", "addressees",
    "language", "version", "history",
)
OPTIONAL_FIELDS = ("symbol", "amends", "cancels")
#: optional fields naming other documents by id (relations, see itukb.relations)
RELATION_FIELDS = ("amends", "cancels")
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
HISTORY_FIELDS = ("date", "version", "change")


class FrontMatterError(Exception):
    """A problem in one field, with the line (1-based, in the file) it is on."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


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


def split_front_matter(text: str) -> tuple[str, int] | None:
    """Return the YAML block and the file line it starts on, if there is one."""
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        return None
    for index in range(1, len(lines)):
        if lines[index].strip() == "---":
            return "\n".join(lines[1:index]), 2
    raise FrontMatterError("front matter starts with '---' but is never closed", 1)


def version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def _field_lines(node: yaml.MappingNode, offset: int) -> dict[str, int]:
    return {
        key.value: key.start_mark.line + offset
        for key, _ in node.value
        if isinstance(key, yaml.ScalarNode)
    }


def _iter_sequence_lines(node: yaml.Node, offset: int) -> Iterator[int]:
    if isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield item.start_mark.line + offset


def read_front_matter(path: Path) -> DocumentMeta:
    """Parse and validate the front matter of ``path``.

    Raises :class:`FrontMatterError` for the first problem found, naming the
    field and carrying its line, since a page with a broken header cannot be
    described correctly anyway.
    """
    block = split_front_matter(path.read_text(encoding="utf-8"))
    if block is None:
        raise FrontMatterError(
            "document page has no front matter: start the file with a '---' block "
            f"holding {', '.join(REQUIRED_FIELDS)}",
            1,
        )
    source, first_line = block
    # one parse gives both the nodes (for line numbers) and the values; with
    # libyaml's loader when PyYAML has it, several times faster on thousands of pages
    loader = SAFE_LOADER(source)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = first_line + mark.line if mark is not None else first_line
        problem = getattr(exc, "problem", None) or str(exc)
        raise FrontMatterError(f"malformed YAML front matter: {problem}", line) from exc
    finally:
        loader.dispose()
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        raise FrontMatterError("front matter must be a mapping of field: value", first_line)
    lines = _field_lines(node, first_line)
    return _validate(data, node, lines, first_line)


def _validate(
    data: dict[str, Any], node: yaml.MappingNode, lines: dict[str, int], first_line: int
) -> DocumentMeta:
    def fail(field: str, message: str) -> FrontMatterError:
        return FrontMatterError(f"front matter field '{field}': {message}",
                                lines.get(field, first_line))

    for field in REQUIRED_FIELDS:
        if field not in data:
            # point at the opening '---', where the block to add it to starts
            raise FrontMatterError(f"front matter field '{field}' is missing", first_line - 1)
    for field in data:
        if field not in REQUIRED_FIELDS and field not in OPTIONAL_FIELDS:
            known = ", ".join((*REQUIRED_FIELDS, *OPTIONAL_FIELDS))
            raise fail(str(field), f"unknown field (known fields: {known})")

    def text(field: str) -> str:
        value = data[field]
        if not isinstance(value, str) or not value.strip():
            raise fail(field, f"expected non-empty text, got {value!r}")
        return value.strip()

    doc_id = text("id")
    if not ID_PATTERN.match(doc_id):
        raise fail("id", f"{doc_id!r} is not a lower-case ASCII slug such as 'cl-20-20'")
    kind = text("kind")
    if kind not in KINDS:
        raise fail("kind", f"unknown kind {kind!r} (known kinds: {', '.join(KINDS)})")
    language = text("language")
    if language not in SOURCE_LANGUAGE_NAMES:
        known = ", ".join(SOURCE_LANGUAGE_NAMES)
        raise fail("language", f"unknown language {language!r} (known: {known})")
    date = data["date"]
    if not isinstance(date, dt.date) or isinstance(date, dt.datetime):
        raise fail("date", f"expected a date written YYYY-MM-DD, got {date!r}")
    version = data["version"]
    if not isinstance(version, str) or not VERSION_PATTERN.match(version):
        raise fail("version", f"expected a quoted version such as \"1.0\", got {version!r}")
    addressees = data["addressees"]
    if not isinstance(addressees, list) or not addressees or not all(
        isinstance(a, str) and a.strip() for a in addressees
    ):
        raise fail("addressees", "expected a non-empty list of names")
    symbol = data.get("symbol")
    if symbol is not None and (not isinstance(symbol, str) or not symbol.strip()):
        raise fail("symbol", f"expected text such as 'CL-20/20', got {symbol!r}")

    related = {field: _document_ids(data[field], field, fail) if field in data else ()
               for field in RELATION_FIELDS}

    history_node = next(
        (value for key, value in node.value if getattr(key, "value", None) == "history"), None
    )
    history_lines = list(_iter_sequence_lines(history_node, first_line)) if history_node else []
    history = _validate_history(data["history"], history_lines, lines["history"], version)
    if history[-1].version != version:
        raise fail("version", f"is {version} but the latest history entry is "
                   f"{history[-1].version}: add a history entry for the new version")

    return DocumentMeta(
        id=doc_id, title=text("title"), kind=kind, date=date, place=text("place"),
        issuer=text("issuer"), addressees=tuple(a.strip() for a in addressees),
        language=language, version=version, history=history,
        symbol=symbol.strip() if symbol else None, lines=lines,
        amends=related["amends"], cancels=related["cancels"],
    )


def _document_ids(raw: Any, field: str, fail: Callable[[str, str], FrontMatterError]
                  ) -> tuple[str, ...]:
    """A list of document ids; whether they exist is only known once every page is read."""
    if not isinstance(raw, list) or not raw or not all(
        isinstance(i, str) and ID_PATTERN.match(i) for i in raw
    ):
        raise fail(field, f"expected a list of document ids such as [cl-20-20], got {raw!r}")
    if len(set(raw)) != len(raw):
        raise fail(field, f"names a document twice: {raw!r}")
    return tuple(raw)


def _validate_history(
    raw: Any, item_lines: list[int], field_line: int, version: str
) -> tuple[HistoryEntry, ...]:
    """Entries oldest first, with dates never going back and versions going up."""
    if not isinstance(raw, list) or not raw:
        raise FrontMatterError(
            "front matter field 'history': expected a non-empty list of "
            "{date, version, change} entries", field_line)
    entries: list[HistoryEntry] = []
    for index, item in enumerate(raw):
        line = item_lines[index] if index < len(item_lines) else field_line
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
        if entries:
            previous = entries[-1]
            if date < previous.date:
                raise FrontMatterError(
                    f"{where}: date {date} is earlier than the entry before it "
                    f"({previous.date}); list history oldest first", line)
            if version_key(entry_version) <= version_key(previous.version):
                raise FrontMatterError(
                    f"{where}: version {entry_version} does not increase on "
                    f"{previous.version}", line)
        entries.append(HistoryEntry(date, entry_version, change.strip(), line))
    return tuple(entries)
