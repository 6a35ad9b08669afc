"""Tell readers how much of the site is translated.

Two things, both computed while the site is built, never kept by hand
(this module counts; :mod:`itukb.pages.translation_notice` and
:mod:`itukb.pages.status_page` show the counts):

* a notice at the top of a translated page that readers see partly in
  Chinese (passages untranslated, or awaiting review because their Chinese
  text changed), linking to the Chinese original and to the status page;
* a status page (``translation-status.html`` in every language) with, for
  each page and target language, how many passages are translated, awaiting
  review or untranslated.

Counts are of the messages a page has *now*, looked up in its catalog the
way Sphinx's ``Locale`` transform looks them up, so a paragraph added since
the last ``make update-po`` counts as untranslated, and an entry left in the
catalog for text that is gone counts for nothing.  (Sphinx's own
``translation_progress`` count is not used: it counts every toctree as
untranslated, whatever its caption's catalog says.)

Both stay right on incremental builds.  Each page's messages are recorded in
a domain when the page is read; Sphinx re-reads a page when its source or
its compiled catalog changes, so the notice, added while the page is
written, follows both.  The status page is produced on every build through
``html-collect-pages`` from the recorded messages and the catalogs as they
are at that moment.
"""

from __future__ import annotations

import os
from collections.abc import Set
from pathlib import Path
from typing import Any, ClassVar

import polib
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.domains import Domain
from sphinx.environment import BuildEnvironment
from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.util.i18n import docname_to_domain
from sphinx.util.nodes import extract_messages

from itukb.catalogs.stats import CatalogStats, is_translated
from itukb.i18n.config import target_languages
from itukb.i18n.names import N_
from itukb.i18n.words import _

logger = logging.getLogger(__name__)

#: words this feature writes, in the language of the build
TEXT: dict[str, str] = {
    "title": N_("Translation status"),
    "intro": N_("How much of each page is translated. Passages not translated yet, and passages "
                "whose Chinese text changed after they were translated (awaiting review), appear "
                "in Chinese until a translator updates them."),
    "page": N_("Page"),
    "language": N_("Language"),
    "translated": N_("Translated"),
    "fuzzy": N_("Awaiting review"),
    "untranslated": N_("Not translated"),
    "done": N_("Done"),
    "no_catalog": N_("no translation yet"),
    "total": N_("All pages"),
    "notice_title": N_("Translation in progress"),
    "notice_missing": N_("{count} of the {total} passages on this page are not translated yet "
                         "and appear in Chinese."),
    "notice_fuzzy": N_("{count} of them changed in Chinese since they were translated; their "
                       "translation awaits review."),
    "notice_suggested": N_("{count} of them have a translation suggested from another page with "
                           "the same Chinese text; it awaits review."),
    "notice_none": N_("This page has not been translated yet and appears in Chinese."),
    "read_original": N_("Read the Chinese original"),
    "see_status": N_("Translation status of every page"),
}


def status_text(key: str, **values: object) -> str:
    return _(TEXT[key]).format(**values)


# -- what each page says, and what its catalog translates ----------------------------


class TranslationStatusDomain(Domain):
    """The messages of every page, recorded as Sphinx's Locale transform sees them."""

    name = "kbtranslation"
    label = "translation status"
    initial_data: ClassVar[dict[str, Any]] = {
        # docname -> the page's distinct messages, in order
        "messages": {},
        # catalog path -> ([mtime_ns, size], message -> state) as last read
        "catalogs": {},
    }
    data_version = 2

    @property
    def messages(self) -> dict[str, list[str]]:
        return self.data["messages"]

    @property
    def catalogs(self) -> dict[str, tuple[list[int], dict[str, str]]]:
        return self.data.setdefault("catalogs", {})

    def clear_doc(self, docname: str) -> None:
        self.messages.pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for docname, messages in otherdata["messages"].items():
            if docname in docnames:
                self.messages[docname] = messages

    def resolve_any_xref(self, *args: Any, **kwargs: Any) -> list[Any]:
        return []


#: where a page's (node, message) pairs wait between RecordMessages and keep_messages
_PENDING = "kb_translation_pending"


def status_domain(env: BuildEnvironment) -> TranslationStatusDomain:
    domain = env.domains[TranslationStatusDomain.name]
    assert isinstance(domain, TranslationStatusDomain)
    return domain


class RecordMessages(SphinxTransform):
    """Note the page's messages and their nodes just before Locale (priority 20) runs.

    Some of those nodes are dropped by later transforms (MyST's front matter
    fields, for one); :func:`keep_messages` keeps the messages whose nodes
    are still in the page once it is read, which are the messages
    ``make gettext`` extracts.
    """

    default_priority = 19

    def apply(self, **kwargs: Any) -> None:
        self.document[_PENDING] = list(extract_messages(self.document))


def keep_messages(app: Sphinx, document: nodes.document) -> None:
    # a page no transform ran on has no messages to show; record that, or
    # pages_without_messages would ask for it to be read on every build
    pending = document.attributes.pop(_PENDING, [])
    # a node a transform took out may still point at its old parent: look the
    # other way, from the page down
    present = {id(node) for node in document.findall(nodes.Element)}
    messages = dict.fromkeys(message for node, message in pending if id(node) in present)
    status_domain(app.env).messages[app.env.docname] = list(messages)


def pages_without_messages(app: Sphinx, env: BuildEnvironment, added: Set[str],
                           changed: Set[str], removed: Set[str]) -> list[str]:
    """Read again pages read before this feature existed, so every page has its record."""
    recorded = status_domain(env).messages
    return sorted(d for d in env.found_docs
                  if d not in recorded and d not in added and d not in changed)


def _states(path: str) -> dict[str, str] | None:
    """Each source message of a catalog and whether it is translated, fuzzy or not."""
    try:
        po = polib.pofile(path, encoding="utf-8")
    except (OSError, ValueError):
        # not reported here: a catalog polib cannot read fails the strict reading
        # of itukb.guards.catalog_guard, which names its file and line once
        return None
    states = {}
    for entry in po:
        if entry.obsolete or entry.msgctxt is not None:
            continue
        if entry.fuzzy:
            # without '#| msgid' the translation is not of an earlier text of this
            # source: make update-po suggested it from another catalog (or it was
            # flagged by hand)
            states[entry.msgid] = "fuzzy" if entry.previous_msgid else "suggested"
        elif is_translated(entry):
            states[entry.msgid] = "translated"
    return states


def catalog_path(config: Config, srcdir: Path, docname: str, language: str) -> Path | None:
    """The catalog that translates ``docname`` into ``language``, if there is one."""
    domain = docname_to_domain(docname, config.gettext_compact)
    for locale_dir in config.locale_dirs:
        # os.path rather than pathlib: this runs for every page on every build
        path = os.path.join(srcdir, locale_dir, language, "LC_MESSAGES", f"{domain}.po")
        if os.path.isfile(path):
            return Path(path)
    return None


def catalog_states(env: BuildEnvironment, path: Path) -> dict[str, str] | None:
    """The states of a catalog's messages, read again only when the file changed.

    Kept in the domain's data, so in the pickled environment: with thousands
    of pages, reading every catalog on every build (the status page needs
    them all) would cost an incremental build seconds.
    """
    status = path.stat()
    key = [status.st_mtime_ns, status.st_size]
    cache = status_domain(env).catalogs
    known = cache.get(str(path))
    if known is not None and known[0] == key:
        return known[1]
    states = _states(str(path))
    if states is not None:
        cache[str(path)] = (key, states)
    return states


def refresh_catalog_states(app: Sphinx, env: BuildEnvironment) -> None:
    """Before the environment is saved: every catalog's states, up to date.

    Done after reading and before writing, so that the states read now are
    pickled with the environment (writing happens after it is saved) and
    parallel writers find them all.
    """
    cache = status_domain(env).catalogs
    wanted = set()
    for docname in env.found_docs:
        for language in target_languages(env.config):
            path = catalog_path(env.config, env.srcdir, docname, language)
            if path is not None:
                wanted.add(str(path))
                catalog_states(env, path)
    for gone in [p for p in cache if p not in wanted]:
        del cache[gone]


def page_stats(env: BuildEnvironment, docname: str,
               language: str) -> tuple[CatalogStats, bool]:
    """How many of the page's messages readers of ``language`` see translated.

    Also says whether the page has a catalog at all.
    """
    path = catalog_path(env.config, env.srcdir, docname, language)
    states: dict[str, str] | None = None
    if path is not None:
        states = catalog_states(env, path)
    stats = CatalogStats()
    for message in status_domain(env).messages.get(docname, ()):
        state = states.get(message) if states else None
        if state == "translated":
            stats.translated += 1
        elif state in ("fuzzy", "suggested"):
            stats.fuzzy += 1
        else:
            stats.untranslated += 1
    return stats, path is not None


def setup_translation_status(app: Sphinx) -> None:
    app.add_config_value(
        "kb_translation_status_page", "translation-status", "html", types=[str],
        description="name of the generated translation status page; empty for none")
    app.add_config_value(
        "kb_translation_notice", True, "env", types=[bool],
        description="show a notice on translated pages that are partly untranslated or "
                    "have translations awaiting review")
    app.add_domain(TranslationStatusDomain)
    app.add_transform(RecordMessages)
    app.connect("doctree-read", keep_messages, priority=900)
    app.connect("env-get-outdated", pages_without_messages)
    app.connect("env-updated", refresh_catalog_states)
