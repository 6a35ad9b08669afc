"""Refuse to build from a catalog that is not well-formed.

Sphinx compiles each changed ``.po`` file into a ``.mo`` with Babel, which
reads a broken catalog leniently: a string whose closing quote is missing
loses its last character, an entry can vanish, and the build passes with a
translation nobody wrote.  Before Sphinx compiles them, every catalog it is
about to compile is read here with the project's strict reader (the one
``make check-po`` uses), and each syntax problem fails the build as
``file:line: WARNING: ...``.  So does a translation whose markup (a role,
cross-reference, link or footnote) differs from its source's, at its entry:
Sphinx would otherwise fail on it naming only the page.

The ``.mo`` Sphinx then writes from a broken catalog is removed again before
pages are read, so the next build finds the catalog out of date and reports
it once more, instead of passing on a half-read translation.

A well-formed catalog is refused too when a translation adds structure its
source lacks (raw HTML, a directive such as ``{raw}``, ``{eval-rst}`` or
``{include}``, another paragraph; :mod:`itukb.catalogs.structure`): Sphinx
would run it and then drop the translation without a word.  Catalogs that
did not change since their ``.mo`` was written were checked when they did,
so incremental builds read only what changed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.i18n import CatalogRepository

from itukb.catalogs import markup
from itukb.catalogs.locate import msgstr_line
from itukb.catalogs.reading import Catalog, CatalogError, read_catalog
from itukb.catalogs.stats import is_translated
from itukb.catalogs.structure import added_structure

logger = logging.getLogger(__name__)

def markup_problems(catalog: Catalog) -> list[tuple[str, int, str]]:
    """(file, line, message) for each translation whose markup differs from its source.

    Sphinx would use such a translation and fail on it with "inconsistent
    references in translated message", naming the page but not the catalog
    line (its warning is suppressed in conf.py); ``make check-po`` says the
    same in more detail.
    """
    found = []
    for index, entry in enumerate(catalog.po):
        if entry.obsolete or entry.msgid_plural or not is_translated(entry):
            continue
        for message in markup.differences(markup.analyse(entry.msgid),
                                          markup.analyse(entry.msgstr)):
            found.append((catalog.name, catalog.line_of(index, entry), message))
    return found


def check_changed_catalogs(app: Sphinx) -> list[Path]:
    """Read every catalog Sphinx will compile in this build, strictly.

    Returns the ``.mo`` files that Sphinx will compile from broken catalogs.
    """
    if not app.config.language or not app.config.gettext_auto_build:
        return []
    repo = CatalogRepository(app.srcdir, app.config.locale_dirs, app.config.language,
                             app.config.source_encoding)
    broken: list[Path] = []
    for catalog in sorted(repo.catalogs, key=lambda c: str(c.po_path)):
        if not catalog.is_outdated():
            continue
        try:
            checked = read_catalog(Path(catalog.po_path))
        except CatalogError as err:
            for finding in err.findings:
                logger.warning(
                    f"{finding.message}; the catalog cannot be used until this is fixed "
                    "(make check-po lists every problem)",
                    location=f"{finding.path}:{finding.line}" if finding.line else finding.path,
                    type="itukb", subtype="catalog")
            broken.append(Path(catalog.mo_path))
            continue
        problems = markup_problems(checked)
        for name, line, message in problems:
            logger.warning(f"{message}; the translation cannot be used until this is fixed "
                           "(make check-po lists every problem)", location=f"{name}:{line}",
                           type="itukb", subtype="catalog")
        if _structure_added(app, checked) or problems:
            broken.append(Path(catalog.mo_path))
    return broken


def _structure_added(app: Sphinx, catalog: Catalog) -> bool:
    """Report each translation that adds structure to its source; whether there was one."""
    extensions = frozenset(getattr(app.config, "myst_enable_extensions", ()) or ())
    found = False
    for index, entry in enumerate(catalog.po):
        if entry.obsolete or not entry.msgstr or entry.fuzzy:
            continue
        added = added_structure(entry.msgid, entry.msgstr, extensions)
        if not added:
            continue
        found = True
        logger.warning(
            f"the translation adds {', '.join(added)}, which its source does not have: "
            "a translation may change only the words (Sphinx would drop it and show the "
            "source text, after running what it adds)",
            location=f"{catalog.name}:{msgstr_line(catalog, index, entry)}",
            type="itukb", subtype="catalog")
    return found


def setup_catalog_guard(app: Sphinx) -> None:
    broken: list[Path] = []

    def on_builder_inited(app: Sphinx) -> None:
        broken[:] = check_changed_catalogs(app)

    def on_before_read(app: Sphinx, env: BuildEnvironment, docnames: Any) -> None:
        # Sphinx has compiled them by now: remove them, so they are checked again
        for mo_path in broken:
            mo_path.unlink(missing_ok=True)

    app.connect("builder-inited", on_builder_inited)
    app.connect("env-before-read-docs", on_before_read)
