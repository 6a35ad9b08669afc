"""Dates and numbers, formatted by Babel (CLDR) for the build's language.

The shape of a date is a word of the ``itukb`` catalog: a CLDR pattern
(``d MMMM y`` in English, ``y年M月d日`` in Chinese), so each language's
translator chooses its convention while Babel supplies the month names and
digits of the build's locale.  CLDR's own "long" format would not do for
English: ``en`` writes "November 4, 2020", where the site has always written
the day first ("4 November 2020", as ``en_GB`` does); a pattern keeps that
without naming a locale variant per language in code.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

from babel.dates import format_date as babel_format_date
from babel.numbers import format_decimal
from babel.numbers import format_percent as babel_format_percent

from itukb.i18n.config import MSGID_LANGUAGE, cldr_locale
from itukb.i18n.names import DATE_FORMAT, YEAR_FORMAT
from itukb.i18n.words import C_


def date_with(value: dt.date, pattern: str, language: str | None) -> str:
    """``value`` written by the CLDR ``pattern`` with ``language``'s names and digits."""
    return babel_format_date(value, pattern, locale=cldr_locale(language or MSGID_LANGUAGE))


def format_date(value: dt.date, language: str | None) -> str:
    """``value`` as a reader of ``language`` (the build's language) writes a date."""
    return date_with(value, C_(*DATE_FORMAT), language)


def format_year(year: int, language: str | None) -> str:
    """A year alone (a resolution adopted in a year whose day is not known)."""
    return date_with(dt.date(year, 1, 1), C_(*YEAR_FORMAT), language)


@functools.lru_cache(maxsize=4096)
def format_number(value: int, language: str | None) -> str:
    """A count, with the digits and grouping of ``language`` (1,234 in English).

    Kept: the status page writes a few small counts thousands of times, and
    Babel takes about 40 µs for each.
    """
    return format_decimal(value, locale=cldr_locale(language or MSGID_LANGUAGE))


@functools.lru_cache(maxsize=4096)
def format_percent(percent: float, decimals: int, language: str | None) -> str:
    """A share out of 100 (``percent``) with ``decimals`` decimals, in the locale's
    percent pattern ("66.7%" in English, "66,7 %" in French)."""
    locale = cldr_locale(language or MSGID_LANGUAGE)
    pattern = locale.percent_formats[None].pattern
    if decimals:
        pattern = re.sub(r"0(?=[^0#,.]*$)", "0." + "0" * decimals, pattern, count=1)
    return babel_format_percent(percent / 100, pattern, locale=locale)
