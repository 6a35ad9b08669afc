"""The checks of each entry of a catalog: markup, numbers, emphasis, glossary, script.

Entries that readers will see translated (not fuzzy, not empty) are compared
with their source; fuzzy and untranslated entries are reported as such (their
Chinese source is what readers see).  Used by :mod:`itukb.catalogs.checker`,
which runs these checks over whole catalogs, in parallel for large ones.
"""

from __future__ import annotations

import re

import polib

from itukb.catalogs import format_strings, markup, numbers
from itukb.catalogs.emphasis import emphasis, may_have_emphasis
from itukb.catalogs.findings import ERROR, WARNING, Finding
from itukb.catalogs.glossary import Glossary
from itukb.catalogs.policy import is_chinese
from itukb.catalogs.reading import Catalog
from itukb.catalogs.stats import is_translated
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
