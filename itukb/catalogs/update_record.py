"""What the last ``make update-po`` left, so that the next one parses only what changed.

Merging a template into its catalog (:mod:`itukb.catalogs.merge`) depends on
the two files, and on the translations of the other catalogs only for
messages new to the catalog.  After a merge the catalog holds every message
of its template, so merging the same template into the same catalog again
changes nothing.  At thousands of pages, parsing every template and catalog
with polib on each update took seconds after a one-page edit.

So each update records, per catalog, the content hash of its template and
of the catalog as the update left them, and the catalog's translations (the
memory that new messages of other catalogs are offered from).  The next
update hashes the files (reading bytes is cheap; parsing is not): a catalog
whose template and file still have those hashes is unchanged without being
parsed, and its translations come from the record.  Any other catalog is
read, checked and merged as before.  A catalog edited by hand, a template
extracted again, a catalog without a record: all are read.

The record is kept beside the templates (``_build/gettext/.update-po-<lang>.json``)
and names the code that merged: a record written by other merge code, or one
that cannot be read, is ignored, and everything is read again.  No library
keeps such a record of polib merges, hence this module.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from collections.abc import Iterator, Mapping
from pathlib import Path

import polib

from itukb.catalogs.stats import is_translated

#: the modules whose code decides what a merge writes; a record made by other code is void
_CODE = Path(__file__).parent


def digest(path: Path) -> str:
    """The hash of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _code_digest() -> str:
    code = hashlib.sha256()
    for module in sorted(_CODE.glob("*.py")):
        code.update(module.name.encode() + b"\0" + module.read_bytes())
    return code.hexdigest()


def translations_of(po: polib.POFile) -> list[tuple[str, str]]:
    """A catalog's entries other catalogs may borrow: live, translated, not plural.

    In file order, as :func:`itukb.catalogs.merge.translations_by_source`
    takes the first translation of a source text.
    """
    return [(entry.msgid, entry.msgstr) for entry in po
            if not entry.obsolete and is_translated(entry) and not entry.msgid_plural]


@dataclasses.dataclass(frozen=True)
class Known:
    """A catalog as the last update left it."""

    #: the hash of its template then (None: a catalog without a template)
    template: str | None
    catalog: str
    translations: list[tuple[str, str]]


class UpdateRecord:
    """The record of one language's catalogs (see the module's docstring)."""

    def __init__(self, path: Path, catalogs: dict[str, Known]) -> None:
        self.path = path
        self.catalogs = catalogs

    @classmethod
    def load(cls, pot_dir: Path, language: str) -> UpdateRecord:
        path = pot_dir / f".update-po-{language}.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("code") != _code_digest():
                return cls(path, {})
            catalogs = {name: Known(template, catalog, [tuple(t) for t in translations])
                        for name, (template, catalog, translations)
                        in data["catalogs"].items()}
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return cls(path, {})  # no record, or not one this code can trust: read everything
        return cls(path, catalogs)  # type: ignore[arg-type]

    def unchanged(self, name: str, template: str | None, catalog: str) -> Known | None:
        """What is known of catalog ``name``, if it and its template are as last left."""
        known = self.catalogs.get(name)
        if known is None or known.template != template or known.catalog != catalog:
            return None
        return known

    def save(self, catalogs: dict[str, Known]) -> None:
        """Replace the record (written whole, then renamed into place)."""
        data = {"code": _code_digest(),
                "catalogs": {name: [k.template, k.catalog, k.translations]
                             for name, k in sorted(catalogs.items())}}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_name(self.path.name + ".tmp")
        partial.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(partial, self.path)


class TranslationMemory(Mapping[str, polib.POEntry]):
    """Source text -> a translated entry of some catalog, the first one found.

    What :func:`itukb.catalogs.merge.merge_catalog` offers new messages
    (``elsewhere``), built from translations as recorded or as parsed; an
    entry is made only for the texts a merge asks for.
    """

    def __init__(self, catalogs: list[list[tuple[str, str]]]) -> None:
        self._texts: dict[str, str] = {}
        for translations in catalogs:
            for msgid, msgstr in translations:
                self._texts.setdefault(msgid, msgstr)

    def __getitem__(self, msgid: str) -> polib.POEntry:
        return polib.POEntry(msgid=msgid, msgstr=self._texts[msgid])

    def __contains__(self, msgid: object) -> bool:
        return msgid in self._texts

    def __iter__(self) -> Iterator[str]:
        return iter(self._texts)

    def __len__(self) -> int:
        return len(self._texts)
