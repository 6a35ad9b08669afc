"""The bilingual term list: one English rendering for each Chinese term.

An organisation's names, programmes and bodies have official English names;
a translator who writes "Connectivity Goals 2030" instead of "Connect 2030
Agenda" breaks search and cross-page consistency.  ``locale/glossary.tsv``
lists the terms, one per line::

    中文术语<TAB>English term[ | alternative]<TAB>note

A message whose source contains a term must contain one of its English
renderings.  Matching is exact, except that the first letter may be
capitalised ("Digital transformation" at the start of a sentence).  Where
terms overlap (国际电联数字世界展 contains 国际电联), the longest wins.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from itukb.catalogs.findings import display_path

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


class GlossaryError(ValueError):
    """The term list itself is malformed; the message names file and line."""


@dataclasses.dataclass(frozen=True)
class Term:
    chinese: str
    english: tuple[str, ...]
    note: str
    line: int

    def rendered_in(self, text: str) -> bool:
        return any(form in text or (form[:1].upper() + form[1:]) in text
                   for form in self.english)


class Glossary:
    """Terms, and a matcher that finds them in a source message."""

    def __init__(self, terms: list[Term]) -> None:
        self.terms = {term.chinese: term for term in terms}
        if terms:
            alternatives = sorted(self.terms, key=len, reverse=True)
            self._pattern: re.Pattern[str] | None = re.compile(
                "|".join(re.escape(term) for term in alternatives))
        else:
            self._pattern = None

    def __len__(self) -> int:
        return len(self.terms)

    def missing(self, source: str, translation: str) -> list[Term]:
        """Terms of ``source`` whose English rendering ``translation`` lacks."""
        if self._pattern is None:
            return []
        found = self._pattern.findall(source)
        if not found:
            return []
        return [self.terms[t] for t in sorted(set(found))
                if not self.terms[t].rendered_in(translation)]


def load_glossary(path: Path) -> Glossary:
    """Read the term list; raise :class:`GlossaryError` naming the line of a bad row."""
    name = display_path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise GlossaryError(f"{name}: cannot read the glossary: {err}") from err
    terms: list[Term] = []
    seen: dict[str, int] = {}
    for number, row in enumerate(text.splitlines(), start=1):
        if not row.strip() or row.startswith("#"):
            continue
        fields = row.split("\t")
        if len(fields) not in (2, 3):
            raise GlossaryError(
                f"{name}:{number}: expected 'Chinese<TAB>English<TAB>note' "
                f"(2 or 3 tab-separated fields), found {len(fields)}")
        chinese = fields[0].strip()
        english = tuple(form.strip() for form in fields[1].split("|") if form.strip())
        if not _CJK.search(chinese):
            raise GlossaryError(f"{name}:{number}: the first field {chinese!r} is not Chinese")
        if not english:
            raise GlossaryError(f"{name}:{number}: no English rendering for {chinese!r}")
        if chinese in seen:
            raise GlossaryError(
                f"{name}:{number}: {chinese!r} is already listed on line {seen[chinese]}")
        seen[chinese] = number
        terms.append(Term(chinese, english, fields[2].strip() if len(fields) == 3 else "",
                          number))
    return Glossary(terms)
