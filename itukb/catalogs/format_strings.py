"""Format-string checks for entries flagged ``python-format`` or ``python-brace-format``.

``msgfmt --check`` refuses a translation whose format directives differ
from its source's.  Babel (and so ``sphinx-intl``) puts those flags on any
message that looks like a format string, and every MyST role (``{ref}``)
does; a catalog carrying them must pass the same test msgfmt applies, or
a packager running msgfmt would reject it.  ``make update-po`` drops the
flags, since MyST text is never formatted by Python.
"""

from __future__ import annotations

import re

#: flags whose format this module checks
CHECKED = ("python-format", "python-brace-format")

_BRACE_FIELD = re.compile(
    r"\{(?:(\{)"                                    # "{{" is a literal brace
    r"|((?:[A-Za-z_]\w*|\d+)?)"                     # field name (may be empty)
    r"((?:\.[A-Za-z_]\w*|\[[^\]]*\])*)"             # .attribute and [index]
    r"(?:![rsa])?"                                   # conversion
    r"(?::(?:[^{}]|\{[^{}]*\})*)?"                   # format spec, one level of nesting
    r"\})"
)
_PERCENT = re.compile(
    r"%(?:(%)|(?:\(([^)]*)\))?[#0\- +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?"
    r"([diouxXeEfFgGcrsa]))"
)
#: conversions that take the same kind of argument
_SAME_KIND = {"i": "d", "u": "d"}


def brace_fields(text: str) -> set[str] | None:
    """Named and numbered fields of a brace format, or None if ``text`` is not one."""
    names: set[str] = set()
    position = 0
    while True:
        start = text.find("{", position)
        if start < 0:
            return names
        match = _BRACE_FIELD.match(text, start)
        if match is None:
            return None
        if match.group(1) is None and match.group(2):
            names.add(match.group(2) + match.group(3))
        position = match.end()


def percent_directives(text: str) -> tuple[dict[str, str], list[str]] | None:
    """Named and positional ``%`` directives, or None if ``text`` is not a valid format."""
    named: dict[str, str] = {}
    positional: list[str] = []
    position = 0
    while True:
        start = text.find("%", position)
        if start < 0:
            break
        match = _PERCENT.match(text, start)
        if match is None:
            return None
        if match.group(1) is None:
            kind = _SAME_KIND.get(match.group(3), match.group(3))
            if match.group(2) is not None:
                named[match.group(2)] = kind
            else:
                positional.append(kind)
        position = match.end()
    if named and positional:
        return None
    return named, positional


def check(flag: str, msgid: str, msgstr: str) -> list[str]:
    """Problems msgfmt would report for ``msgstr`` under ``flag``."""
    if flag == "python-brace-format":
        source = brace_fields(msgid)
        if source is None:
            return []
        target = brace_fields(msgstr)
        if target is None:
            return ["the translation is not a valid Python brace format, unlike its "
                    "source (a lone '{')"]
        return ([f"format field {{{name}}} of the source is missing from the translation"
                 for name in sorted(source - target)]
                + [f"format field {{{name}}} is not in the source" for name in
                   sorted(target - source)])
    source_percent = percent_directives(msgid)
    if source_percent is None:
        return []
    target_percent = percent_directives(msgstr)
    if target_percent is None:
        return ["the translation is not a valid Python %-format, unlike its source "
                "(write a literal % as %%)"]
    (source_named, source_positional), (target_named, target_positional) = (
        source_percent, target_percent)
    problems = [f"%({name}) of the source is missing from the translation"
                for name in sorted(set(source_named) - set(target_named))]
    problems += [f"%({name}) is not in the source" for name in
                 sorted(set(target_named) - set(source_named))]
    problems += [f"%({name}) changes its conversion" for name in
                 sorted(set(source_named) & set(target_named))
                 if source_named[name] != target_named[name]]
    if source_positional != target_positional:
        problems.append("the %-directives differ in number or kind from the source's")
    return problems
