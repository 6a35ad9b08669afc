"""Document versions: the version box, the last-changed date, and the change log.

The version box at the top of a document page shows its current version, the
date the page last changed and a link to that version's entry in the change
log.  The date comes from the repository history: one ``git log`` per build,
parsed once, gives every page's last commit date (for an English page, the
later of its source's and its catalog's), so it is right without anyone
editing it and the same commit always builds the same bytes.  Where
there is no history (an untracked page, a build from a tarball, no git at
all) the latest front matter ``history`` entry stands in.  File times and
"now" are never used: they would make builds unreproducible.

The same date fills the theme's "Last updated on" footer of every page.
The box, the footer date and the change log are derived data (:mod:`itukb.derived`),
so a page is re-written when its date changes even though its source did
not, and the change log follows every page's history on incremental builds.
The change log shows each entry's ``change`` text as translated: it is read
from the page's doctree after Sphinx's ``Locale`` transform.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms import SphinxTransform
from sphinx.util.docutils import SphinxDirective

from itukb.domain import KnowledgeBaseDomain, get_domain
from itukb.frontmatter import version_key
from itukb.i18n.config import site_language, source_language
from itukb.i18n.dates import format_date
from itukb.i18n.words import label
from itukb.translation_status import catalog_path

if TYPE_CHECKING:
    from itukb.derived import DerivedBlocks


class kb_version_box(nodes.General, nodes.Element):
    """Where a document page's version box goes."""


class kb_changelog(nodes.General, nodes.Element):
    """Where the change log of all documents goes."""


# -- the last-changed date -------------------------------------------------------


def repository_top(path: Path) -> Path | None:
    """The checkout holding ``path``, found the way git does (a ``.git`` file or folder)."""
    for candidate in (path, *path.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


def git_last_changed(paths: list[Path]) -> dict[Path, str]:
    """Each tracked file under ``paths`` (absolute) -> the date of its last commit.

    One ``git log`` for all of them, newest commit first, so the first date
    seen for a file is its last change.  Inherited ``GIT_*`` variables are
    dropped: inside a git hook they point at another repository.  Any failure
    (no git, not a checkout) means "no history", never an error.
    """
    paths = [p.resolve() for p in paths]
    top = repository_top(paths[0]) if paths else None
    if top is None:
        return {}
    specs = [os.path.relpath(p, top) for p in paths if p.is_relative_to(top)]
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    try:
        result = subprocess.run(
            ["git", "-c", "core.quotepath=off", "log", "--format=%x00%cs", "--name-only",
             "--", *specs],
            cwd=top, capture_output=True, text=True, check=False, env=env)
    except OSError:
        return {}
    if result.returncode != 0:
        return {}
    dates: dict[Path, str] = {}
    commit_date = ""
    for line in result.stdout.splitlines():
        if line.startswith("\0"):
            commit_date = line[1:]
        elif line and commit_date:
            dates.setdefault(top / line, commit_date)
    return dates


def _catalog(env: BuildEnvironment, docname: str) -> Path | None:
    language = site_language(env.config)
    if language == source_language(env.config):
        return None
    return catalog_path(env.config, Path(env.srcdir), docname, language)


def _git_dates(domain: KnowledgeBaseDomain) -> dict[Path, str]:
    dates = getattr(domain, "_git_dates", None)
    if dates is None:
        env = domain.env
        paths = [Path(env.srcdir)]
        language = site_language(env.config)
        if language != source_language(env.config):
            paths += [Path(env.srcdir, d, language) for d in env.config.locale_dirs
                      if Path(env.srcdir, d, language).is_dir()]
        dates = git_last_changed(paths)
        domain._git_dates = dates  # type: ignore[attr-defined]
    return dates


def last_changed(domain: KnowledgeBaseDomain, docname: str) -> tuple[str, str] | None:
    """(ISO date, "git" or "history") for a page; None for an untracked non-document.

    A translated page changes when its source or its catalog does: the later
    of the two commits counts.
    """
    known = _last_changed_cache(domain)
    if docname not in known:
        dates = _git_dates(domain)
        found = []
        if dates:  # outside git, no path need be resolved
            files = [Path(domain.env.doc2path(docname)), _catalog(domain.env, docname)]
            resolved = [_resolve(domain, f) for f in files if f is not None]
            found = [dates[f] for f in resolved if f in dates]
        record = domain.documents.get(docname)
        known[docname] = ((max(found), "git") if found
                          else (record["history"][-1]["date"], "history") if record else None)
    return known[docname]


def _resolve(domain: KnowledgeBaseDomain, path: Path) -> Path:
    """``path.resolve()``, with each directory resolved once per build rather than per file."""
    directories = getattr(domain, "_resolved_dirs", None)
    if directories is None:
        directories = domain._resolved_dirs = {}  # type: ignore[attr-defined]
    parent = path.parent
    if parent not in directories:
        directories[parent] = parent.resolve()
    return directories[parent] / path.name


def _last_changed_cache(domain: KnowledgeBaseDomain) -> dict[str, tuple[str, str] | None]:
    """Each page's date, asked for by its version box, its footer and the derived-state
    hash: resolving its paths once instead of three times saves ~0.3 s at 2,000 pages.
    Reset with the git dates, after the pages are read (their history may have changed).
    """
    cache = getattr(domain, "_last_changed", None)
    if cache is None:
        cache = domain._last_changed = {}  # type: ignore[attr-defined]
    return cache


# -- the data behind the blocks (hashed by itukb.derived) -------------------------


def changelog_docname(domain: KnowledgeBaseDomain) -> str | None:
    """The page showing the change log, if the site has one (looked up once per build)."""
    cached = getattr(domain, "_changelog_docname", False)
    if cached is not False:
        return cached  # type: ignore[return-value]
    found = next((docname for docname, blocks in sorted(domain.derived.items())
                  if any(kind == "changelog" for kind, _ in blocks)), None)
    domain._changelog_docname = found  # type: ignore[attr-defined]
    return found


def entry_anchor(doc_id: str, version: str) -> str:
    return f"change-{doc_id}-v{version.replace('.', '-')}"


def version_data(domain: KnowledgeBaseDomain, docname: str) -> dict[str, Any]:
    record = domain.documents.get(docname)
    changed = last_changed(domain, docname)
    if record is None or changed is None:
        return {}
    date, source = changed
    return {"version": record["version"], "last_changed": date, "source": source,
            "changelog": changelog_docname(domain),
            "anchor": entry_anchor(record["id"], record["version"])}


def changelog_data(domain: KnowledgeBaseDomain) -> list[dict[str, Any]]:
    """Every history entry of every document, newest first, in the build's language."""
    rows = []
    for docname, record in domain.documents.items():
        title = domain.env.titles.get(docname)
        texts = record.get("_change_texts") or [h["change"] for h in record["history"]]
        for entry, text in zip(record["history"], texts, strict=True):
            rows.append({"date": entry["date"], "version": entry["version"], "change": text,
                         "docname": docname, "id": record["id"],
                         "title": title.astext() if title is not None else record["title"],
                         "anchor": entry_anchor(record["id"], entry["version"])})
    return sorted(rows, key=lambda r: (r["date"], r["id"], version_key(r["version"])),
                  reverse=True)


# -- rendering -------------------------------------------------------------------


def render_version_box(blocks: DerivedBlocks, domain: KnowledgeBaseDomain
                       ) -> list[nodes.Node]:
    data = version_data(domain, blocks.docname)
    if not data:
        return []
    lang = blocks.lang
    para = nodes.paragraph()
    version = label("version_box").format(version=data["version"])
    para += nodes.strong(version, version)
    date = format_date(dt.date.fromisoformat(data["last_changed"]), lang)
    updated = label("last_changed").format(date=date)
    para += nodes.Text(" · ")
    para += nodes.inline(updated, updated, classes=["kb-last-changed"])
    if data["changelog"]:
        para += nodes.Text(" · ")
        para += blocks._link(data["changelog"], data["anchor"], label("change_log"))
    return [nodes.container("", para, classes=["kb-version-box"])]


def render_changelog(blocks: DerivedBlocks, domain: KnowledgeBaseDomain) -> list[nodes.Node]:
    rows = changelog_data(domain)
    lang = blocks.lang
    if not rows:
        text = label("no_documents")
        return [nodes.paragraph(text, text)]
    items = nodes.bullet_list(classes=["kb-changelog"])
    for row in rows:
        para = nodes.paragraph()
        date = format_date(dt.date.fromisoformat(row["date"]), lang)
        para += nodes.inline(date, date, classes=["kb-date"])
        para += nodes.Text(" · ")
        para += blocks._link(row["docname"], "", row["title"])
        version = label("version_box").format(version=row["version"])
        para += nodes.Text(f" · {version}{label('colon')}")
        para += nodes.inline(row["change"], row["change"], classes=["kb-change"])
        items += nodes.list_item("", para, ids=[row["anchor"]])
    return [items]


# -- reading ---------------------------------------------------------------------


class ChangeLogDirective(SphinxDirective):
    """``{change-log}``: every document's history, newest first."""

    def run(self) -> list[nodes.Node]:
        get_domain(self.env).note_derived(self.env.docname, "changelog", {})
        node = kb_changelog()
        self.set_source_info(node)
        return [node]


def note_version_box(env: BuildEnvironment) -> kb_version_box:
    """Register a document page's version box and return its node."""
    get_domain(env).note_derived(env.docname, "version", {})
    return kb_version_box()


class NotePageDate(SphinxTransform):
    """Every page shows its last-changed date in the footer: re-write it when that changes."""

    default_priority = 800

    def apply(self, **kwargs: Any) -> None:
        get_domain(self.env).note_derived(self.env.docname, "page-date", {})


def page_date_data(domain: KnowledgeBaseDomain, docname: str) -> str | None:
    changed = last_changed(domain, docname)
    return changed[0] if changed else None


def add_last_updated(app: Sphinx, pagename: str, templatename: str,
                     context: dict[str, Any], doctree: nodes.document | None) -> None:
    """The theme's "Last updated on" footer, from the page's history, never the clock."""
    if doctree is None or pagename not in app.env.found_docs:
        return
    date = page_date_data(get_domain(app.env), pagename)
    if date is not None:
        context["last_updated"] = format_date(dt.date.fromisoformat(date), app.config.language)


class RecordTranslatedChanges(SphinxTransform):
    """Keep each history entry's ``change`` text as the reader of this build sees it.

    The metadata block is rendered before ``Locale`` so the texts are
    translatable messages; here, after it, the (translated) text is copied
    back into the domain for the change log page.
    """

    default_priority = 25

    def apply(self, **kwargs: Any) -> None:
        record = get_domain(self.env).documents.get(self.env.docname)
        if record is None:
            return
        for history in self.document.findall(nodes.bullet_list):
            if "kb-history" in history["classes"]:
                # the block lists entries newest first; item = [stamp, change]
                texts = [item[1].astext() for item in history.children]
                record["_change_texts"] = texts[::-1]
                return


def _reset_caches(app: Sphinx, env: BuildEnvironment, *args: Any) -> list[str]:
    domain = get_domain(env)
    domain._changelog_docname = False  # type: ignore[attr-defined]
    domain._last_changed = None  # type: ignore[attr-defined]
    return []


def _reset_git(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    get_domain(env)._git_dates = None  # type: ignore[attr-defined]
    get_domain(env)._last_changed = None  # type: ignore[attr-defined]
    get_domain(env)._resolved_dirs = None  # type: ignore[attr-defined]


def setup_versions(app: Sphinx) -> None:
    app.add_node(kb_version_box)
    app.add_node(kb_changelog)
    app.add_directive("change-log", ChangeLogDirective)
    app.add_transform(RecordTranslatedChanges)
    app.add_transform(NotePageDate)
    app.connect("html-page-context", add_last_updated)
    app.connect("env-before-read-docs", _reset_git)
    # before itukb.derived hashes the pages' data (default priority 500)
    app.connect("env-get-updated", _reset_caches, priority=400)
