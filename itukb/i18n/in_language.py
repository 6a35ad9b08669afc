"""The words of any language, whatever language is being built (or none).

The build writes its words in its own language (:mod:`itukb.i18n.words`);
a few things show several languages at once (the root 404 page, written
after the builds) and the tests compare a page with the words of its
language.  :func:`words_in` reads a language's ``itukb.po`` catalogs
themselves (Babel), so it needs neither a compiled catalog nor Sphinx.
"""

from __future__ import annotations

import datetime as dt
import gettext
from pathlib import Path

from itukb.i18n.catalog import read_translations
from itukb.i18n.config import CATALOG_DIR
from itukb.i18n.dates import date_with
from itukb.i18n.names import DATE_FORMAT, KINDS, LABELS, SOURCE_LANGUAGE_NAMES, YEAR_FORMAT


class LanguageWords:
    """The ``itukb`` words of one language."""

    def __init__(self, language: str, translations: gettext.NullTranslations) -> None:
        self.language = language
        self.translations = translations

    def gettext(self, message: str) -> str:
        return self.translations.gettext(message)

    def pgettext(self, context: str, message: str) -> str:
        return self.translations.pgettext(context, message)

    def label(self, key: str) -> str:
        return self.gettext(LABELS[key])

    def kind_name(self, kind: str) -> str:
        return self.gettext(KINDS[kind])

    def source_language_name(self, code: str) -> str:
        return self.gettext(SOURCE_LANGUAGE_NAMES[code])

    def format_date(self, value: dt.date) -> str:
        return date_with(value, self.pgettext(*DATE_FORMAT), self.language)

    def format_year(self, year: int) -> str:
        return date_with(dt.date(year, 1, 1), self.pgettext(*YEAR_FORMAT), self.language)


def words_in(language: str, locale_dirs: list[Path] | None = None) -> LanguageWords:
    """``language``'s words, from ``locale_dirs`` (the first that has a word wins)
    and then the shipped catalogs."""
    folders = [*(locale_dirs or []), CATALOG_DIR]
    return LanguageWords(language, read_translations(language, folders))
