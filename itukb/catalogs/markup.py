"""Split a MyST message into its markup and its prose.

A translation may reword the prose freely but must carry the markup across
unchanged: a role keeps its name, a cross-reference keeps its target, a link
keeps its URL, a code span is not translated.  The messages Sphinx extracts
from MyST pages are the Markdown source of one paragraph, title or cell, so
the markup can be read with one pass of a regular expression; a full
Markdown parse of every message would make the checker many times slower
(see ``benchmarks/bench_catalogs.py``) and is kept for the one question that
needs it, emphasis (:mod:`itukb.catalogs.emphasis`).
"""

from __future__ import annotations

import re
from collections import Counter

#: roles whose content is text to translate; any other role's content (or its
#: ``<...>`` part) is a target, which must not change: {ref}, {doc}, and the
#: project's own reference roles such as {document} or {resolution}
TEXT_ROLES = frozenset({
    "sic", "placeholder", "editorial", "abbr", "sub", "sup", "kbd", "guilabel",
    "menuselection", "dfn", "emphasis", "strong",
})

#: roles whose link text, when none is written, is generated from their number
#: ({target}`3.5` reads "Target 3.5"): that number is one a reader sees
NUMBERED_ROLES = frozenset({"target", "goal", "resolution"})
#: the role that quotes Chinese inside another language (see itukb.reading.editorial)
QUOTE_ROLE = "zh"

_TOKEN = re.compile(
    r"""
      (?P<escape>\\[!-/:-@\[-`{-~])
    | \{(?P<role>[A-Za-z][\w:+.-]*)\}(?P<rtick>`+)(?P<rbody>[\s\S]+?)(?P=rtick)(?!`)
    | \{\{\s*(?P<subst>[^{}\s]+)\s*\}\}
    | (?<!`)(?P<ctick>`+)(?!`)(?P<cbody>[\s\S]+?)(?<!`)(?P=ctick)(?!`)
    | \[\^(?P<footnote>[^\]\s]+)\]
    | \]\((?P<dest><[^<>\n]*>|[^\s()<>]*(?:\([^\s()]*\)[^\s()<>]*)*)
          (?:\s+(?:"[^"]*"|'[^']*'|\([^()]*\)))?\s*\)
    | \]\[(?P<refname>[^\]]+)\]
    | <(?P<autolink>[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*
        |[\w.!\#$%&'*+/=?^`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?
          (?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*)>
    | (?P<html></?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>|<!--[\s\S]*?-->)
    | (?P<url>https?://[^\s<>()\[\]`"'“”‘’，。、；：）（]+)
    | ^\((?P<label>[^()\s]+)\)=
    """,
    re.VERBOSE | re.MULTILINE,
)

#: a message without any of these has no markup at all: skip the tokenizer
_MAYBE_MARKUP = re.compile(r"[`\[\]<{\\]|://|\)=")
_ROLE_TARGET = re.compile(r"^([\s\S]*?)\s*<([^<>]+)>$")
_TAG_NAME = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)")

#: what each kind of markup is called in a finding
KIND_NAMES = {
    "role": "role",
    "target": "cross-reference target",
    "link": "link URL",
    "refname": "reference link",
    "footnote": "footnote reference",
    "autolink": "autolink",
    "url": "URL",
    "code": "code span",
    "subst": "substitution",
    "label": "label",
}


class Markup:
    """The markup of one message (as counted items) and its prose."""

    __slots__ = ("bare", "html", "items", "prose", "quoted")

    def __init__(self, items: list[tuple[str, str]], html: list[str], prose: str,
                 quoted: list[str], bare: list[str] | None = None) -> None:
        #: (kind, value) pairs that a translation must keep, in any order
        self.items = items
        #: names of raw HTML tags
        self.html = html
        #: the words of the message, without markup targets, URLs or code
        self.prose = prose
        #: text quoted with the ``{zh}`` role (left out of ``prose``)
        self.quoted = quoted
        #: the content of roles without explicit text ({target}`3.5`), whose
        #: numbers the reader sees in the generated link text
        self.bare = bare or []

    @property
    def read(self) -> str:
        """The text a reader reads: the prose and the bare roles' content."""
        return " ".join([self.prose, *self.bare]) if self.bare else self.prose


def _role(name: str, body: str, items: list[tuple[str, str]], prose: list[str],
          quoted: list[str], bare: list[str]) -> None:
    if name == QUOTE_ROLE:
        quoted.append(body)
        return
    items.append(("role", name))
    found = _ROLE_TARGET.match(body)
    if found:
        title, target = found.groups()
        items.append(("target", f"{{{name}}}<{target}>"))
        prose.append(title)
    elif name in TEXT_ROLES:
        prose.append(body)
    else:
        items.append(("target", f"{{{name}}}<{body}>"))
        if name in NUMBERED_ROLES:
            bare.append(body.split("@")[0])


def analyse(text: str) -> Markup:
    """Read the markup of a MyST message."""
    if not _MAYBE_MARKUP.search(text):
        return Markup([], [], text, [])
    items: list[tuple[str, str]] = []
    html: list[str] = []
    prose: list[str] = []
    quoted: list[str] = []
    bare: list[str] = []
    position = 0
    for match in _TOKEN.finditer(text):
        prose.append(text[position:match.start()])
        position = match.end()
        kind = match.lastgroup
        if kind == "escape":
            prose.append(match.group()[1])
        elif kind == "rbody":
            _role(match.group("role"), match.group("rbody"), items, prose, quoted, bare)
        elif kind == "cbody":
            items.append(("code", match.group("cbody")))
        elif kind == "html":
            tag = _TAG_NAME.match(match.group())
            html.append(tag.group(1).lower() if tag else "<!-- -->")
        elif kind == "dest":
            items.append(("link", match.group("dest").strip("<>")))
        elif kind == "url":
            items.append(("url", match.group("url").rstrip(".,;:!?")))
        elif kind is not None:
            items.append((kind, match.group(kind)))
    prose.append(text[position:])
    return Markup(items, html, "".join(prose), quoted, bare)


def differences(source: Markup, translation: Markup) -> list[str]:
    """Say what markup the translation lost or gained, one sentence each."""
    if source.items == translation.items:
        return []
    wanted = Counter(source.items)
    found = Counter(translation.items)
    if wanted == found:
        return []
    messages = []
    missing = wanted - found
    # a role dropped with its target is one mistake: say it once, as written
    for (kind, value), count in sorted(missing.items()):
        if kind == "target" and missing[("role", value[1:value.index("}")])] >= count:
            name, target = value[1:value.index("}")], value[value.index("<") + 1:-1]
            missing[("role", name)] -= count
            del missing[(kind, value)]
            times = f" ({count} times)" if count > 1 else ""
            messages.append(f"role {{{name}}} with target '{target}' of the source is missing "
                            f"from the translation{times}: keep the role and its target")
    for (kind, value), count in sorted(missing.items()):
        if count <= 0:
            continue
        times = f" ({count} times)" if count > 1 else ""
        messages.append(f"{KIND_NAMES[kind]} {_show(kind, value)} of the source is missing"
                        f" from the translation{times}")
    for (kind, value), count in sorted((found - wanted).items()):
        times = f" ({count} times)" if count > 1 else ""
        messages.append(f"{KIND_NAMES[kind]} {_show(kind, value)} is in the translation but"
                        f" not in the source{times}")
    return messages


def _show(kind: str, value: str) -> str:
    if kind == "role":
        return f"{{{value}}}"
    if kind == "footnote":
        return f"[^{value}]"
    if kind == "autolink":
        return f"<{value}>"
    if kind == "code":
        return f"`{value}`"
    if kind == "subst":
        return f"{{{{{value}}}}}"
    return f"'{value}'"


def added_html(source: Markup, translation: Markup) -> list[str]:
    """Raw HTML tags in the translation that its source does not have."""
    if not translation.html:
        return []
    return sorted((Counter(translation.html) - Counter(source.html)).elements())
