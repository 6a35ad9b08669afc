"""What raw HTML a page or a translation may publish: one allowlist, decided by nh3.

MyST passes HTML written in a page (or in a catalog's ``msgstr``) through to
the published page as it stands.  Whatever a browser would run, load or
style must not get there: scripts and event handlers, ``javascript:`` and
other executable URLs however they are encoded (``javascript&#58;``,
``java&#9;script:``), ``<style>`` and ``style=``, forms, frames, ``<object>``,
``<svg>``, ``<meta http-equiv="refresh">``, images from other sites.

The decision is nh3's (the Python binding of ammonia, a sanitizer built on
html5ever, the HTML parser of a browser engine): a fragment is allowed when
sanitizing it with :data:`ALLOWED_TAGS`, :data:`ALLOWED_ATTRIBUTES` and
:data:`URL_SCHEMES` removes nothing.  Sanitized markup is written out
differently (quotes, entities, closing tags), so "removes nothing" is asked
of both sides read alike: the fragment and nh3's output are each read into
the start tags with their attributes (entities decoded), text and comments
that a reader meets, and must be the same.  Anything that differs is what
the sanitizer would have removed, and it is what the finding names.  This
module decides nothing itself; it only says what nh3 took out.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html.parser import HTMLParser

import nh3

#: elements a page may write in raw HTML: text-level and block markup, tables,
#: images from the site itself; no script, style, form, frame, embed or SVG
ALLOWED_TAGS = frozenset({
    "a", "abbr", "b", "bdi", "bdo", "blockquote", "br", "caption", "cite", "code", "col",
    "colgroup", "data", "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption",
    "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li",
    "mark", "ol", "p", "pre", "q", "rp", "rt", "ruby", "s", "samp", "small", "span",
    "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time",
    "tr", "u", "ul", "var", "wbr",
})

#: attributes, per element (``*``: on every element); no ``style``, no ``on*``, no ``class``
ALLOWED_ATTRIBUTES = {
    "*": {"lang", "dir", "title"},
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start", "reversed"},
    "td": {"colspan", "rowspan", "headers"},
    "th": {"colspan", "rowspan", "headers", "scope"},
    "col": {"span"},
    "colgroup": {"span"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "del": {"cite", "datetime"},
    "ins": {"cite", "datetime"},
    "time": {"datetime"},
    "data": {"value"},
    "details": {"open"},
}

#: schemes a URL may have; a URL without one (relative) is allowed too
URL_SCHEMES = frozenset({"http", "https", "mailto"})

#: attributes whose value the site loads by itself: only from the site
_LOADED = {("img", "src")}


def _local_only(tag: str, attribute: str, value: str) -> str | None:
    """nh3's attribute filter: an image (loaded without a click) only from the site."""
    if (tag, attribute) in _LOADED:
        head = value.strip().lower()
        if head.startswith("//") or head.partition("/")[0].find(":") >= 0:
            return None
    return value


def sanitize(fragment: str) -> str:
    """``fragment`` with everything outside the allowlist removed, by nh3."""
    return nh3.clean(
        fragment,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        attribute_filter=_local_only,
        link_rel=None,
        strip_comments=False,
    )


class _Reading(HTMLParser):
    """What a fragment holds, read as tokens: start tags with attributes, text, comments.

    End tags are left out: the sanitizer closes elements that the fragment
    leaves open, which is no removal.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tokens: list[tuple[str, str, tuple[tuple[str, str], ...]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tokens.append(("tag", tag, tuple(sorted((k, v or "") for k, v in attrs))))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_data(self, data: str) -> None:
        if self.tokens and self.tokens[-1][0] == "text":
            data = self.tokens.pop()[1] + data
        self.tokens.append(("text", data, ()))

    def handle_comment(self, data: str) -> None:
        self.tokens.append(("comment", data, ()))

    def handle_decl(self, decl: str) -> None:
        self.tokens.append(("declaration", decl, ()))

    def handle_pi(self, data: str) -> None:
        self.tokens.append(("declaration", data, ()))

    def unknown_decl(self, data: str) -> None:
        self.tokens.append(("declaration", data, ()))


def _read(fragment: str) -> list[tuple[str, str, tuple[tuple[str, str], ...]]]:
    reading = _Reading()
    reading.feed(fragment)
    reading.close()
    # whitespace-only text between elements is not content (tables drop it)
    return [t for t in reading.tokens if t[0] != "text" or t[1].strip()]


def _show(value: str, limit: int = 60) -> str:
    flat = " ".join(value.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def refused(fragment: str) -> list[str]:
    """What of ``fragment`` the allowlist refuses, one phrase each; empty when all is allowed.

    E.g. ``['<style>', '<a href="javascript:alert(1)">']``.
    """
    if "<" not in fragment and "&" not in fragment:
        return []  # text only: nothing to remove
    return list(_refused(fragment))


@lru_cache(maxsize=4096)  # the same tags recur on every page (</a>, <br>)
def _refused(fragment: str) -> tuple[str, ...]:
    original, kept = _read(fragment), _read(sanitize(fragment))
    if original == kept:
        return ()
    found: list[str] = []
    remaining = list(kept)
    for token in original:
        if token in remaining:
            remaining.remove(token)
            continue
        kind, name, attrs = token
        if kind == "tag":
            same_tag = next((t for t in remaining if t[0] == "tag" and t[1] == name), None)
            if same_tag is None:
                found.append(f"<{name}>")
                continue
            remaining.remove(same_tag)
            dropped = [(k, v) for k, v in attrs if (k, v) not in same_tag[2]]
            found.extend(f'<{name} {k}="{_show(v)}">' for k, v in dropped)
        elif kind == "text":
            found.append(f"text the sanitizer rewrites: {_show(name)!r}")
        else:
            found.append(f"<!{_show(name)}>" if kind == "declaration" else "an HTML comment")
    return tuple(dict.fromkeys(found)) or ("markup the sanitizer rewrites",)


#: URLs that need no asking: http(s) and mailto, or relative without any colon
#: (no scheme can hide in them); whitespace, quotes and entities go to nh3
_PLAINLY_ALLOWED = re.compile(r"(?:https?://|mailto:)[^\x00-\x20<>\"'&]*|[^:\x00-\x20<>\"'&]*")


def url_refused(url: str) -> bool:
    """Whether a link to ``url`` is outside the allowlist (e.g. ``javascript:``)."""
    if _PLAINLY_ALLOWED.fullmatch(url):
        return False
    return bool(refused(f'<a href="{_escape_attribute(url)}">x</a>'))


def _escape_attribute(value: str) -> str:
    return value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
