"""How far a catalog is translated, counted the way readers experience it.

A fuzzy entry is *not* translated here: Sphinx leaves fuzzy translations out
of the compiled catalog (``gettext_allow_fuzzy_translations`` is off), so
readers see the Chinese source.  ``sphinx-intl stat`` counts fuzzy entries as
translated, which overstates progress; this module is what ``make stats``,
the checker's threshold and the site's status page all use.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import polib


@dataclasses.dataclass
class CatalogStats:
    translated: int = 0
    fuzzy: int = 0
    untranslated: int = 0
    #: entries whose source text is gone; kept for reuse, not counted in the total
    obsolete: int = 0

    @property
    def total(self) -> int:
        """Messages readers can meet: everything but obsolete entries."""
        return self.translated + self.fuzzy + self.untranslated

    @property
    def percent(self) -> float:
        """Share translated, 100 for an empty catalog (nothing is missing)."""
        return 100.0 * self.translated / self.total if self.total else 100.0

    @property
    def complete(self) -> bool:
        return self.translated == self.total

    def __add__(self, other: CatalogStats) -> CatalogStats:
        # not dataclasses.astuple, which deep-copies: 50 us a call, summed for every page
        return CatalogStats(*(getattr(self, name) + getattr(other, name)
                              for name in _COUNTS))

    def as_json(self) -> dict[str, Any]:
        return {**dataclasses.asdict(self), "total": self.total,
                "percent": round(self.percent, 2)}


_COUNTS = tuple(field.name for field in dataclasses.fields(CatalogStats))


def is_translated(entry: polib.POEntry) -> bool:
    """Whether readers see this entry translated: not fuzzy, every form filled in."""
    if entry.fuzzy:
        return False
    if entry.msgid_plural:
        return bool(entry.msgstr_plural) and all(entry.msgstr_plural.values())
    return bool(entry.msgstr)


def catalog_stats(po: polib.POFile) -> CatalogStats:
    stats = CatalogStats()
    for entry in po:
        if entry.obsolete:
            stats.obsolete += 1
        elif entry.fuzzy:
            stats.fuzzy += 1
        elif is_translated(entry):
            stats.translated += 1
        else:
            stats.untranslated += 1
    return stats
