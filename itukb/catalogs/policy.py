"""The project's translation rules that are numbers, not code.

Kept in one place so the checker, the updater and the translators' guide
(CONTRIBUTING.md) agree on them.
"""

from __future__ import annotations

#: share of messages (percent, fuzzy counted as untranslated) each language
#: must reach for ``make check-po`` to pass; English ships complete
THRESHOLDS: dict[str, float] = {"en": 100.0}

#: ``Plural-Forms`` written into new catalogs; Sphinx pages have no plural
#: messages, but editors such as Poedit ask for the header when it is missing
PLURAL_FORMS: dict[str, str] = {
    "en": "nplurals=2; plural=(n != 1);",
    "zh_CN": "nplurals=1; plural=0;",
}

#: line width catalogs are written at, as msgmerge does; fixed so that updating
#: twice never rewraps anything
WRAP_WIDTH = 79

#: how alike (difflib ratio) an old source message must be to a new one for
#: its translation to be carried over as fuzzy; msgmerge uses the same bar
FUZZY_MATCH_RATIO = 0.6


def is_chinese(language: str) -> bool:
    return language.lower().replace("-", "_").startswith("zh")
