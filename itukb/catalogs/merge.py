"""Merge a new template into a catalog without losing any translation.

What ``msgmerge`` does, in Python, so that it also runs where gettext is not
installed, and unlike ``sphinx-intl update``, which drops the previous
source text of a changed message (its issue 121):

* a message whose source is unchanged keeps its translation (and its
  fuzzy mark and ``#|`` text, if it had them);
* a message that comes back after being removed gets its old translation;
* a new message whose source resembles an old one (difflib ratio at least
  :data:`~itukb.catalogs.policy.FUZZY_MATCH_RATIO`) gets the old
  translation, marked fuzzy, with the old source kept as ``#| msgid`` so
  the translator sees exactly what changed;
* a new message found translated word for word in another catalog of the
  same language (a page was renamed, or a phrase recurs) gets that
  translation, marked fuzzy so that someone confirms it fits;
* a translated message whose source is gone is kept as obsolete (``#~``),
  never silently deleted; untranslated ones are dropped, nothing is lost.

Babel marks every MyST role (``{ref}``) as a ``python-brace-format`` flag,
which makes ``msgfmt --check`` refuse translations that add a ``{zh}``
role; MyST text is never formatted by Python, so those flags are dropped.
"""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Mapping

import polib

from itukb.catalogs.policy import FUZZY_MATCH_RATIO, WRAP_WIDTH, plural_forms

_DROPPED_FLAGS = frozenset({"python-format", "python-brace-format"})
_Key = tuple[str | None, str]


@dataclasses.dataclass
class MergeResult:
    po: polib.POFile
    new: int = 0
    #: messages whose source changed, now fuzzy with ``#| msgid``
    changed: int = 0
    #: messages translated from another catalog, now fuzzy
    borrowed: int = 0
    #: translations whose source is gone, now obsolete
    obsoleted: int = 0
    #: obsolete translations brought back because their source came back
    revived: int = 0


def _key(entry: polib.POEntry) -> _Key:
    return (entry.msgctxt, entry.msgid)


def _translation_of(old: polib.POEntry) -> dict[str, object]:
    return {"msgstr": old.msgstr,
            "msgstr_plural": dict(old.msgstr_plural) if old.msgstr_plural else {}}


def _has_translation(entry: polib.POEntry) -> bool:
    return bool(entry.msgstr) or any(entry.msgstr_plural.values())


def _from_template(template: polib.POEntry) -> polib.POEntry:
    entry = polib.POEntry(
        msgid=template.msgid, msgctxt=template.msgctxt, msgid_plural=template.msgid_plural,
        occurrences=list(template.occurrences), comment=template.comment,
        flags=[f for f in template.flags if f not in _DROPPED_FLAGS and f != "fuzzy"])
    if template.msgid_plural:
        entry.msgstr_plural = {0: "", 1: ""}
    return entry


def _keep(entry: polib.POEntry, old: polib.POEntry) -> None:
    """Carry ``old``'s translation, comment and review state over to ``entry``."""
    for name, value in _translation_of(old).items():
        if value:
            setattr(entry, name, value)
    entry.tcomment = old.tcomment
    if old.fuzzy:
        entry.flags.append("fuzzy")
        entry.previous_msgid = old.previous_msgid
        entry.previous_msgctxt = old.previous_msgctxt


def _make_fuzzy(entry: polib.POEntry, old: polib.POEntry) -> None:
    """Give ``entry`` the translation of a similar ``old`` message, for review."""
    for name, value in _translation_of(old).items():
        if value:
            setattr(entry, name, value)
    entry.tcomment = old.tcomment
    entry.flags.append("fuzzy")
    # the translation was made for the oldest source on record
    entry.previous_msgid = old.previous_msgid if old.fuzzy and old.previous_msgid else old.msgid
    entry.previous_msgctxt = (old.previous_msgctxt if old.fuzzy and old.previous_msgid
                              else old.msgctxt)


def _closest(text: str, candidates: list[polib.POEntry]) -> polib.POEntry | None:
    """The candidate most like ``text``, if it is alike enough."""
    matcher = difflib.SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(text)
    best: polib.POEntry | None = None
    best_ratio = FUZZY_MATCH_RATIO
    for candidate in candidates:
        length = len(candidate.msgid) + len(text)
        # the ratio can be no higher than this, whatever the characters
        if 2 * min(len(candidate.msgid), len(text)) < best_ratio * length:
            continue
        matcher.set_seq1(candidate.msgid)
        if matcher.real_quick_ratio() < best_ratio or matcher.quick_ratio() < best_ratio:
            continue
        ratio = matcher.ratio()
        if ratio >= best_ratio and (best is None or ratio > best_ratio):
            best, best_ratio = candidate, ratio
    return best


def _header(template: polib.POFile, old: polib.POFile | None,
            language: str) -> dict[str, str]:
    meta = dict(old.metadata) if old is not None else {}
    for name, value in template.metadata.items():
        meta.setdefault(name, value)
    if "POT-Creation-Date" in template.metadata:
        meta["POT-Creation-Date"] = template.metadata["POT-Creation-Date"]
    meta["Language"] = language
    if "utf-8" not in meta.get("Content-Type", "").lower():
        meta["Content-Type"] = "text/plain; charset=UTF-8"
    meta.setdefault("MIME-Version", "1.0")
    meta.setdefault("Content-Transfer-Encoding", "8bit")
    if "INTEGER" in meta.get("Plural-Forms", ""):  # a template's placeholder (Babel)
        del meta["Plural-Forms"]
    forms = plural_forms(language)
    if forms is not None:
        meta.setdefault("Plural-Forms", forms)
    return meta


def merge_catalog(template: polib.POFile, old: polib.POFile | None, language: str,
                  elsewhere: Mapping[str, polib.POEntry] | None = None) -> MergeResult:
    """Merge ``template`` (a .pot) into ``old`` (the catalog, or None for a new one).

    ``elsewhere`` maps source texts to translated entries of other catalogs of
    the same language, offered when nothing in ``old`` fits.
    """
    po = polib.POFile(wrapwidth=WRAP_WIDTH, check_for_duplicates=False)
    po.metadata = _header(template, old, language)
    header_of = old if old is not None else template
    po.header = header_of.header
    po.metadata_is_fuzzy = header_of.metadata_is_fuzzy
    result = MergeResult(po)
    old_entries = list(old) if old is not None else []
    live = {_key(e): e for e in old_entries if not e.obsolete}
    retired = {_key(e): e for e in old_entries if e.obsolete}
    used: set[int] = set()
    pending: list[polib.POEntry] = []
    for item in template:
        entry = _from_template(item)
        previous = live.get(_key(entry))
        if previous is None and _key(entry) in retired:
            previous = retired[_key(entry)]
            result.revived += _has_translation(previous)
        if previous is not None:
            _keep(entry, previous)
            used.add(id(previous))
        else:
            pending.append(entry)
        po.append(entry)
    candidates = [e for e in old_entries if id(e) not in used and _has_translation(e)]
    for entry in pending:
        similar = _closest(entry.msgid, candidates) if candidates else None
        if similar is not None:
            _make_fuzzy(entry, similar)
            used.add(id(similar))
            result.changed += 1
        elif elsewhere and entry.msgid in elsewhere:
            donor = elsewhere[entry.msgid]
            for name, value in _translation_of(donor).items():
                if value:
                    setattr(entry, name, value)
            entry.flags.append("fuzzy")
            result.borrowed += 1
        else:
            result.new += 1
    for previous in old_entries:
        if id(previous) in used or not _has_translation(previous):
            continue
        if not previous.obsolete:
            result.obsoleted += 1
        gone = polib.POEntry(msgid=previous.msgid, msgctxt=previous.msgctxt,
                             msgid_plural=previous.msgid_plural, obsolete=True,
                             tcomment=previous.tcomment,
                             flags=[f for f in previous.flags if f not in _DROPPED_FLAGS],
                             previous_msgid=previous.previous_msgid,
                             previous_msgctxt=previous.previous_msgctxt)
        for name, value in _translation_of(previous).items():
            if value:
                setattr(gone, name, value)
        po.append(gone)
    return result
