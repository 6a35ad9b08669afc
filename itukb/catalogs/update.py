"""Bring every catalog of a language up to date with the extracted templates.

``_build/gettext/<page>.pot`` becomes ``locale/<lang>/LC_MESSAGES/<page>.po``
through :func:`itukb.catalogs.merge.merge_catalog`.  A catalog is only
rewritten when its messages changed: the templates carry a fresh
``POT-Creation-Date`` on every extraction, and rewriting a catalog for that
alone would make every update a diff.  A catalog without a template (its
page was removed or renamed) is left as it is and reported; its
translations are offered to the catalogs of new pages.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import polib

from itukb.catalogs.findings import display_path
from itukb.catalogs.headers import new_catalog_header
from itukb.catalogs.merge import MergeResult, merge_catalog
from itukb.catalogs.reading import Catalog, CatalogError, read_catalog
from itukb.catalogs.update_record import (
    Known,
    TranslationMemory,
    UpdateRecord,
    digest,
    translations_of,
)

#: the catalog Sphinx reads for template (interface) text; it has no page
INTERFACE_CATALOG = Path("sphinx.po")
#: the extension's own words (itukb.i18n), merged from their own template
WORDS_CATALOG = Path("itukb.po")


@dataclasses.dataclass
class Change:
    path: Path
    #: "created", "updated", "unchanged" or "orphan"
    action: str
    result: MergeResult | None = None

    def describe(self) -> str:
        name = display_path(self.path)
        if self.action == "orphan":
            return (f"kept {name}: no template for it (page removed or renamed?); its "
                    "translations were offered to new catalogs; delete it once not needed")
        result = self.result
        assert result is not None
        parts = []
        if result.new:
            parts.append(f"{result.new} new")
        if result.changed:
            parts.append(f"{result.changed} changed (fuzzy, previous source as #| msgid)")
        if result.borrowed:
            parts.append(f"{result.borrowed} from other catalogs (fuzzy)")
        if result.revived:
            parts.append(f"{result.revived} restored from obsolete")
        if result.obsoleted:
            parts.append(f"{result.obsoleted} removed (kept as obsolete #~)")
        detail = ": " + ", ".join(parts) if parts else ""
        return f"{self.action} {name}{detail}"


def _render(po: polib.POFile, creation_date: str | None) -> str:
    """The catalog's text with ``POT-Creation-Date`` set to ``creation_date``."""
    saved = po.metadata.get("POT-Creation-Date")
    if creation_date is not None:
        po.metadata["POT-Creation-Date"] = creation_date
    try:
        return str(po)
    finally:
        if saved is not None:
            po.metadata["POT-Creation-Date"] = saved


def update_language(pot_dir: Path, locale_dir: Path, language: str) -> list[Change]:
    """Merge every template under ``pot_dir`` into ``locale_dir/<language>``.

    Raises :class:`CatalogError` (with file and line) when an existing
    catalog is malformed; nothing is written in that case.  A catalog that
    neither it nor its template changed since the last update is not parsed
    (:mod:`itukb.catalogs.update_record`).
    """
    messages_dir = locale_dir / language / "LC_MESSAGES"
    templates = {path.relative_to(pot_dir).with_suffix(".po"): path
                 for path in sorted(pot_dir.rglob("*.pot"))}
    existing = {path.relative_to(messages_dir): path
                for path in sorted(messages_dir.rglob("*.po"))} if messages_dir.is_dir() else {}
    record = UpdateRecord.load(pot_dir, language)
    template_digests = {relative: digest(path) for relative, path in templates.items()}
    digests = {relative: digest(path) for relative, path in existing.items()}
    known: dict[Path, Known] = {}
    catalogs = {}
    problems = []
    for relative, path in existing.items():
        found = record.unchanged(relative.as_posix(), template_digests.get(relative),
                                 digests[relative])
        if found is not None:
            known[relative] = found
            continue
        try:
            catalogs[relative] = read_catalog(path)
        except CatalogError as err:
            problems += err.findings
    if problems:
        raise CatalogError(problems)
    elsewhere = TranslationMemory([known[r].translations if r in known
                                   else translations_of(catalogs[r].po) for r in existing])
    changes = []
    planned: list[tuple[Path, str]] = []
    for relative, template_path in templates.items():
        target = messages_dir / relative
        if relative in known:  # merged into this catalog before, and neither changed since
            changes.append(Change(target, "unchanged"))
            continue
        template = polib.pofile(str(template_path), encoding="utf-8")
        old = catalogs.get(relative)
        result = merge_catalog(template, old.po if old else None, language, elsewhere)
        if old is None:
            new_catalog_header(result.po, relative.with_suffix("").as_posix(), language)
            planned.append((target, _render(result.po, None)))
            changes.append(Change(target, "created", result))
            continue
        before = target.read_text(encoding="utf-8")
        kept_date = old.po.metadata.get("POT-Creation-Date")
        if _render(result.po, kept_date) == before:
            changes.append(Change(target, "unchanged", result))
            continue
        planned.append((target, _render(result.po, None)))
        changes.append(Change(target, "updated", result))
    for relative, path in existing.items():
        # sphinx.po holds the theme's interface text, written by hand, and itukb.po
        # the extension's words, from a template of their own (update_words)
        if relative not in templates and relative not in (INTERFACE_CATALOG, WORDS_CATALOG):
            changes.append(Change(path, "orphan"))
    for target, text in planned:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    record.save(_known_after(messages_dir, template_digests, digests, known, catalogs,
                             changes))
    return changes


def _known_after(messages_dir: Path, template_digests: dict[Path, str],
                 digests: dict[Path, str], known: dict[Path, Known],
                 catalogs: dict[Path, Catalog], changes: list[Change]) -> dict[str, Known]:
    """Every catalog as this update leaves it, for the next one.

    ``digests`` are the catalogs' hashes as read; a catalog written now is
    hashed again from the file, as it is on disk.
    """
    after = {relative.as_posix(): found for relative, found in known.items()}
    for relative, catalog in catalogs.items():
        after[relative.as_posix()] = Known(template_digests.get(relative), digests[relative],
                                           translations_of(catalog.po))
    for change in changes:
        if change.action in ("created", "updated") and change.result is not None:
            relative = change.path.relative_to(messages_dir)
            after[relative.as_posix()] = Known(template_digests[relative], digest(change.path),
                                               translations_of(change.result.po))
    return after


def update_words(template_path: Path, locale_dir: Path, language: str) -> Change:
    """Merge the extension's words (``itukb.pot``, extracted by Babel from the
    code) into ``locale_dir/<language>/LC_MESSAGES/itukb.po``.

    Like a page's catalog, except that the words are Python format strings
    (``{number}``): their ``python-brace-format`` flags are kept, so that
    ``make check-po`` finds a translation that lost or renamed a placeholder.
    """
    target = locale_dir / language / "LC_MESSAGES" / WORDS_CATALOG
    template = polib.pofile(str(template_path), encoding="utf-8")
    old = read_catalog(target) if target.exists() else None
    result = merge_catalog(template, old.po if old else None, language)
    flags = {(e.msgctxt, e.msgid): [f for f in e.flags if f.endswith("-format")]
             for e in template}
    for entry in result.po:
        entry.flags = [*entry.flags, *(f for f in flags.get((entry.msgctxt, entry.msgid), [])
                                       if f not in entry.flags)]
    if old is None:
        new_catalog_header(result.po, "", language, "the words the build writes (itukb)")
        action = "created"
    else:
        kept_date = old.po.metadata.get("POT-Creation-Date")
        if _render(result.po, kept_date) == target.read_text(encoding="utf-8"):
            return Change(target, "unchanged", result)
        action = "updated"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(_render(result.po, None), encoding="utf-8")
    return Change(target, action, result)
