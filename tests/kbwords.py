"""The extension's words in a given language, for tests that compare a page with them.

Read from the ``itukb`` catalogs the build reads (:func:`itukb.i18n.in_language.words_in`),
so a test expects what the catalogs say, never a sentence of its own.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

from itukb.i18n.in_language import LanguageWords, words_in


@cache
def words(language: str) -> LanguageWords:
    return words_in(language)


def label(key: str, language: str) -> str:
    return words(language).label(key)


def kind_name(kind: str, language: str) -> str:
    return words(language).kind_name(kind)


def source_language_name(code: str, language: str) -> str:
    return words(language).source_language_name(code)


def format_date(value: dt.date, language: str) -> str:
    return words(language).format_date(value)
