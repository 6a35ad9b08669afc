"""Emphasis as MyST will render it, not as the asterisks suggest.

CommonMark only opens or closes emphasis where the ``*`` is "flanking": a
closing ``**`` directly after punctuation must be followed by a space or
more punctuation.  Chinese text has no spaces, so ``**重要：**后面`` shows
its asterisks to readers; the same happens in English with
``**Note:**text``.  Counting asterisks cannot see this, so the message is
parsed with markdown-it (the parser MyST itself is built on), which is slow
enough that it is only done when the answer is not plain: when every run of
``*`` in a message clearly opens or clearly closes (by CommonMark's own
definitions of whitespace and punctuation, taken from markdown-it) and the
runs pair up, the count is read off directly.
"""

from __future__ import annotations

import dataclasses
import re
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.common.utils import isPunctChar, isWhiteSpace

_ESCAPED = re.compile(r"\\[*_]")
_RUN = re.compile(r"(?<!\S)\*+(?!\S)|(\*+)")
_STARS = re.compile(r"\*+")


@dataclasses.dataclass(frozen=True)
class Emphasis:
    emphasis: int
    strong: int
    #: runs of ``*`` touching text that were left as literal asterisks
    unrendered: int


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark")


def _plain(text: str) -> tuple[int, int] | None:
    """(emphasis, strong) if every ``*`` run plainly opens or closes; else None."""
    if "`" in text or "_" in text or "<" in text or "\\" in text:
        return None
    openers: list[int] = []
    em = strong = 0
    for run in _STARS.finditer(text):
        start, end = run.span()
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        space_before, space_after = isWhiteSpace(ord(before)), isWhiteSpace(ord(after))
        punct_before, punct_after = isPunctChar(before), isPunctChar(after)
        opens = not space_after and (not punct_after or space_before or punct_before)
        closes = not space_before and (not punct_before or space_after or punct_after)
        length = end - start
        if opens == closes or length > 2:
            if space_before and space_after:
                continue  # an asterisk between spaces is just an asterisk
            return None
        if opens:
            openers.append(length)
        elif openers and openers[-1] == length:
            openers.pop()
            em += length == 1
            strong += length == 2
        else:
            return None
    return None if openers else (em, strong)


def emphasis(text: str) -> Emphasis:
    """Count the emphasis a message renders, and the asterisks it fails to render."""
    plain = _plain(text)
    if plain is not None:
        return Emphasis(plain[0], plain[1], 0)
    tokens = _parser().parseInline(_ESCAPED.sub("", text))[0].children or []
    em = strong = unrendered = 0
    for token in tokens:
        if token.type == "em_open":
            em += 1
        elif token.type == "strong_open":
            strong += 1
        elif token.type == "text" and "*" in token.content:
            # a lone " * " between spaces is an asterisk, not failed emphasis
            unrendered += sum(1 for run in _RUN.finditer(token.content) if run.group(1))
    return Emphasis(em, strong, unrendered)


def may_have_emphasis(text: str) -> bool:
    return "*" in text or "_" in text
