"""Read a catalog with polib, after making sure polib will read it faithfully.

polib is forgiving: it silently drops an entry whose string is not closed,
reads ``\\q`` as two characters, accepts a ``msgid`` without ``msgstr`` and
keeps both copies of a duplicated message.  ``msgfmt`` (and so Sphinx's
compiled catalog) would treat each of those differently, so a translator
could see one thing in the checker and another on the site.  Before polib
reads a file, its lines are therefore checked against the shapes the PO
format allows; polib still does the reading.

The checks are arranged so that a well-formed catalog costs two passes of
a regular expression and a few string counts; the slower line-by-line scan
that names the faulty line only runs when something is wrong.
"""

from __future__ import annotations

import functools
import re
import tempfile
from collections.abc import Callable
from pathlib import Path

import polib

from itukb.catalogs.findings import Finding, display_path

#: a quoted string: only the escapes polib decodes are allowed (msgfmt knows a
#: few more, such as ``\\a``, which polib would keep as two characters)
_STRING = r'"(?:[^"\\\r\n]|\\[ntrvbf"\\])*+"'
_KEYWORD = r"(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)"
#: the line shapes of the PO format: blank, comment, keyword string, continuation
_LINE = (
    r"(?:[ \t]*"
    r"|#(?:[^~|\r\n][^\r\n]*)?"
    rf"|(?:#~[ \t]*|#\|[ \t]*|#~\|[ \t]*)?(?:{_KEYWORD}[ \t]+)?{_STRING}[ \t]*)"
    r"\r?"  # Windows line ends are fine
)
_WHOLE_FILE = re.compile(rf"(?:{_LINE}\n)*+(?:{_LINE})?")
_ONE_LINE = re.compile(_LINE)
_BAD_ESCAPE = re.compile(r'\\[^ntrvbf"\\]')
#: keyword lines, live or obsolete (``#~``); previous-msgid lines (``#|``) are not entries
_KEYWORD_LINE = re.compile(rf"^(#~[ \t]*)?({_KEYWORD})[ \t]", re.MULTILINE)
_POLIB_LINE = re.compile(r"\(line (\d+)\)")
_HEADER_START = re.compile(r'^msgid ""[ \t]*\nmsgstr[ \t]', re.MULTILINE)


class CatalogError(Exception):
    """A catalog that cannot be read; carries the findings that say why."""

    def __init__(self, findings: list[Finding]) -> None:
        super().__init__("\n".join(f.format() for f in findings))
        self.findings = findings


class Catalog:
    """A parsed catalog, or a slice of one, and where its entries are in the file.

    A slice of a large catalog is parsed with the catalog's header in front of
    it (``header_lines`` lines), so that its entries are read under the same
    header; ``first_line`` is the file line the slice itself starts on.
    """

    def __init__(self, path: Path, po: polib.POFile, text: str, *,
                 header_lines: int = 0, first_line: int = 1) -> None:
        self.path = path
        self.name = display_path(path)
        self.po = po
        self.text = text
        self.header_lines = header_lines
        self.first_line = first_line

    def file_line(self, line: int) -> int:
        """The line of the file that line ``line`` of :attr:`text` comes from."""
        if line <= self.header_lines:
            return line
        return line - self.header_lines + self.first_line - 1

    @functools.cached_property
    def _layout(self) -> tuple[int, list[int]]:
        _, header, lines = _keyword_order(self.name, self.text, self.file_line)
        return header, lines

    @functools.cached_property
    def header_line(self) -> int:
        """Line of the header's ``msgid ""`` (line 1 if there is none)."""
        start = _HEADER_START.search(self.text)
        if start is None or self.text.count("\nmsgid ", 0, start.start()):
            return 1
        return self.file_line(self.text.count("\n", 0, start.start()) + 1)

    def line_of(self, index: int, entry: polib.POEntry) -> int:
        """Line of the ``msgid`` of the ``index``-th entry (obsolete ones included)."""
        lines = self._layout[1]
        if index < len(lines):
            return lines[index]
        return self.file_line(entry.linenum or 1)


def _syntax(path: str, line: int, message: str) -> Finding:
    return Finding(path, line, "syntax", message)


def _same(line: int) -> int:
    return line


def _line_shapes(name: str, text: str, file_line: Callable[[int], int]) -> list[Finding]:
    """Report every line that is not one of the PO format's line shapes."""
    if _WHOLE_FILE.fullmatch(text):
        return []
    findings = []
    for index, line in enumerate(text.split("\n"), start=1):
        number = file_line(index)
        if _ONE_LINE.fullmatch(line):
            continue
        bad = _BAD_ESCAPE.search(line)
        if bad:
            message = (f"invalid escape {bad.group()} in a string (write a backslash "
                       "as \\\\)")
        elif line.count('"') % 2 or line.rstrip().endswith('\\"'):
            message = "string not closed on this line (a quote is missing or unescaped)"
        else:
            message = f"not a PO line: {line.strip()[:40]!r}"
        findings.append(_syntax(name, number, message))
    return findings


def _keyword_order(name: str, text: str, file_line: Callable[[int], int] = _same,
                   ) -> tuple[list[Finding], int, list[int]]:
    """Check each msgid has its msgstr; return the header line and entries' msgid lines."""
    findings: list[Finding] = []
    header_line = 0
    msgid_lines: list[int] = []
    # per stream (live, obsolete): line of a msgid still waiting for its msgstr
    waiting: dict[bool, int | None] = {False: None, True: None}
    text_line = 1
    position = 0
    for match in _KEYWORD_LINE.finditer(text):
        text_line += text.count("\n", position, match.start())
        position = match.start()
        line = file_line(text_line)
        obsolete = match.group(1) is not None
        keyword = match.group(2)
        if keyword in ("msgid", "msgctxt"):
            pending = waiting[obsolete]
            if pending is not None:
                findings.append(_syntax(name, pending, "msgid without a msgstr"))
            if keyword == "msgid":
                waiting[obsolete] = line
                if (not header_line and not msgid_lines and not obsolete
                        and _HEADER_START.match(text, position)):
                    header_line = line
                else:
                    msgid_lines.append(line)
        elif keyword.startswith("msgstr"):
            if waiting[obsolete] is None and keyword in ("msgstr", "msgstr[0]"):
                findings.append(_syntax(name, line, f"{keyword} without a msgid"))
            waiting[obsolete] = None
    findings += [_syntax(name, pending, "msgid without a msgstr")
                 for pending in waiting.values() if pending is not None]
    return findings, header_line, msgid_lines


def _keywords_pair_up(text: str) -> bool:
    """As many msgstr as msgid, live and obsolete: the common case, told by counting."""
    lined = "\n" + text
    for prefix in ("\n", "\n#~ "):
        ids = lined.count(f"{prefix}msgid ")
        strings = lined.count(f"{prefix}msgstr ") + lined.count(f"{prefix}msgstr[0] ")
        if ids != strings or lined.count(f"{prefix}msgctxt ") > ids:
            return False
    return True


def parse_text(path: Path, text: str, *, header_lines: int = 0, first_line: int = 1,
               whole: bool = False) -> Catalog:
    """Check and parse catalog ``text``: all of ``path`` (``whole``), or a slice of it.

    See :class:`Catalog` for slices.  Raises :class:`CatalogError` naming the
    file and line of each problem.
    """
    name = display_path(path)
    catalog = Catalog(path, polib.POFile(), text, header_lines=header_lines,
                      first_line=first_line)
    findings = _line_shapes(name, text, catalog.file_line)
    if not findings and not _keywords_pair_up(text):
        findings = _keyword_order(name, text, catalog.file_line)[0]
    if findings:
        raise CatalogError(sorted(set(findings)))
    try:
        if whole:
            catalog.po = polib.pofile(str(path), encoding="utf-8", wrapwidth=0)
        else:
            catalog.po = _parse_slice(text)
    except (OSError, ValueError) as err:
        found = _POLIB_LINE.search(str(err))
        line = catalog.file_line(int(found.group(1))) if found else first_line
        reason = _POLIB_LINE.sub("", str(err)).replace(f" {path}", "").replace("  ", " ")
        raise CatalogError([_syntax(name, line, reason.strip())]) from err
    return catalog


def _parse_slice(text: str) -> polib.POFile:
    """Give polib a slice as a file: it reads files by lines as the checks above do,
    whereas a string would also be split at characters such as U+2028."""
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".po", newline="",
                                     delete=False) as handle:
        handle.write(text)
    try:
        return polib.pofile(handle.name, encoding="utf-8", wrapwidth=0)
    finally:
        Path(handle.name).unlink()


def decode(path: Path, raw: bytes) -> str:
    """Catalogs are UTF-8 without a byte-order mark; say where they are not."""
    name = display_path(path)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        column = len(raw[raw.rfind(b"\n", 0, err.start) + 1: err.start]
                     .decode("utf-8", errors="replace")) + 1
        found = " ".join(f"0x{byte:02x}" for byte in raw[err.start:err.end])
        raise CatalogError([_syntax(
            name, line, f"not valid UTF-8: byte {found} at column {column} (catalogs must be "
            "UTF-8)")]) from err
    if text.startswith("\ufeff"):
        raise CatalogError([_syntax(name, 1, "starts with a byte-order mark; remove it")])
    return text


def duplicate_keys(keys: list[tuple[str | None, str]]) -> bool:
    return len(set(keys)) != len(keys)


def live_keys(catalog: Catalog) -> list[tuple[str | None, str]]:
    return [(entry.msgctxt, entry.msgid) for entry in catalog.po if not entry.obsolete]


def duplicates(catalog: Catalog) -> list[Finding]:
    """Messages defined twice (same context and source text)."""
    if not duplicate_keys(live_keys(catalog)):
        return []
    seen: dict[tuple[str | None, str], int] = {}
    findings = []
    for index, entry in enumerate(catalog.po):
        if entry.obsolete:
            continue
        key = (entry.msgctxt, entry.msgid)
        line = catalog.line_of(index, entry)
        if key in seen:
            findings.append(Finding(
                catalog.name, line, "syntax",
                f"duplicate message: already defined on line {seen[key]}", entry.msgid))
        else:
            seen[key] = line
    return findings


def read_catalog(path: Path) -> Catalog:
    """Read ``path``; raise :class:`CatalogError` if it is not a well-formed UTF-8 catalog."""
    catalog = parse_text(path, decode(path, path.read_bytes()), whole=True)
    found = duplicates(catalog)
    if found:
        raise CatalogError(found)
    return catalog
