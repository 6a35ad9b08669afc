"""The numbers of a message, as a translation must keep them.

Symbols (CL-20/20), target numbers (1.4), years and counts must survive
translation digit for digit: a wrong digit in a document number is the
costliest mistake a translator can make, and the hardest to see.  What a
translation legitimately changes is the *form* of a date: 2020年4月27日
becomes "27 April 2020", so a Chinese month (``4月``) and an English month
name (``April``) count as the same item, ``month 4``.  Thousands separators
("15,000") are ignored.  Numbers written as Chinese numerals (五项) are not
digits and are not counted; the translators' guide asks for digits to stay
digits ("5项" is "5", not "five").
"""

from __future__ import annotations

import re
from collections import Counter

_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December",
)
_MONTH_NUMBER = {name: index for index, name in enumerate(_MONTHS, start=1)}

_NUMBER = re.compile(
    r"(?<![\d.])(\d{1,2})月"                    # a Chinese month: 4月
    rf"|\b({'|'.join(_MONTHS)})\b"              # an English month: April
    r"|\d+(?:\.\d+)*"                           # any other number: 2020, 1.4
)
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_GROUP = re.compile(rf"\d+(?:\.\d+)*|\b(?:{'|'.join(_MONTHS)})\b")
_AS_NUMBER = {name: str(number) for name, number in _MONTH_NUMBER.items()}


def numbers(prose: str) -> Counter[str]:
    """Count the numbers (and months) in ``prose``."""
    if "," in prose:
        prose = _THOUSANDS.sub("", prose)
    found: Counter[str] = Counter()
    for match in _NUMBER.finditer(prose):
        chinese_month, english_month = match.group(1), match.group(2)
        if chinese_month is not None and 1 <= int(chinese_month) <= 12:
            found[f"month {int(chinese_month)}"] += 1
        elif english_month is not None:
            found[f"month {_MONTH_NUMBER[english_month]}"] += 1
        else:
            value = match.group(1) or match.group()
            found[str(int(value)) if value.isdigit() else value] += 1
    return found


def show(item: str) -> str:
    """Name a counted item for a translator: ``month 4 (April)`` or ``2020``."""
    if item.startswith("month "):
        number = int(item.split()[1])
        return f"{item} ({_MONTHS[number - 1]}, {number}月)"
    return item


def _digit_groups(text: str) -> list[str]:
    """Digit groups, with month names read as numbers: cheap, for the common case."""
    found = _GROUP.findall(_THOUSANDS.sub("", text) if "," in text else text)
    found.sort()
    if found and not found[-1][0].isdigit():  # letters sort after digits: a month name
        found = sorted(_AS_NUMBER.get(item, item) for item in found)
    return found


def differences(source: str, translation: str) -> list[str]:
    """Say which numbers the translation lost or added."""
    # the common case, decided cheaply: the same digit groups once each month
    # name of the translation is read as its number (4月 ~ April)
    if _digit_groups(source) == _digit_groups(translation):
        return []
    wanted = numbers(source)
    found = numbers(translation)
    if wanted == found:
        return []
    messages = []
    missing = wanted - found
    extra = found - wanted
    if missing:
        messages.append("number(s) of the source missing from the translation: "
                        + ", ".join(show(item) for item in sorted(missing.elements())))
    if extra:
        messages.append("number(s) in the translation that the source does not have: "
                        + ", ".join(show(item) for item in sorted(extra.elements())))
    return messages
