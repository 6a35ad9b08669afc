"""Check translation catalogs: the format, the progress and each translation.

One pass per catalog.  Entries that readers will see translated (not fuzzy,
not empty) are compared with their source: markup, raw HTML, numbers,
emphasis, and for a non-Chinese target the glossary, Chinese characters and
full-width punctuation.  Fuzzy and untranslated entries are reported as such
(their Chinese source is what readers see) and counted against the
language's threshold.  Findings never stop the pass, so a translator sees
everything at once.
"""

from __future__ import annotations

import concurrent.futures
import dataclasses
import itertools
import re
from collections.abc import Iterable
from pathlib import Path

import polib

from itukb.catalogs import format_strings, markup, numbers
from itukb.catalogs.emphasis import emphasis, may_have_emphasis
from itukb.catalogs.findings import ERROR, WARNING, Finding, display_path
from itukb.catalogs.glossary import Glossary
from itukb.catalogs.headers import check_header
from itukb.catalogs.policy import THRESHOLDS, is_chinese
from itukb.catalogs.reading import (
    Catalog,
    CatalogError,
    decode,
    duplicate_keys,
    duplicates,
    live_keys,
    parse_text,
)
from itukb.catalogs.stats import CatalogStats, catalog_stats, is_translated
from itukb.catalogs.structure import blocks_added

_CHINESE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+")
#: CJK punctuation and the full-width forms of ASCII (U+FF01-FF60, U+FFE0-FFEE)
_FULL_WIDTH = re.compile(r"[\u3000-\u303f\u30fb\uff01-\uff60\uffe0-\uffee]")
_NOT_ENGLISH = re.compile(f"{_CHINESE.pattern}|{_FULL_WIDTH.pattern}")
_ASCII_FOR = {
    "，": ",", "。": ".", "：": ":", "；": ";", "！": "!", "？": "?", "（": "(",
    "）": ")", "、": ",", "《": "italics or quotes", "》": "italics or quotes",
    "【": "[", "】": "]", "　": "a space", "～": "~", "％": "%", "＋": "+", "－": "-",
}
_FORMAT_FLAG = re.compile(r"^(?!no-)[\w-]+-format$")


@dataclasses.dataclass
class CheckedCatalog:
    path: Path
    language: str | None
    stats: CatalogStats


@dataclasses.dataclass
class Report:
    findings: list[Finding] = dataclasses.field(default_factory=list)
    catalogs: list[CheckedCatalog] = dataclasses.field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity == ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity == WARNING)


def language_of(path: Path) -> str | None:
    """``en`` for ``.../en/LC_MESSAGES/x.po``; None when the path does not say."""
    parts = path.parts
    if "LC_MESSAGES" in parts:
        index = parts.index("LC_MESSAGES")
        if index > 0:
            return parts[index - 1]
    return None


def find_catalogs(paths: Iterable[Path]) -> list[Path]:
    """The ``.po`` files named, or found under the directories named, sorted."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(path.rglob("*.po")))
        else:
            found.append(path)
    return found


class EntryChecker:
    """The per-entry checks for catalogs of one target language."""

    def __init__(self, language: str | None, glossary: Glossary | None) -> None:
        self.foreign = language is not None and not is_chinese(language)
        self.glossary = glossary if self.foreign else None

    def check(self, entry: polib.POEntry) -> list[tuple[str, str, str]]:
        """(check, message, severity) for each problem of a translated entry."""
        if entry.msgid_plural:
            pairs = [(entry.msgid if index == 0 else entry.msgid_plural, text)
                     for index, text in sorted(entry.msgstr_plural.items())]
        else:
            pairs = [(entry.msgid, entry.msgstr)]
        messages: list[tuple[str, str, str]] = []
        for source, translation in pairs:
            messages += self._compare(source, translation, entry.flags)
        return messages

    def _compare(self, source: str, translation: str,
                 flags: list[str]) -> list[tuple[str, str, str]]:
        found: list[tuple[str, str, str]] = []
        if source.startswith("\n") != translation.startswith("\n"):
            found.append(("newline", "source and translation must both start with a line "
                          "break, or neither", ERROR))
        if source.endswith("\n") != translation.endswith("\n"):
            found.append(("newline", "source and translation must both end with a line "
                          "break, or neither", ERROR))
        for flag in flags:
            if flag in format_strings.CHECKED:
                found += [("format", f"{problem} ({flag}: keep the source's placeholders; "
                           "'make update-po' keeps this flag only in itukb.po, whose words "
                           "the build formats)", ERROR)
                          for problem in format_strings.check(flag, source, translation)]
            elif _FORMAT_FLAG.match(flag):
                found.append(("format", f"flag {flag!r} does not apply to MyST text; "
                              "remove it", ERROR))
        original = markup.analyse(source)
        translated = markup.analyse(translation)
        # each check returns nothing in the common case: build findings only then
        problems = markup.differences(original, translated)
        if problems:
            found += [("markup", message, ERROR) for message in problems]
        problems = markup.added_html(original, translated)
        if problems:
            found += [("raw-html", f"raw HTML <{tag}> in the translation that the source "
                       "does not have: use MyST markup instead", ERROR) for tag in problems]
        found += [("structure", message, ERROR) for message in blocks_added(source, translation)]
        problems = numbers.differences(original.read, translated.read)
        if problems:
            found += [("numbers", message, ERROR) for message in problems]
        if may_have_emphasis(original.prose) or may_have_emphasis(translated.prose):
            found += _emphasis(source, translation)
        if self.foreign:
            found += self._foreign(original, translated)
        return found

    def _foreign(self, original: markup.Markup,
                 translated: markup.Markup) -> list[tuple[str, str, str]]:
        found: list[tuple[str, str, str]] = []
        if self.glossary is not None:
            for term in self.glossary.missing(original.prose, translated.prose):
                renderings = " or ".join(repr(form) for form in term.english)
                found.append(("glossary", f"{term.chinese!r} must be translated as "
                              f"{renderings} (glossary line {term.line})", ERROR))
        if not _NOT_ENGLISH.search(translated.prose):
            return found
        chinese = _CHINESE.findall(translated.prose)
        if chinese:
            shown = ", ".join(repr(text) for text in dict.fromkeys(chinese))
            found.append(("chinese", f"Chinese left in the translation: {shown} (quote "
                          "Chinese with the {zh} role)", ERROR))
        for mark in dict.fromkeys(_FULL_WIDTH.findall(translated.prose)):
            hint = f": use {_ASCII_FOR[mark]}" if mark in _ASCII_FOR else ""
            found.append(("punctuation", f"full-width punctuation {mark!r} in the "
                          f"translation{hint}", ERROR))
        return found


def _emphasis(source: str, translation: str) -> list[tuple[str, str, str]]:
    original = emphasis(source)
    translated = emphasis(translation)
    found: list[tuple[str, str, str]] = []
    if translated.unrendered:
        found.append(("emphasis", "'*' emphasis that MyST will not render (a mark must not "
                      "sit between punctuation and a letter, e.g. '**Note:**text' or "
                      "next to CJK punctuation); move the punctuation or add a space", ERROR))
    elif original.unrendered:
        found.append(("emphasis", "the source itself has '*' emphasis that MyST does not "
                      "render (next to CJK punctuation?); fix the page", WARNING))
    elif (original.emphasis, original.strong) != (translated.emphasis, translated.strong):
        found.append(("emphasis", f"the source has {original.emphasis} emphasis and "
                      f"{original.strong} strong spans, the translation "
                      f"{translated.emphasis} and {translated.strong}", ERROR))
    return found


def check_entries(catalog: Catalog, language: str | None, glossary: Glossary | None,
                  progress_severity: str) -> list[Finding]:
    """The findings of each entry of a parsed catalog (or slice)."""
    findings = []
    entries = EntryChecker(language, glossary)
    name = catalog.name
    for index, entry in enumerate(catalog.po):
        if entry.obsolete:
            continue
        if entry.fuzzy:
            if entry.previous_msgid is not None:
                why = ("the translation is of an earlier source text (kept as '#| msgid'): "
                       "compare the two, correct it, then remove '#, fuzzy' and '#|'")
            else:
                why = ("the translation was not written for this entry (no '#| msgid'): "
                       "make update-po suggests one found word for word in another catalog; "
                       "check that it fits here, then remove '#, fuzzy'")
            findings.append(Finding(name, catalog.line_of(index, entry), "fuzzy",
                                    f"needs review: {why}", entry.msgid, progress_severity))
        elif not is_translated(entry):
            findings.append(Finding(name, catalog.line_of(index, entry), "untranslated",
                                    "not translated yet", entry.msgid, progress_severity))
        else:
            found = entries.check(entry)
            if found:
                line = catalog.line_of(index, entry)
                findings += [Finding(name, line, check, message, entry.msgid, severity)
                             for check, message, severity in found]
    return findings


@dataclasses.dataclass(frozen=True)
class _Unit:
    """A catalog, or a slice of a large one, to check in one go (maybe in a worker)."""

    path: Path
    language: str | None
    start: int = 0
    end: int = -1
    #: bytes of the header entry put in front of a slice that lacks it
    header: bytes = b""
    first_line: int = 1


@dataclasses.dataclass
class _UnitResult:
    unit: _Unit
    findings: list[Finding]
    stats: CatalogStats | None
    #: source keys, to find duplicates across the slices of one catalog
    keys: list[tuple[str | None, str]]


def _check_unit(unit: _Unit, glossary: Glossary | None,
                thresholds: dict[str, float]) -> _UnitResult:
    severity = ERROR if thresholds.get(unit.language or "", 0.0) >= 100.0 else WARNING
    try:
        with unit.path.open("rb") as handle:
            handle.seek(unit.start)
            raw = handle.read() if unit.end < 0 else handle.read(unit.end - unit.start)
        text = decode(unit.path, unit.header + raw)
        catalog = parse_text(unit.path, text, header_lines=unit.header.count(b"\n"),
                             first_line=unit.first_line,
                             whole=unit.start == 0 and unit.end < 0)
    except CatalogError as err:
        return _UnitResult(unit, err.findings, None, [])
    except OSError as err:
        return _UnitResult(unit, [Finding(display_path(unit.path), 0, "syntax",
                                          f"cannot read: {err.strerror}")], None, [])
    findings = check_header(catalog, unit.language)
    if unit.start:
        # the header is reported once, with the slice that really has it
        findings = [f for f in findings if f.line != catalog.header_line]
    sliced = unit.start > 0 or unit.end >= 0
    if not sliced:
        findings += duplicates(catalog)
    findings += check_entries(catalog, unit.language, glossary, severity)
    return _UnitResult(unit, findings, catalog_stats(catalog.po),
                       live_keys(catalog) if sliced else [])


#: catalogs larger than this are split between workers
SPLIT_BYTES = 1 << 20
#: where a slice may start: a blank line after an entry's last string, before the
#: next entry's first comment or keyword
_ENTRY_BOUNDARY = re.compile(rb'\n(?:msgstr[^\n]*|"[^\n]*)\n\n(?=#|msgid |msgctxt )')
_HEADER_END = re.compile(rb"\n\n")


def _units(path: Path, language: str | None, jobs: int) -> list[_Unit]:
    """One unit per catalog; ``jobs`` slices for a catalog too large for one worker."""
    size = path.stat().st_size if path.is_file() else 0
    if jobs < 2 or size < SPLIT_BYTES:
        return [_Unit(path, language)]
    raw = path.read_bytes()
    header_end = _HEADER_END.search(raw)
    header = raw[:header_end.end()] if header_end else b""
    if b'msgid ""\nmsgstr ' not in header:
        # no header entry to give each slice: check the catalog whole
        return [_Unit(path, language)]
    cuts = [0]
    for part in range(1, jobs):
        boundary = _ENTRY_BOUNDARY.search(raw, max(size * part // jobs, cuts[-1] + 1))
        if boundary is None:
            break
        cuts.append(boundary.end())
    cuts.append(len(raw))
    return [_Unit(path, language, start, end if end < len(raw) else -1,
                  header if start else b"", raw.count(b"\n", 0, start) + 1)
            for start, end in itertools.pairwise(cuts)]


def check_catalogs(paths: Iterable[Path], *, glossary: Glossary | None = None,
                   thresholds: dict[str, float] | None = None,
                   language: str | None = None, jobs: int = 1) -> Report:
    """Check every catalog under ``paths``; ``language`` overrides the directory's.

    With ``jobs`` above 1, catalogs (and slices of catalogs over
    :data:`SPLIT_BYTES`) are checked in that many processes; the report is
    the same as with one.
    """
    thresholds = THRESHOLDS if thresholds is None else thresholds
    units = [unit for path in find_catalogs(paths)
             for unit in _units(path, language or language_of(path), jobs)]
    if jobs > 1 and len(units) > 1 and sum(_size(u.path) for u in units) >= SPLIT_BYTES:
        with concurrent.futures.ProcessPoolExecutor(min(jobs, len(units))) as pool:
            results = list(pool.map(_check_unit, units, itertools.repeat(glossary),
                                    itertools.repeat(thresholds)))
    else:
        results = [_check_unit(unit, glossary, thresholds) for unit in units]
    report = Report()
    by_path: dict[Path, list[_UnitResult]] = {}
    for result in results:
        by_path.setdefault(result.unit.path, []).append(result)
    for path, parts in by_path.items():
        findings = [f for part in parts for f in part.findings]
        if len(parts) > 1 and all(p.stats for p in parts) and duplicate_keys(
                [key for part in parts for key in part.keys]):
            # rare: find the lines of the duplicates by reading the catalog whole
            findings = _check_unit(_Unit(path, parts[0].unit.language), glossary,
                                   thresholds).findings
        report.findings += sorted(set(findings))
        if all(part.stats is not None for part in parts):
            stats = sum((part.stats for part in parts if part.stats), CatalogStats())
            report.catalogs.append(CheckedCatalog(path, parts[0].unit.language, stats))
    report.findings += _thresholds(report, thresholds)
    report.findings.sort(key=lambda f: (f.path, f.line, f.check, f.message))
    return report


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _thresholds(report: Report, thresholds: dict[str, float]) -> list[Finding]:
    by_language: dict[str, tuple[CatalogStats, set[Path]]] = {}
    for checked in report.catalogs:
        if checked.language is None:
            continue
        stats, roots = by_language.get(checked.language, (CatalogStats(), set()))
        root = next((p for p in checked.path.parents if p.name == checked.language),
                    checked.path.parent)
        by_language[checked.language] = (stats + checked.stats, roots | {root})
    findings = []
    for language, (stats, roots) in sorted(by_language.items()):
        required = thresholds.get(language)
        if required is None or stats.percent >= required:
            continue
        where = display_path(sorted(roots)[0]) if len(roots) == 1 else language
        findings.append(Finding(
            where, 0, "threshold",
            f"{language} is {stats.percent:.1f}% translated ({stats.translated} of "
            f"{stats.total}; {stats.fuzzy} fuzzy, {stats.untranslated} untranslated), "
            f"below the required {required:g}%"))
    return findings
