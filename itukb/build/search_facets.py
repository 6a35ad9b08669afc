"""What the search index knows about a page besides its text: metadata and filters.

Each indexed page carries, for Pagefind, its title, kind and date (shown with
each result) and the values readers filter on: kind, year, the objects it
cites (targets, resolutions and their revisions, events, documents) and, for
pages that declare or cite a resolution revision, whether that revision is
in force or superseded.  Everything comes from the knowledge base's domain
data, in the build's language, so the facets of the English search are in
English and those of the Chinese search in Chinese.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from html import escape
from typing import Any

from itukb.i18n.dates import format_date
from itukb.i18n.names import N_
from itukb.i18n.words import _, kind_name
from itukb.store.domain import KnowledgeBaseDomain
from itukb.store.resolve import CitationError, citing_date, link_text, resolve

#: names of filters, of their fixed values and the search page's words, per language
FACET_LABELS: dict[str, str] = {
    "kind": N_("Kind"),
    "year": N_("Year"),
    "cites": N_("Cites"),
    "status": N_("Revision status"),
    "in_force": N_("In force"),
    "superseded": N_("Superseded"),
    # the search page's own words
    "searching": N_("Searching…"),
    "results": N_("{count} pages found"),
    "no_results": N_("No page found."),
    "filters": N_("Filter the results"),
    "needs_server": N_("Search needs the site served over HTTP, e.g. by make serve."),
    "failed": N_("The search index could not be loaded."),
}
#: a page that declares objects is of the kind of its first object
OBJECT_KINDS: dict[str, str] = {
    "resolution": N_("Resolution"),
    "revision": N_("Resolution"),
    "agenda": N_("Agenda"),
    "goal": N_("Agenda"),
    "target": N_("Agenda"),
    "event": N_("Event"),
}


def facet_label(key: str) -> str:
    return _(FACET_LABELS[key])


@dataclass
class PageFacets:
    """Metadata and filter values of one page, in the build's language."""

    title: str
    kind: str = ""
    date: str = ""
    sort_date: str = ""
    symbol: str = ""
    years: set[str] = field(default_factory=set)
    cites: set[str] = field(default_factory=set)
    status: set[str] = field(default_factory=set)

    def html(self) -> str:
        """Hidden elements Pagefind reads: metadata and filters, never indexed as text.

        The symbol is also written as weighted, indexed text, so that a document's
        ITU symbol finds it first.
        """
        def span(attribute: str, name: str, value: str) -> str:
            return f'<span {attribute}="{name}">{escape(value)}</span>'

        parts = [span("data-pagefind-meta", "title", self.title)]
        for name, value in (("kind", self.kind), ("date", self.date), ("symbol", self.symbol)):
            if value:
                parts.append(span("data-pagefind-meta", name, value))
        if self.kind:
            parts.append(span("data-pagefind-filter", "kind", self.kind))
        for name, values in (("year", self.years), ("cites", self.cites),
                             ("status", self.status)):
            parts.extend(span("data-pagefind-filter", name, value) for value in sorted(values))
        if self.sort_date:
            parts.append(span("data-pagefind-sort", "date", self.sort_date))
        html = f'<div class="kb-search-fields" hidden data-pagefind-ignore>{"".join(parts)}</div>'
        if self.symbol:
            html += (f'<div class="kb-search-fields" hidden data-pagefind-weight="10">'
                     f'{escape(self.symbol)}</div>')
        return html


def _year(value: Any) -> str | None:
    text = str(value or "")
    return text[:4] if len(text) >= 4 and text[:4].isdigit() else None


def _superseded(domain: KnowledgeBaseDomain) -> set[str]:
    """Ids of the revisions another revision supersedes."""
    replaced: set[str] = set()
    for record in domain.objects.values():
        if record["kind"] == "revision":
            value = record.get("supersedes") or []
            replaced.update([value] if isinstance(value, str) else value)
    return replaced


def _status(domain: KnowledgeBaseDomain, obj_id: str, replaced: set[str],
            language: str | None) -> str | None:
    record = domain.objects.get(obj_id)
    if record is None or record["kind"] != "revision":
        return None
    key = "superseded" if obj_id in replaced else "in_force"
    return facet_label(key)


def page_facets(domain: KnowledgeBaseDomain, docname: str, title: str) -> PageFacets:
    """The facets of ``docname``: from its front matter, its objects and its citations."""
    language = domain.env.config.language
    replaced = _superseded(domain)
    facets = PageFacets(title=title)
    document = domain.documents.get(docname)
    if document is not None:
        facets.kind = kind_name(document["kind"])
        day = dt.date.fromisoformat(document["date"])
        facets.date = format_date(day, language)
        facets.sort_date = day.isoformat()
        facets.symbol = document.get("symbol") or ""
        facets.years.add(str(day.year))
    declared = sorted((record["line"], obj_id, record) for obj_id, record in domain.objects.items()
                      if record["docname"] == docname)
    if declared and not facets.kind:
        kind = OBJECT_KINDS.get(declared[0][2]["kind"])
        facets.kind = _(kind) if kind else ""
    for _line, obj_id, record in declared:
        year = _year(record.get("start") or record.get("adopted"))
        if year:
            facets.years.add(year)
        status = _status(domain, obj_id, replaced, language)
        if status:
            facets.status.add(status)
    date = citing_date(domain, docname)
    for citation in domain.citations.get(docname, []):
        try:
            resolved = resolve(domain, citation["kind"], citation["target"], date)
        except CitationError:
            continue  # reported where the citation is resolved
        if resolved.docname == docname:
            continue
        facets.cites.add(link_text(domain, resolved))
        status = _status(domain, resolved.object_id, replaced, language)
        if status:
            facets.status.add(status)
    return facets
