"""A page's text as readers get it, without the formatting of its source.

The version check (:mod:`itukb.build.version_check`) asks whether a page's text
changed since the commit that set its ``version``.  Comparing the bytes of
the file would call every re-wrapped paragraph, changed list bullet or
spelling of a role a change; comparing this form does not.  The page is
parsed by MyST's own Markdown parser (the one the build uses, with the
extensions of ``conf.py``), and reduced to a list of passages: each block
(heading, paragraph, list item, table cell, directive) with the words a
reader sees, whitespace collapsed.  A role's or link's explicit text counts,
its target does not (``{ref}`text <x>``` and ``{event}`text <x>``` render
the same); a role without explicit text keeps its content, which decides the
generated text (``{target}`3.5```).  The front matter contributes the values
the catalogs translate (title, place, issuer, addressees, history changes),
not metadata such as ``date`` that the build formats itself.

Our own code: MyST offers the parser but no notion of "same text".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from typing import Any

import yaml
from markdown_it.token import Token

from itukb.model.frontmatter import split_front_matter

#: front matter fields whose values are translated (see itukb.reading.metadata)
TRANSLATABLE_FIELDS = ("title", "place", "issuer", "addressees")
_EXPLICIT_TITLE = re.compile(r"^(.*?)\s*<[^<>]+>$", re.DOTALL)
_SPACE = re.compile(r"\s+")
_BREAK = "\0"
#: a line break between two wide (CJK) characters is not shown (CSS Text 3,
#: segment break transformation): re-wrapping Chinese changes nothing
_WIDE = "\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
_WIDE_BREAK = re.compile(f"(?<=[{_WIDE}])[ \t]*\0[ \t]*(?=[{_WIDE}])")
#: token types that carry no text a reader sees
_SILENT = {"myst_target", "myst_line_comment", "html_block", "hr", "front_matter"}


@cache
def _parser(extensions: frozenset[str]) -> Any:
    from markdown_it.renderer import RendererHTML
    from myst_parser.config.main import MdParserConfig
    from myst_parser.parsers.mdit import create_md_parser

    return create_md_parser(MdParserConfig(enable_extensions=set(extensions)), RendererHTML)


def _squash(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _inline_text(children: Iterable[Token]) -> str:
    parts: list[str] = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(_BREAK)
        elif child.type == "myst_role":
            match = _EXPLICIT_TITLE.match(child.content)
            parts.append(match.group(1) if match else child.content)
        elif child.type == "footnote_ref":
            parts.append(f"[^{child.meta.get('label', '')}]")
        elif child.type == "image":
            parts.append(child.content or str(child.attrs.get("alt", "")))
        elif child.children:
            parts.append(_inline_text(child.children))
    return _squash(_WIDE_BREAK.sub("", "".join(parts)).replace(_BREAK, " "))


def _passages(tokens: list[Token], extensions: frozenset[str]) -> list[str]:
    passages: list[str] = []
    for token in tokens:
        if token.type in _SILENT:
            continue
        if token.type == "inline":
            text = _inline_text(token.children or [])
            if text:
                passages.append(text)
        elif token.type == "colon_fence":
            # a directive such as {editorial-note}: its body is Markdown again
            passages.append(f"<{_squash(token.info)}>")
            passages += _passages(_parser(extensions).parse(token.content), extensions)
        elif token.type in ("fence", "code_block"):
            passages.append(f"<{_squash(token.info)}> {_squash(token.content)}")
        elif token.type in ("math_block", "amsmath", "myst_block_break"):
            passages.append(_squash(token.content))
    return passages


def _front_matter_values(text: str) -> list[str]:
    try:
        block = split_front_matter(text)
    except Exception:  # an unclosed block: the build reports it
        return []
    if block is None:
        return []
    try:
        data = yaml.safe_load(block[0])
    except yaml.YAMLError:
        return [_squash(block[0])]  # malformed: the build reports it; compare it whole
    if not isinstance(data, dict):
        return []
    values: list[str] = []
    for field in TRANSLATABLE_FIELDS:
        value = data.get(field)
        items = value if isinstance(value, list) else [value]
        values += [f"{field}: {_squash(str(item))}" for item in items if item is not None]
    for entry in data.get("history") or []:
        if isinstance(entry, dict) and entry.get("change") is not None:
            values.append(f"change {entry.get('version')}: {_squash(str(entry['change']))}")
    return values


def page_text(text: str, extensions: Iterable[str] = ("colon_fence", "deflist")) -> list[str]:
    """The passages of a MyST page (its translatable front matter values first)."""
    wanted = frozenset(extensions)
    return _front_matter_values(text) + _passages(_parser(wanted).parse(text), wanted)


def front_matter_value(text: str, field: str) -> str | None:
    """One field of a page's front matter, as text; None when absent or unreadable."""
    try:
        block = split_front_matter(text)
        data = yaml.safe_load(block[0]) if block else None
    except Exception:
        return None
    if not isinstance(data, dict) or data.get(field) is None:
        return None
    return str(data[field])


def field_line(text: str, field: str) -> int:
    """The line of ``field:`` in the front matter (1 when it is not there)."""
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith(f"{field}:"):
            return number
        if number > 1 and line.strip() == "---":
            break
    return 1
