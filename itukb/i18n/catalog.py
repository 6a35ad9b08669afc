"""The ``itukb`` catalogs: found, compiled and handed to Sphinx's gettext.

A project's own ``locale_dirs`` come first, so a site (or a test project)
may translate or re-word the extension's words; the catalogs shipped in
the repository's ``locale/`` (:data:`~itukb.i18n.config.CATALOG_DIR`) fill
in the rest.  Sphinx compiles the content catalogs of ``locale_dirs`` when
the build starts, after the extension's words are already needed (the site
title is set while the configuration is read), so this module compiles the
``itukb`` catalogs itself, with Babel as Sphinx does, into the ``.mo`` file
beside each ``.po`` (never committed: ``.gitignore``, ``make clean``).
Several builds may share a catalog (``make html`` and the tests build the
languages in parallel): each writes its ``.mo`` whole, then renames it.
Fuzzy entries are not used, as for the pages.
"""

from __future__ import annotations

import gettext
import os
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations
from sphinx import locale

from itukb.catalogs.reading import CatalogError
from itukb.catalogs.reading import read_catalog as check_syntax
from itukb.i18n.config import CATALOG, CATALOG_DIR, site_language

if TYPE_CHECKING:
    from sphinx.application import Sphinx


class WordCatalogError(ValueError):
    """A broken ``itukb.po``: the message names the file and the line."""


def catalog_path(locale_dir: Path, language: str) -> Path:
    return locale_dir / language / "LC_MESSAGES" / f"{CATALOG}.po"


def read_catalog(po_path: Path) -> Catalog:
    """The catalog, or :class:`WordCatalogError` naming the file and line of a broken entry.

    Babel reads a broken entry without a word (an unclosed string loses its
    last letter); the project's strict reader (:mod:`itukb.catalogs.reading`,
    the one ``make check-po`` uses) is asked first, so nothing is dropped
    silently.
    """
    try:
        check_syntax(po_path)
    except CatalogError as err:
        raise WordCatalogError(f"broken catalog of the extension's words:\n{err}\n"
                               "(make check-po lists every problem)") from err
    with po_path.open("rb") as stream:
        return read_po(stream)


def _mo_bytes(catalog: Catalog) -> bytes:
    buffer = BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def compile_catalog(po_path: Path) -> Path:
    """Write ``itukb.mo`` beside ``po_path`` unless it is newer already."""
    mo_path = po_path.with_suffix(".mo")
    if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
        return mo_path
    data = _mo_bytes(read_catalog(po_path))
    partial = mo_path.with_name(f".{mo_path.name}.{os.getpid()}.partial")
    partial.write_bytes(data)
    os.replace(partial, mo_path)
    return mo_path


def catalog_dirs(srcdir: Path, locale_dirs: list[str]) -> list[Path]:
    """The project's ``locale_dirs`` (relative to the sources, as Sphinx reads them),
    then the shipped catalogs; each folder once."""
    found: list[Path] = []
    for folder in [*(srcdir / d for d in locale_dirs), CATALOG_DIR]:
        folder = folder.resolve()
        if folder.is_dir() and folder not in found:
            found.append(folder)
    return found


def read_translations(language: str, locale_dirs: list[Path]) -> gettext.NullTranslations:
    """``language``'s words from the ``.po`` files themselves (no ``.mo`` needed)."""
    chain: gettext.NullTranslations | None = None
    for folder in locale_dirs:
        po_path = catalog_path(folder, language)
        if not po_path.is_file():
            continue
        translations = Translations(BytesIO(_mo_bytes(read_catalog(po_path))), domain=CATALOG)
        if chain is None:
            chain = translations
        else:
            chain.add_fallback(translations)
    return chain or gettext.NullTranslations()


def word_catalogs(srcdir: Path, locale_dirs: list[str], language: str) -> list[Path]:
    """The ``itukb.po`` files of ``language``, the project's first."""
    return [path for folder in catalog_dirs(srcdir, locale_dirs)
            if (path := catalog_path(folder, language)).is_file()]


def register_catalogs(app: Sphinx, config: object) -> None:
    """Compile the build language's ``itukb`` catalogs and hand them to Sphinx.

    Sphinx keeps one translator per catalog for the whole process and adds
    a later one as a fallback of an earlier one; a second build in the same
    process (another language) must not read the first one's words, so the
    translator is dropped before the catalogs are added again.
    """
    try:
        language = site_language(config)
    except ValueError:
        return  # itukb.pages.site reports it as a configuration error
    locale.translators.pop(("general", CATALOG), None)
    for po_path in word_catalogs(Path(app.srcdir), list(getattr(config, "locale_dirs", [])),
                                 language):
        compile_catalog(po_path)
        app.add_message_catalog(CATALOG, str(po_path.parents[2]))
