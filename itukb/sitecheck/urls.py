"""Turn an ``href`` written on a page into the file and anchor it names.

Browsers percent-decode a URL's path and fragment and compare the fragment
with ids as Unicode text.  Sphinx writes Chinese ids and file names either
raw or percent-encoded, and an editor may type a decomposed character, so
both sides are decoded and put in Unicode normal form C before comparing.
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
from functools import lru_cache
from urllib.parse import unquote, urlsplit

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def normalise(text: str) -> str:
    """Percent-decode ``text`` and put it in Unicode normal form C."""
    if "%" in text:
        text = unquote(text)
    if text.isascii():
        return text
    return unicodedata.normalize("NFC", text)


def localise(href: str, base: str) -> str:
    """A link into the published site (``base``, its URL) as a path from the site's root.

    Canonical links, ``hreflang`` alternates and the 404 pages' links are
    absolute once the site's URL is known (``KB_BASEURL``); they are checked
    against the built files like any other link.
    """
    if not base:
        return href
    base = base.rstrip("/") + "/"
    path = urlsplit(base).path
    if href.startswith(base):
        return "/" + href[len(base):]
    if path != "/" and href.startswith(path):
        return "/" + href[len(path):]
    return href


def is_placeholder(href: str) -> bool:
    """An href that leads nowhere: empty, a bare ``#``, or ``javascript:``."""
    stripped = href.strip()
    return stripped in ("", "#") or stripped[:11].lower() == "javascript:"


@lru_cache(maxsize=65536)
def resolve(page_dir: str, href: str) -> tuple[str, str, str | None]:
    """Resolve ``href`` found in a page in folder ``page_dir`` of the site.

    Returns ``(kind, target, fragment)``: ``kind`` is 'external' (another
    scheme or host), 'placeholder', 'outside' (a relative path climbing out
    of the site) or '' for a file of the site; ``target`` is the file's
    site-relative path, '' for the page itself.
    """
    href = href.strip()
    if is_placeholder(href) and href != "#":
        return "placeholder", "", None
    if href.startswith("//") or _SCHEME.match(href):
        return "external", href, None
    path, hash_mark, fragment = href.partition("#")
    path = path.partition("?")[0]
    frag = normalise(fragment) if hash_mark else None
    if not path:
        return "", "", frag
    path = normalise(path)
    target = _join(page_dir, path)
    if target == ".." or target.startswith("../"):
        return "outside", target, frag
    if path.endswith("/") or target == ".":
        target = posixpath.join(target, "index.html") if target != "." else "index.html"
    return "", target, frag


def _join(page_dir: str, path: str) -> str:
    """``normpath(join(page_dir, path))``, quicker for Sphinx's ``../../x/y.html`` links."""
    if path.startswith("/"):
        return posixpath.normpath(path.lstrip("/")) if path.strip("/") else "."
    folders = page_dir.split("/") if page_dir else []
    rest = path
    while rest.startswith("../") and folders:
        folders.pop()
        rest = rest[3:]
    if rest.startswith("../") or "./" in rest or rest.endswith((".", "/")) or "//" in rest:
        return posixpath.normpath(posixpath.join(page_dir, path))
    return "/".join([*folders, rest]) if folders else rest
