"""What markup and structure a translation adds to its source, read as MyST reads it.

A ``msgstr`` is parsed by MyST exactly as a page is, so a translator can
write anything a maintainer can: raw HTML, a ``{raw}`` or ``{eval-rst}``
block, an ``{include}`` of a file of the build machine, a second paragraph,
a list.  Sphinx keeps a translation only when it parses into the same kind
of node as its source (a paragraph for a paragraph); anything else it drops
without a word and shows the Chinese text, after its directives have run.
So a translation may add no structure its ``msgid`` lacks: this module
lists the block structure (paragraphs, lists, headings, fenced blocks and
the directive each names, HTML blocks), images and inline HTML tags of a
message with MyST's own Markdown parser, and says what the translation has
more of.  Roles, links and code spans are compared by ``make check-po``
(:mod:`itukb.catalogs.markup`).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Any

#: a message in which none of these occurs (once roles and code spans are set
#: aside, whose ``<target>`` is no HTML) has one paragraph and no HTML or image
_MAYBE_STRUCTURE = re.compile(
    r"<[A-Za-z!/?]|\n|!\[|^\s*(?:[#>*+|-]|\d+[.)]|`{3}|~{3}|:{3}|\(.*\)=|%)", re.MULTILINE)
_ROLES_AND_CODE = re.compile(r"(?:\{[\w:+.-]+\})?(`+)(?!`)[^\n]*?(?<!`)\1(?!`)")
#: tokens that are parts of a block already counted (a list's items, a table's rows)
_PARTS = frozenset({"inline", "list_item_open", "dt_open", "dd_open", "thead_open",
                    "tbody_open", "tr_open", "th_open", "td_open"})
_TAG = re.compile(r"</?\s*([A-Za-z][A-Za-z0-9-]*)|<!--")

#: the MyST extensions of the knowledge base (conf.py's myst_enable_extensions), for
#: the catalog check, which runs without Sphinx
MYST_EXTENSIONS = frozenset({"colon_fence", "deflist"})

#: how each kind of block is named in a finding
_NAMES = {
    "paragraph": "a paragraph", "heading": "a heading", "bullet_list": "a list",
    "ordered_list": "a numbered list", "blockquote": "a block quote", "table": "a table",
    "hr": "a horizontal rule", "html_block": "an HTML block", "dl": "a definition list",
    "myst_target": "a label", "myst_line_comment": "a comment", "math_block": "a math block",
    "footnote_block": "a footnote", "image": "an image",
}


@lru_cache(maxsize=4)
def _parser(extensions: frozenset[str]) -> Any:
    from markdown_it.renderer import RendererHTML
    from myst_parser.config.main import MdParserConfig
    from myst_parser.parsers.mdit import create_md_parser
    return create_md_parser(MdParserConfig(enable_extensions=set(extensions)), RendererHTML)


def structure(text: str, extensions: frozenset[str] = frozenset()) -> Counter[str]:
    """The structure of a MyST message, as named counts (e.g. ``'the {raw} directive'``)."""
    found: Counter[str] = Counter()
    if not maybe_structured(text):
        found["a paragraph"] = 1 if text.strip() else 0
        return +found
    for token in _parser(extensions).parse(text):
        if token.nesting >= 0 and token.type not in _PARTS:
            found[_block(token.type, token.info)] += 1
        for child in token.children or []:
            if child.type == "html_inline":
                tag = _TAG.match(child.content)
                if tag and tag.group(1):
                    if not child.content.startswith("</"):
                        found[f"the HTML tag <{tag.group(1).lower()}>"] += 1
                else:
                    found["an HTML comment"] += 1
            elif child.type == "image":
                found["an image"] += 1
    return found


def maybe_structured(text: str) -> bool:
    """Whether ``text`` may hold more than one paragraph of words, roles and links.

    A cheap test, so that most messages are not parsed at all.
    """
    if not _MAYBE_STRUCTURE.search(text):
        return False
    if "\\`" in text:  # an escaped backtick: no code span to set aside safely
        return True
    return bool(_MAYBE_STRUCTURE.search(_ROLES_AND_CODE.sub("x", text)))


def _block(kind: str, info: str) -> str:
    kind = kind.removesuffix("_open")
    if kind in ("fence", "colon_fence", "code_block"):
        directive = re.match(r"\s*\{([^}\s]+)\}", info)
        if directive:
            return f"the {{{directive.group(1)}}} directive"
        return "a code block"
    return _NAMES.get(kind, f"a {kind.replace('_', ' ')}")


def added_structure(msgid: str, msgstr: str,
                    extensions: frozenset[str] = frozenset()) -> list[str]:
    """What ``msgstr`` has that ``msgid`` has not, e.g. ``['the {raw} directive']``."""
    if not msgstr or not maybe_structured(msgstr):
        return []  # one paragraph, or none: nothing a source lacks
    translated = structure(msgstr, extensions)
    if set(translated) <= {"a paragraph"} and translated["a paragraph"] <= 1:
        return []
    extra = translated - structure(msgid, extensions)
    return [name if count == 1 else f"{name} ({count} times)"
            for name, count in sorted(extra.items())]


def blocks_added(msgid: str, msgstr: str) -> list[str]:
    """``make check-po``'s finding for structure other than HTML (which it reports itself)."""
    added = [item for item in added_structure(msgid, msgstr, MYST_EXTENSIONS)
             if not item.startswith(("the HTML tag", "an HTML comment"))]
    if not added:
        return []
    return [f"the translation adds {', '.join(added)}, which the source does not have: "
            "translate the words only (make html refuses it)"]
