"""Read and validate the front matter of a document page.

MyST already parses front matter into ``env.metadata``, but flattens lists and
dates into strings and forgets where each field was written.  A maintainer
who mistypes a date needs to be told the file *and line*, so the block is read
again here with line marks, validated once, and turned into a typed record.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import yaml

from itukb.i18n.names import KINDS, SOURCE_LANGUAGE_NAMES

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
VERSION_PATTERN = re.compile(r"^\d+(?:\.\d+)*$")

REQUIRED_FIELDS = (
    "id", "title", "kind", "date", "place", "issuer",
    "language", "version", "history",
)
#: ``addressees`` is left out when the source names none (a joint statement):
#: a guessed list would be shown to readers as if the source said it
OPTIONAL_FIELDS = ("symbol", "addressees", "amends", "cancels")
#: optional fields naming other documents by id (relations, see itukb.relations)
RELATION_FIELDS = ("amends", "cancels")
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
HISTORY_FIELDS = ("date", "version", "change")

_T = TypeVar("_T")


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


class _Loader(SAFE_LOADER):  # type: ignore[misc,valid-type]
    """PyYAML's safe loader (libyaml's if present), but an impossible date stays text.

    ``date: 2020-13-45`` looks like a date to PyYAML, which then raises a bare
    ValueError (month must be in 1..12) with no line: the build would crash.
    Kept as text, it reaches the field check, which names the field and line.
    """


def _timestamp_or_text(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)  # type: ignore[arg-type]
    except ValueError:
        return loader.construct_scalar(node)  # type: ignore[arg-type]


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_text)


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

    Raises :class:`FrontMatterErrors` listing every problem of the block,
    each with its field and line, so that a maintainer fixes them all in one
    go instead of one per build.  Only a block that is not YAML at all stops
    at its first problem, as there are no fields to look at.
    """
    # a byte-order mark is accepted, as Sphinx accepts it when it reads the page
    block = split_front_matter(path.read_text(encoding="utf-8-sig"))
    if block is None:
        raise FrontMatterErrors([FrontMatterError(
            "document page has no front matter: start the file with a '---' block "
            f"holding {', '.join(REQUIRED_FIELDS)}",
            1,
        )])
    source, first_line = block
    # one parse gives both the nodes (for line numbers) and the values; with
    # libyaml's loader when PyYAML has it, several times faster on thousands of pages
    loader = _Loader(source)  # a safe loader: no arbitrary objects
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        raise FrontMatterErrors([_yaml_problem(exc, first_line)]) from exc
    finally:
        loader.dispose()
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        raise FrontMatterErrors([FrontMatterError(
            "front matter must be a mapping of field: value", first_line)])
    lines = _field_lines(node, first_line)
    return _validate(data, node, lines, first_line)


def _yaml_problem(exc: yaml.YAMLError, first_line: int) -> FrontMatterError:
    """Point at where the broken construct starts (an unclosed '[' or quote).

    PyYAML notices the problem only where the construct should have ended,
    often the next field's line; the line a maintainer has to fix is the one
    where it began, which PyYAML keeps as the context mark.
    """
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None)
    problem_mark = getattr(exc, "problem_mark", None)
    context_mark = getattr(exc, "context_mark", None)
    if context and context_mark is not None:
        message = f"malformed YAML front matter: {context} that starts here: {problem}"
        if problem_mark is not None and problem_mark.line != context_mark.line:
            message += f" (on line {first_line + problem_mark.line})"
        return FrontMatterError(f"{message}; check the brackets and quotes",
                                first_line + context_mark.line)
    line = first_line + problem_mark.line if problem_mark is not None else first_line
    return FrontMatterError(f"malformed YAML front matter: {problem}", line)


def _validate(
    data: dict[str, Any], node: yaml.MappingNode, lines: dict[str, int], first_line: int
) -> DocumentMeta:
    problems: list[FrontMatterError] = []

    def fail(field: str, message: str) -> FrontMatterError:
        return FrontMatterError(f"front matter field '{field}': {message}",
                                lines.get(field, first_line))

    def checked(field: str, parse: Callable[[], _T]) -> _T | None:
        """The parsed field; None, with its problem noted, when it is wrong or missing."""
        if field not in data:
            return None  # reported as missing already
        try:
            return parse()
        except FrontMatterError as err:
            problems.append(err)
            return None

    for field in REQUIRED_FIELDS:
        if field not in data:
            # point at the opening '---', where the block to add it to starts
            problems.append(FrontMatterError(
                f"front matter field '{field}' is missing; add it", first_line - 1))
    for field in data:
        if field not in REQUIRED_FIELDS and field not in OPTIONAL_FIELDS:
            known = ", ".join((*REQUIRED_FIELDS, *OPTIONAL_FIELDS))
            problems.append(fail(str(field), f"unknown field (known fields: {known})"))

    def text(field: str) -> str:
        value = data[field]
        if not isinstance(value, str) or not value.strip():
            raise fail(field, f"expected non-empty text, got {value!r}")
        return value.strip()

    def doc_id() -> str:
        value = text("id")
        if not ID_PATTERN.match(value):
            raise fail("id", f"{value!r} is not a lower-case ASCII slug such as 'cl-20-20'")
        return value

    def kind() -> str:
        value = text("kind")
        if value not in KINDS:
            raise fail("kind", f"unknown kind {value!r} (known kinds: {', '.join(KINDS)})")
        return value

    def language() -> str:
        value = text("language")
        if value not in SOURCE_LANGUAGE_NAMES:
            known = ", ".join(SOURCE_LANGUAGE_NAMES)
            raise fail("language", f"unknown language {value!r} (known: {known})")
        return value

    def date() -> dt.date:
        value = data["date"]
        if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
            raise fail("date", f"expected a date written YYYY-MM-DD, got {value!r}")
        return value

    def version() -> str:
        value = data["version"]
        if not isinstance(value, str) or not VERSION_PATTERN.match(value):
            raise fail("version", f"expected a quoted version such as \"1.0\", got {value!r}")
        return value

    def addressees() -> tuple[str, ...]:
        value = data["addressees"]
        if not isinstance(value, list) or not value or not all(
            isinstance(a, str) and a.strip() for a in value
        ):
            raise fail("addressees", "expected a non-empty list of names")
        return tuple(a.strip() for a in value)

    def symbol() -> str:
        value = data["symbol"]
        if not isinstance(value, str) or not value.strip():
            raise fail("symbol", f"expected text such as 'CL-20/20', got {value!r}")
        return value.strip()

    values: dict[str, Any] = {
        "id": checked("id", doc_id), "title": checked("title", lambda: text("title")),
        "kind": checked("kind", kind), "date": checked("date", date),
        "place": checked("place", lambda: text("place")),
        "issuer": checked("issuer", lambda: text("issuer")),
        "addressees": checked("addressees", addressees) or (),
        "language": checked("language", language), "version": checked("version", version),
        "symbol": checked("symbol", symbol),
    }

    for field in RELATION_FIELDS:  # () when absent
        values[field] = checked(field, functools.partial(
            _document_ids, data.get(field), field, fail)) or ()

    history_node = next(
        (value for key, value in node.value if getattr(key, "value", None) == "history"), None
    )
    history_lines = list(_iter_sequence_lines(history_node, first_line)) if history_node else []
    history = checked("history", lambda: _validate_history(
        data["history"], history_lines, lines["history"], problems))
    complete = history is not None and len(history) == len(data["history"])
    if complete and history and values["version"] and history[-1].version != values["version"]:
        problems.append(fail("version", f"is {values['version']} but the latest history "
                             f"entry is {history[-1].version}: add a history entry for the "
                             "new version"))
    if problems:
        raise FrontMatterErrors(problems, {**values, "lines": lines})
    assert history is not None  # a missing or wrong history is a problem, raised above
    return DocumentMeta(**values, history=history, lines=lines)


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
