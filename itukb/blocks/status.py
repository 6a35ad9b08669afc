"""An object's or document's status, as one line above its text.

A reader arriving at a revision first needs to know whether it is the one to
read: superseded by which text, cancelled by which document, postponed to
which event, or the latest version the knowledge base holds.  That is said
once, in one line at the top; the box of relations after the text
(:func:`itukb.blocks.relations.render_relations`) leaves out what this line says.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes

from itukb.derived.page import PageWriter
from itukb.i18n.names import N_
from itukb.i18n.words import _, between, label
from itukb.store.domain import KnowledgeBaseDomain
from itukb.store.relations import relations_data

#: the word that opens the status line, and the sentence for the end of a chain
WORDS: dict[str, str] = {
    "status_superseded": N_("Superseded"),
    "status_cancelled": N_("Cancelled"),
    "status_postponed": N_("Postponed"),
    "status_replaced": N_("Replaced"),
    "status_latest": N_("Latest version"),
    "notice_latest": N_("This is the latest version in this knowledge base."),
}


def word(key: str) -> str:
    return _(WORDS[key])


def _sentence(template: str, page: PageWriter, **links: dict[str, Any]) -> list[nodes.Node]:
    """A generated sentence with links in place of its ``{name}`` slots."""
    out: list[nodes.Node] = []
    rest = template
    while "{" in rest:
        before, _, after = rest.partition("{")
        name, _, rest = after.partition("}")
        if before:
            out.append(nodes.Text(before))
        target = links[name]
        out.append(page.link(target["docname"], target["anchor"], target["text"]))
    if rest:
        out.append(nodes.Text(rest))
    return out


def status_line(page: PageWriter, domain: KnowledgeBaseDomain,
                key: tuple[str, str]) -> list[nodes.Node]:
    """The status of ``key`` as one paragraph, or nothing when there is none to tell."""
    data = relations_data(domain, key)
    kind = "document" if key[0] == "document" else domain.objects[key[1]]["kind"]
    chip = ""
    sentences: list[list[nodes.Node]] = []
    for newer in data["newer"]:
        template = "notice_cancelled" if kind == "document" else "notice_superseded"
        chip = chip or ("status_cancelled" if kind == "document" else "status_superseded")
        if template == "notice_superseded" and data["latest"] and newer == data["latest"]:
            # the successor is the last of the chain: say so here, as the notices
            # of older texts say it in a sentence of its own
            template = "notice_superseded_latest"
        sentences.append(_sentence(label(template), page, by=newer))
    if data["current"]:
        sentences.append(_sentence(label("notice_current"), page,
                                   current=data["current"]))
    for row in data["rows"]:
        if row["label"] in ("rel_postponed_to", "rel_replaced_by"):
            chip = chip or ("status_postponed" if row["label"] == "rel_postponed_to"
                            else "status_replaced")
            sentences.append(_sentence(
                label(f"notice_{row['field'].replace('-', '_')}"), page, to=row))
    classes = ["kb-notice", "kb-status"]
    if not sentences and kind == "revision" and any(
            row["label"] == "rel_supersedes" for row in data["rows"]):
        chip = "status_latest"
        sentences.append([nodes.Text(word("notice_latest"))])
        classes.append("kb-status-latest")
    if not sentences:
        return []
    para = nodes.paragraph()
    para += nodes.strong(word(chip), word(chip), classes=["kb-status-label"])
    para += nodes.Text(" ")
    for number, parts in enumerate(sentences):
        if number:
            # Translators: between two sentences of a notice (nothing in Chinese)
            para += nodes.Text(between(_("{sentence} {next_sentence}"), "sentence",
                                       "next_sentence"))
        para.extend(parts)
    return [nodes.container("", para, classes=classes)]
