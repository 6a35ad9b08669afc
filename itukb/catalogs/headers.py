"""The header entry: what ``msgfmt --check-header`` checks, and a little more.

msgfmt only warns about most header fields; the fields that decide how the
catalog is read are errors here: the charset (the project's catalogs are
UTF-8), the language (it must match the ``<lang>/LC_MESSAGES`` directory
the catalog is in, or an editor would treat it as another language) and,
when plural messages exist, ``Plural-Forms``.
"""

from __future__ import annotations

import re

import polib

from itukb.catalogs.findings import WARNING, Finding
from itukb.catalogs.policy import english_name
from itukb.catalogs.reading import Catalog

#: fields msgfmt expects, and the values it reports as never filled in
EXPECTED_FIELDS: dict[str, str | None] = {
    "Project-Id-Version": "PACKAGE VERSION",
    "PO-Revision-Date": "YEAR-MO-DA HO:MI+ZONE",
    "Last-Translator": "FULL NAME <EMAIL@ADDRESS>",
    "Language-Team": "LANGUAGE <LL@li.org>",
    "MIME-Version": None,
    "Content-Transfer-Encoding": None,
}
_CHARSET = re.compile(r"charset=([^\s;]+)", re.IGNORECASE)
_PLURAL_FORMS = re.compile(r"^\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*[^;]+;?\s*$")


def new_catalog_header(po: polib.POFile, page: str, language: str,
                       title: str | None = None) -> None:
    """Give a catalog ``make update-po`` creates the project's header, filled in.

    Sphinx's templates carry gettext's boilerplate ("SOME DESCRIPTIVE TITLE",
    "FIRST AUTHOR", a fuzzy header with ``PO-Revision-Date`` at its template
    value), which :func:`check_header` would warn about at once.  The
    revision date is the template's creation date, so the same extraction
    (``SOURCE_DATE_EPOCH``) gives the same bytes.
    """
    name = english_name(language)
    what = title or f"docs/{page}.md"
    po.header = (f"{name} translation of {what}, ITU Document Knowledge Base.\n"
                 "Translators: see CONTRIBUTING.md.")
    po.metadata_is_fuzzy = False
    created = po.metadata.get("POT-Creation-Date", "").strip()
    if created and po.metadata.get("PO-Revision-Date", "").strip() in (
            "", EXPECTED_FIELDS["PO-Revision-Date"]):
        po.metadata["PO-Revision-Date"] = created
    for field, default in EXPECTED_FIELDS.items():
        if default is not None and po.metadata.get(field, "").strip() == default:
            po.metadata[field] = {"Project-Id-Version": "ITU Document Knowledge Base",
                                  "Last-Translator": "ITU knowledge base translators",
                                  "Language-Team": f"{name} <{language}@li.org>"
                                  }.get(field, created)


def _normal(language: str) -> str:
    return language.replace("-", "_").lower()


def check_header(catalog: Catalog, language: str | None) -> list[Finding]:
    po = catalog.po
    name, line = catalog.name, catalog.header_line
    if not po.metadata:
        return [Finding(name, line, "header",
                        'the catalog has no header entry (msgid "" with Content-Type and '
                        "Language); copy it from another catalog")]
    meta = po.metadata
    findings = []

    def error(message: str) -> None:
        findings.append(Finding(name, line, "header", message))

    charset = _CHARSET.search(meta.get("Content-Type", ""))
    if charset is None:
        error("Content-Type has no charset: write 'text/plain; charset=UTF-8'")
    elif charset.group(1).upper().replace("_", "-") not in ("UTF-8", "UTF8"):
        error(f"charset is {charset.group(1)!r}; the project's catalogs are UTF-8")
    declared = meta.get("Language", "").strip()
    if not declared:
        error("the Language field is missing")
    elif language and _normal(declared) != _normal(language):
        error(f"Language is {declared!r} but the catalog is in the {language!r} directory")
    plural_forms = meta.get("Plural-Forms")
    nplurals = None
    if plural_forms is not None:
        match = _PLURAL_FORMS.match(plural_forms)
        if match is None:
            error(f"Plural-Forms {plural_forms!r} is not 'nplurals=N; plural=EXPRESSION;'")
        else:
            nplurals = int(match.group(1))
    findings += _plural_entries(catalog, plural_forms is not None, nplurals)
    missing = [field for field in EXPECTED_FIELDS if field not in meta]
    defaults = [field for field, default in EXPECTED_FIELDS.items()
                if default is not None and meta.get(field, "").strip() == default]
    if missing or defaults:
        parts = []
        if missing:
            parts.append("missing: " + ", ".join(missing))
        if defaults:
            parts.append("still at their template value: " + ", ".join(defaults))
        findings.append(Finding(name, line, "header", "header fields " + "; ".join(parts),
                                severity=WARNING))
    return findings


def _plural_entries(catalog: Catalog, declared: bool, nplurals: int | None) -> list[Finding]:
    findings = []
    for index, entry in enumerate(catalog.po):
        if entry.obsolete or not entry.msgid_plural:
            continue
        entry_line = catalog.line_of(index, entry)
        if not declared:
            return [Finding(catalog.name, catalog.header_line, "header",
                            "the catalog has plural messages but no Plural-Forms header "
                            f"(first on line {entry_line})")]
        if nplurals is not None and _has_translation(entry) \
                and len(entry.msgstr_plural) != nplurals:
            findings.append(Finding(
                catalog.name, entry_line, "header",
                f"{len(entry.msgstr_plural)} plural forms, Plural-Forms says {nplurals}",
                entry.msgid))
    return findings


def _has_translation(entry: polib.POEntry) -> bool:
    return any(entry.msgstr_plural.values())
