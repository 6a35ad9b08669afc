"""What the checker knows about a page, and what it reports.

Pages are parsed in worker processes and sent back to the parent, so the
per-page record is made of plain tuples, sets and strings: cheap to pickle.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

# -- where a link sits on its page (bit flags) --------------------------------

#: inside ``article[role=main]``: the page's own content
IN_ARTICLE = 1
#: the language switcher, ``nav.kb-language-switcher a.kb-switch-link``
SWITCHER = 2
#: ``<link rel="alternate" hreflang=...>`` in the head
HREFLANG = 4
#: the pilcrow a reader copies to link to a heading, ``a.headerlink``
HEADERLINK = 8
#: chrome that rightly points at the top of the current page with ``#``
CHROME_TOP = 16
#: stylesheet, script, image and the like: the page needs it to display
ASSET = 32
#: an entry of a ``toctree`` shown inside the article
TOCTREE = 64


#: A link whose anchor can only be checked against another page's ids:
#: (target, fragment, href, flags, ordinal).  Sent from the worker that parsed
#: the page to the parent, which has every page's ids; a plain tuple because
#: there are hundreds of thousands and plain tuples pickle fastest.
Ref = tuple[str, str, str, int, int]


class PageResult(NamedTuple):
    """What one worker learnt about one page."""

    path: str
    ids: frozenset[str]
    heading_ids: frozenset[str]
    #: explicit labels from the page's source map; None without a source map
    labels: frozenset[str] | None
    #: problems found from this page alone
    findings: list[Finding]
    refs: list[Ref]
    links: int
    #: web links leaving the site, (href, flags, ordinal), for the external check
    external: list[tuple[str, int, int]]


@dataclass(frozen=True)
class Location:
    """Where an editor fixes a finding: a file and, when known, a line."""

    path: str
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


@dataclass
class Finding:
    """One problem at one place.  Every occurrence is its own finding."""

    code: str
    message: str
    #: the built page, site-relative ('en/documents/x.html')
    page: str
    href: str | None = None
    flags: int = 0
    ordinal: int = 0
    #: filled in by :mod:`itukb.sitecheck.sources`
    source: Location | None = None
    #: the MyST line a catalog location translates, for the message
    translates: Location | None = None
    #: 'error' fails the check; 'warning' is shown but does not
    severity: str = "error"
    extra: dict[str, object] = field(default_factory=dict)

    def as_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "message": self.message,
            "page": self.page,
            "href": self.href,
            "file": self.source.path if self.source else None,
            "line": self.source.line if self.source else None,
            "translates": str(self.translates) if self.translates else None,
            "severity": self.severity,
        }
