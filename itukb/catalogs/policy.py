"""The project's translation rules that are numbers, not code.

Kept in one place so the checker, the updater and the translators' guide
(CONTRIBUTING.md) agree on them.
"""

from __future__ import annotations

from babel import Locale, UnknownLocaleError
from babel.messages.plurals import get_plural

#: share of messages (percent, fuzzy counted as untranslated) each language
#: must reach for ``make check-po`` to pass; English ships complete
THRESHOLDS: dict[str, float] = {"en": 100.0}


def plural_forms(language: str) -> str | None:
    """``Plural-Forms`` written into new catalogs, from CLDR (Babel); None if unknown.

    Sphinx pages have no plural messages, but editors such as Poedit ask for
    the header when it is missing.
    """
    try:
        return str(get_plural(language.replace("-", "_")).plural_forms)
    except (UnknownLocaleError, ValueError):
        return None


def english_name(language: str) -> str:
    """The language's name in English (CLDR), for the first line of a new catalog."""
    try:
        return Locale.parse(language.replace("-", "_")).get_language_name("en") or language
    except (UnknownLocaleError, ValueError):
        return language

#: line width catalogs are written at, as msgmerge does; fixed so that updating
#: twice never rewraps anything
WRAP_WIDTH = 79

#: how alike (difflib ratio) an old source message must be to a new one for
#: its translation to be carried over as fuzzy; msgmerge uses the same bar
FUZZY_MATCH_RATIO = 0.6


def is_chinese(language: str) -> bool:
    return language.lower().replace("-", "_").startswith("zh")
