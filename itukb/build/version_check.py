"""Versions that cannot lie: a page's text may change only with a new version.

A document says "version 1.0" in its version box.  That is true only while
its text is the text it had when 1.0 was set.  For every page under
``docs/`` with a ``version`` in its front matter, this finds, in the git
history, the last commit that set the current version (walking the page's
commits from the newest while the version stays the same), and compares the
page as it is now with the page at that commit, in the form readers get
(:func:`itukb.build.page_text.page_text`): re-wrapping a paragraph passes,
changing a word does not.  A page whose current version was never committed
(a new version being written, a new page) passes: its history entry is the
one being added.

Two ``git`` processes in all, whatever the number of pages: one ``git log``
lists each page's commits, one ``git cat-file --batch`` reads the page at
each commit needed.  Without history (no git, not a checkout) nothing can be
checked and the report says so.  In a shallow clone the oldest commit
fetched may not be the one that set a version: a change since that commit
is still reported, and the pages that could not be checked to the end are
named in a notice.

Our own code: no tool we know ties a front matter field to git history.
"""

from __future__ import annotations

import dataclasses
import os
import subprocess
from collections.abc import Iterable
from pathlib import Path

from itukb.build.page_text import field_line, front_matter_value, page_text


@dataclasses.dataclass(frozen=True)
class Commit:
    sha: str
    date: str  # ISO date of the commit


@dataclasses.dataclass(frozen=True)
class VersionFinding:
    path: Path
    line: int
    version: str
    commit: Commit
    passage: str  # the first passage that differs, as it reads now

    def format(self, relative_to: Path) -> str:
        where = os.path.relpath(self.path, relative_to)
        shown = self.passage if len(self.passage) <= 60 else self.passage[:57] + "..."
        return (f"{where}:{self.line}: error: changed since version {self.version} "
                f"(commit {self.commit.sha[:7]}, {self.commit.date}) without a new history "
                f"entry: add one (date, version, change) and set version to match "
                f"(first change: {shown!r})")


@dataclasses.dataclass
class VersionReport:
    findings: list[VersionFinding]
    checked: int
    #: why nothing could be checked ("" when history was found)
    no_history: str = ""
    #: pages whose version predates the oldest commit of a shallow clone
    unverified: list[Path] = dataclasses.field(default_factory=list)


def _git(top: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[bytes]:
    # inherited GIT_* variables (inside a hook) would point at another repository
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    return subprocess.run(["git", "-c", "core.quotepath=off", *args], cwd=top,
                          input=stdin.encode() if stdin is not None else None,
                          capture_output=True, check=False, env=env)


def _top(path: Path) -> Path | None:
    try:
        result = _git(path, "rev-parse", "--show-toplevel")
    except OSError:
        return None
    return Path(result.stdout.decode().strip()) if result.returncode == 0 else None


def _commits_by_file(top: Path, directory: Path) -> dict[Path, list[Commit]]:
    result = _git(top, "log", "--format=%x00%H %cs", "--name-only", "--",
                  os.path.relpath(directory, top))
    commits: dict[Path, list[Commit]] = {}
    current: Commit | None = None
    for line in result.stdout.decode("utf-8", "replace").splitlines():
        if line.startswith("\0"):
            sha, date = line[1:].split(" ")
            current = Commit(sha, date)
        elif line and current:
            commits.setdefault((top / line).resolve(), []).append(current)
    return commits


def _read_blobs(top: Path, specs: list[str]) -> dict[str, str | None]:
    """``commit:path`` -> the file's text there (None when it is not there)."""
    if not specs:
        return {}
    output = _git(top, "cat-file", "--batch", stdin="\n".join(specs) + "\n").stdout
    texts: dict[str, str | None] = {}
    position = 0
    for spec in specs:
        end = output.index(b"\n", position)
        header = output[position:end].split()
        position = end + 1
        if len(header) < 3 or header[1] != b"blob":
            texts[spec] = None
            continue
        size = int(header[2])
        texts[spec] = output[position:position + size].decode("utf-8", "replace")
        position += size + 1
    return texts


def _versioned_pages(docs: Path) -> dict[Path, str]:
    pages = {}
    for path in sorted(docs.rglob("*.md")):
        text = path.read_text(encoding="utf-8", errors="replace")
        if text.startswith("---"):
            pages[path.resolve()] = text
    return pages


def _first_difference(now: list[str], then: list[str]) -> str:
    for index, passage in enumerate(now):
        if index >= len(then) or then[index] != passage:
            return passage
    return "(text removed)"


def check_versions(docs: Path, extensions: Iterable[str] = ("colon_fence", "deflist"),
                   ) -> VersionReport:
    """Compare every versioned page under ``docs`` with the commit that set its version."""
    extensions = tuple(extensions)
    pages = {path: text for path, text in _versioned_pages(docs).items()
             if front_matter_value(text, "version") is not None}
    top = _top(docs)
    if top is None:
        return VersionReport([], 0, no_history="no git history here (not a git checkout, "
                             "or no git): versions cannot be compared with their commits")
    shallow = _git(top, "rev-parse", "--is-shallow-repository").stdout.strip() == b"true"
    history = _commits_by_file(top, docs)
    walks = {path: history.get(path, []) for path in pages}
    # the file at every commit that touched it; one git process for all
    specs = [f"{c.sha}:{os.path.relpath(path, top)}" for path, commits in walks.items()
             for c in commits]
    blobs = _read_blobs(top, specs)
    report = VersionReport([], 0)
    for path, text in pages.items():
        version = front_matter_value(text, "version")
        setter: Commit | None = None
        setter_text = ""
        commits = walks[path]
        for commit in commits:
            old = blobs.get(f"{commit.sha}:{os.path.relpath(path, top)}")
            if old is None or front_matter_value(old, "version") != version:
                break
            setter, setter_text = commit, old
        if setter is None:
            continue  # this version is not committed yet: its history entry is new
        report.checked += 1
        now, then = page_text(text, extensions), page_text(setter_text, extensions)
        if now != then:
            report.findings.append(VersionFinding(
                path, field_line(text, "version"), version or "", setter,
                _first_difference(now, then)))
        elif shallow and setter == commits[-1]:
            report.unverified.append(path)
    return report
