"""Which words the build writes, by key: the English message of each.

Several features name a word by a key (a relation's ``rel_supersedes`` is
kept in the derived data, a document's kind comes from its front matter);
these tables map each key to its English message, the msgid of the
``itukb`` catalog, not to its translations (:mod:`itukb.i18n.words`
translates).  Kept free of Sphinx, so that the front matter schema can
check a kind or a language against them.
"""

from __future__ import annotations


def N_(message: str) -> str:
    """Mark ``message`` for extraction; it is translated where it is shown."""
    return message


def NC_(context: str, message: str) -> tuple[str, str]:
    """Mark ``message`` with its ``context`` for extraction (translated with ``C_``)."""
    return context, message


# Translators: a CLDR date pattern (d day, M month number, MMMM month name, y year),
# see https://cldr.unicode.org/translation/date-time/date-time-patterns
DATE_FORMAT = NC_("date format", "d MMMM y")
# Translators: a CLDR pattern for a year alone (y), e.g. "y年" in Chinese
YEAR_FORMAT = NC_("year format", "y")


#: the metadata box, the notices and the blocks the build adds to pages
LABELS: dict[str, str] = {
    "site_title": N_("ITU Document Knowledge Base"),
    "metadata": N_("Document information"),
    "id": N_("Identifier"),
    "symbol": N_("Symbol"),
    "kind": N_("Kind"),
    "date": N_("Date"),
    "place": N_("Place"),
    "issuer": N_("Issued by"),
    "addressees": N_("Addressed to"),
    "language": N_("Source language"),
    "version": N_("Version"),
    "history": N_("History"),
    "editorial_note": N_("Editorial note"),
    "placeholder_mark": N_("placeholder link in the source"),
    "sic": N_("sic"),
    "switch_language": N_("This page in another language"),
    "no_documents": N_("(no documents yet)"),
    "kind_resolution": N_("Resolutions"),
    # the first text of a resolution is one of its versions, not a revision
    "kind_revision": N_("Versions of resolutions"),
    "kind_agenda": N_("Agendas"),
    "kind_goal": N_("Goals"),
    "kind_target": N_("Targets"),
    "kind_event": N_("Events"),
    "kind_document": N_("Documents"),
    "target_ref": N_("Target {number}"),
    "goal_ref": N_("Goal {number}"),
    "cited_by": N_("Cited by"),
    "cites": N_("This document cites"),
    "object_index": N_("Object index"),
    "document": N_("Document"),
    "matrix_empty": N_("(no citations yet)"),
    # Translators: between a label and its value
    "colon": N_(": "),
    "version_box": N_("Version {version}"),
    "last_changed": N_("Last updated: {date}"),
    "change_log": N_("Change log"),
    "relations": N_("Related"),
    "rel_supersedes": N_("Supersedes"),
    "rel_superseded_by": N_("Superseded by"),
    "rel_postponed_to": N_("Postponed to"),
    "rel_postponed_from": N_("Postponed from"),
    "rel_replaced_by": N_("Replaced by"),
    "rel_replaces": N_("Replaces"),
    "rel_amends": N_("Amends"),
    "rel_amended_by": N_("Amended by"),
    "rel_cancels": N_("Cancels"),
    "rel_cancelled_by": N_("Cancelled by"),
    # "text", not "revision": the first text of a resolution is superseded too;
    # "latest in this knowledge base", not "current": whether it is still in
    # force is a fact of its own, which the knowledge base may not have
    "notice_superseded": N_("This text has been superseded by {by}."),
    "notice_superseded_latest": N_("This text has been superseded by {by}, the latest "
                                   "version in this knowledge base."),
    "notice_current": N_("Latest version in this knowledge base: {current}."),
    "notice_cancelled": N_("This document has been cancelled by {by}."),
    "notice_postponed_to": N_("This event was postponed to {to}."),
    "notice_replaced_by": N_("It was replaced by {to}."),
}

#: names of the kinds of document a page may declare in its front matter
KINDS: dict[str, str] = {
    "circular-letter": N_("Circular letter"),
    "joint-statement": N_("Joint statement"),
    "web-page": N_("Web page"),
    "press-release": N_("Press release"),
    "resolution-text": N_("Resolution text"),
    "report": N_("Report"),
}

#: names of the languages a source document may be written in (front matter
#: ``language``); a word of the reader's language, not CLDR's (Chinese says
#: 英文 of a document, where CLDR names the language 英语)
SOURCE_LANGUAGE_NAMES: dict[str, str] = {
    "zh": N_("Chinese"),
    "en": N_("English"),
    "fr": N_("French"),
    "es": N_("Spanish"),
    "ar": N_("Arabic"),
    "ru": N_("Russian"),
}
