"""Refuse placeholder links: a ``#`` link published to readers leads nowhere.

Sources sometimes carry links whose target was never filled in.  The page
keeps the link text with ``{placeholder}`` instead; a plain ``[text](#)``
fails the build, so no dead link reaches the site.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

logger = logging.getLogger(__name__)


def is_placeholder(uri: str) -> bool:
    # a javascript: link is no placeholder but unsafe: itukb.guards.html_guard refuses it
    return uri.strip() in ("", "#")


class RefusePlaceholderLinks(SphinxPostTransform):
    default_priority = 900
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        for ref in self.document.findall(nodes.reference):
            if "refuri" in ref and not ref.get("internal") and is_placeholder(ref["refuri"]):
                logger.warning(
                    f"placeholder link {ref['refuri']!r} on {ref.astext()!r}: link to a real "
                    "target, or write {placeholder}`text` to keep the source's link text",
                    location=ref, type="itukb", subtype="placeholder")


class RefuseEmptyReferences(SphinxPostTransform):
    """MyST turns ``[text](#)`` into a cross-reference to nothing; say what it is."""

    default_priority = 5  # before MyST resolves references and reports them as missing

    def run(self, **kwargs: Any) -> None:
        for xref in list(self.document.findall(addnodes.pending_xref)):
            if xref.get("refdomain") is None and xref.get("reftype") == "myst" and \
                    is_placeholder(xref.get("reftarget", "")):
                logger.warning(
                    f"placeholder link '#' on {xref.astext()!r}: link to a real target, or "
                    "write {placeholder}`text` to keep the source's link text",
                    location=xref, type="itukb", subtype="placeholder")
                xref.replace_self(nodes.inline(xref.astext(), xref.astext()))


def setup_linkguard(app: Sphinx) -> None:
    app.add_post_transform(RefuseEmptyReferences)
    app.add_post_transform(RefusePlaceholderLinks)
