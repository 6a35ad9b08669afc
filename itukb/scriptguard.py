"""Refuse active content in page text, in the source and in every translation.

MyST passes raw HTML through to the page, and a catalog entry is MyST too: a
translator's ``<script>`` (or an ``onclick=``, an ``<iframe>``) would run in
readers' browsers, and the site promises to load nothing from elsewhere.
``make check-po`` reports raw HTML that a translation adds, but a maintainer
who only runs ``make html`` must not publish it either, so the build fails
here, naming the MyST line (and, for a translation, the catalog to fix: the
entry is the one whose ``#:`` comment names that MyST line).
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.i18n import docname_to_domain

logger = logging.getLogger(__name__)

#: tags and attributes that make a page run or embed something
_ACTIVE = re.compile(
    r"<\s*(?P<tag>script|iframe|object|embed|frame|frameset|base|meta)\b"
    r"|\s(?P<handler>on[a-z]+)\s*="
    r"|(?P<url>javascript\s*:)",
    re.IGNORECASE,
)


def active_content(html: str) -> list[str]:
    """What in ``html`` would run or embed something, e.g. ``<script>``, ``onclick=``."""
    found = []
    for match in _ACTIVE.finditer(html):
        if match.group("tag"):
            found.append(f"<{match.group('tag').lower()}>")
        elif match.group("handler"):
            found.append(f"{match.group('handler').lower()}=")
        else:
            found.append("javascript:")
    return list(dict.fromkeys(found))


class RefuseActiveContent(SphinxPostTransform):
    default_priority = 900
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        for raw in self.document.findall(nodes.raw):
            if "html" not in raw.get("format", "").split():
                continue
            found = active_content(raw.astext())
            if not found:
                continue
            translated = str(raw.source or "").endswith("<translated>") or any(
                str(getattr(parent, "source", "") or "").endswith("<translated>")
                for parent in _ancestors(raw))
            if translated:
                domain = docname_to_domain(self.env.docname, self.config.gettext_compact)
                where = f"the {self.config.language} translation ({domain}.po)"
            else:
                where = "the page"
            logger.warning(
                f"{', '.join(found)} in {where}: pages must not run scripts or embed other "
                "pages; remove the raw HTML and use MyST markup",
                location=raw, type="itukb", subtype="active-content")


def _ancestors(node: nodes.Node) -> list[nodes.Node]:
    found = []
    parent = node.parent
    while parent is not None:
        found.append(parent)
        parent = parent.parent
    return found


def setup_scriptguard(app: Sphinx) -> None:
    app.add_post_transform(RefuseActiveContent)
