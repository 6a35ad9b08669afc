"""Editorial markup: keep a source's oddities visible instead of fixing them.

A faithful transcription keeps what the source says, including its mistakes.
These directives and roles let a page say "this is how the source has it"
without publishing a dead link or silently correcting the text:

``editorial-note``
    a boxed note from the editors, titled in the build's language;
``source``
    where an object page's facts come from ("来源：…"), as a block of its own;
``{placeholder}`text```
    link text whose target the source left as a placeholder (``#``);
``{sic}`text```
    text reproduced exactly although it looks wrong;
``{editorial}`text```
    a short inline remark from the editors;
``{zh}`text```
    Chinese quoted in another language's text, tagged ``lang`` for readers,
    screen readers and the translation checks.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from docutils.parsers.rst.states import Inliner
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from itukb.i18n.config import hreflang, source_language
from itukb.i18n.words import label


class EditorialNote(SphinxDirective):
    """A boxed editors' note; its title is generated, its body translated."""

    has_content = True

    def run(self) -> list[nodes.Node]:
        node = nodes.admonition(classes=["note", "kb-editorial-note"])
        self.set_source_info(node)
        title = label("editorial_note")
        # generated in the build's language: never offered for translation
        node += nodes.title(title, title, translatable=False)
        node += self.parse_content_to_nodes()
        return [node]


class SourceNote(SphinxDirective):
    """Where the facts of an object page come from, as a block of its own.

    It is left out of the search index (as the "Cited by" lists are): a reader
    who searches for a document wants that document first, not every page
    that names it as the source of a fact.
    """

    has_content = True

    def run(self) -> list[nodes.Node]:
        node = nodes.container(classes=["kb-source"])
        self.set_source_info(node)
        node += self.parse_content_to_nodes()
        return [node]


def _language(inliner: Inliner) -> str:
    return inliner.document.settings.env.config.language


def _mark(text: str, classes: list[str]) -> nodes.inline:
    return nodes.inline(text, text, classes=classes)


def placeholder_role(
    name: str, rawtext: str, text: str, lineno: int, inliner: Inliner,
    options: dict[str, Any] | None = None, content: list[str] | None = None,
) -> tuple[list[nodes.Node], list[nodes.system_message]]:
    """Link text whose source link was a placeholder: shown, never linked."""
    mark = label("placeholder_mark")
    node = nodes.inline(rawtext, "", classes=["kb-placeholder"])
    node += nodes.Text(text)
    node += _mark(f"[{mark}]", ["kb-placeholder-mark"])
    return [node], []


def sic_role(
    name: str, rawtext: str, text: str, lineno: int, inliner: Inliner,
    options: dict[str, Any] | None = None, content: list[str] | None = None,
) -> tuple[list[nodes.Node], list[nodes.system_message]]:
    """Text kept exactly as the source has it, marked so readers know it is deliberate."""
    mark = label("sic")
    node = nodes.inline(rawtext, "", classes=["kb-sic"])
    node += nodes.Text(text)
    node += _mark(f"[{mark}]", ["kb-sic-mark"])
    return [node], []


def editorial_role(
    name: str, rawtext: str, text: str, lineno: int, inliner: Inliner,
    options: dict[str, Any] | None = None, content: list[str] | None = None,
) -> tuple[list[nodes.Node], list[nodes.system_message]]:
    """A short inline editors' remark, prefixed so it is never read as source text."""
    prefix = label("editorial_note")
    node = nodes.inline(rawtext, "", classes=["kb-editorial"])
    node += _mark(f"{prefix}{label('colon')}",
                  ["kb-editorial-prefix"])
    node += nodes.Text(text)
    return [node], []


def zh_role(
    name: str, rawtext: str, text: str, lineno: int, inliner: Inliner,
    options: dict[str, Any] | None = None, content: list[str] | None = None,
) -> tuple[list[nodes.Node], list[nodes.system_message]]:
    """Chinese quoted inside another language, with its ``lang`` attribute."""
    # docutils writes a "language-xx" class as the element's lang attribute
    tag = hreflang(source_language(inliner.document.settings.env.config))
    return [nodes.inline(rawtext, text, classes=[f"language-{tag}", "kb-quoted-zh"])], []


def setup_editorial(app: Sphinx) -> None:
    app.add_directive("editorial-note", EditorialNote)
    app.add_directive("source", SourceNote)
    app.add_role("placeholder", placeholder_role)
    app.add_role("sic", sic_role)
    app.add_role("editorial", editorial_role)
    app.add_role("zh", zh_role)
