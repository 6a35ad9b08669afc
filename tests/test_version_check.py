"""Versions that cannot lie: ``make check-versions`` on throwaway git repositories."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SCRIPT = REPO / "scripts" / "check_versions.py"

PAGE = """\
---
id: letter
title: 通函
kind: circular-letter
date: 2020-04-27
place: 日内瓦
issuer: 秘书长
addressees:
  - 各成员国
language: zh
version: "VERSION"
history:
HISTORY
---

# 通函

(letter-body)=
## 正文

我谨通知您，{event}`展会 <fair-2020>`推迟举办，见{target}`3.5`。

- 第一项
- 第二项
"""


def page(version: str, history: str) -> str:
    return PAGE.replace("VERSION", version).replace("HISTORY", history)


FIRST = '  - date: 2026-11-23\n    version: "1.0"\n    change: 据原件录入。'
SECOND = FIRST + '\n  - date: 2026-12-01\n    version: "1.1"\n    change: 更正一处用词。'


def git(root: Path, *args: str, date: str = "2026-11-23T10:00:00+00:00") -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date, GIT_AUTHOR_NAME="editor",
               GIT_AUTHOR_EMAIL="editor@example.org", GIT_COMMITTER_NAME="editor",
               GIT_COMMITTER_EMAIL="editor@example.org")
    result = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True,
                            env=env, check=True)
    return result.stdout.strip()


def check(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(SCRIPT), "docs"], cwd=root,
                          capture_output=True, text=True, check=False)


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """A knowledge base with one page at version 1.0, committed on 2026-11-23."""
    root = tmp_path / "kb"
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "letter.md").write_text(
        page("1.0", FIRST), encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "letter 1.0")
    return root


def edit(root: Path, old: str, new: str) -> None:
    page = root / "docs" / "letter.md"
    text = page.read_text(encoding="utf-8")
    assert old in text
    page.write_text(text.replace(old, new), encoding="utf-8")


def test_unchanged_page_passes(repository: Path) -> None:
    result = check(repository)
    assert result.returncode == 0, result.stdout
    assert "1 versioned page(s) compared" in result.stdout


def test_changed_text_without_new_version_names_file_version_and_commit(
        repository: Path) -> None:
    sha = git(repository, "rev-parse", "--short=7", "HEAD")
    edit(repository, "推迟举办", "延期举办")
    result = check(repository)
    assert result.returncode == 1
    line = (repository / "docs/letter.md").read_text(encoding="utf-8").split("\n").index(
        'version: "1.0"') + 1
    assert (f"docs/letter.md:{line}: error: changed since version 1.0 "
            f"(commit {sha}, 2026-11-23) without a new history entry") in result.stdout
    # committing the change does not make it right: the version is still 1.0
    git(repository, "commit", "-qam", "reword", date="2026-11-30T10:00:00+00:00")
    again = check(repository)
    assert again.returncode == 1 and f"(commit {sha}, 2026-11-23)" in again.stdout


@pytest.mark.parametrize(("old", "new"), [
    ("place: 日内瓦", "place: 纽约"),  # translatable front matter
    ("change: 据原件录入。", "change: 据原件重新录入。"),
    ("见{target}`3.5`", "见{target}`3.6`"),  # the generated link text changes
    ("- 第二项\n", "- 第二项\n- 第三项\n"),
])
def test_every_kind_of_text_change_is_caught(repository: Path, old: str, new: str) -> None:
    edit(repository, old, new)
    assert check(repository).returncode == 1


@pytest.mark.parametrize(("old", "new"), [
    ("我谨通知您，{event}", "我谨通知您，\n{event}"),  # re-wrapped
    ("- 第一项\n- 第二项", "* 第一项\n* 第二项"),  # another bullet
    ("{event}`展会 <fair-2020>`", "{ref}`展会 <fair-2020>`"),  # same link text, other role
    ("date: 2020-04-27", "date: 2020-04-28"),  # metadata the build formats, not text
    ("\n# 通函\n", "\n\n# 通函   \n\n"),  # blank lines, trailing spaces
])
def test_formatting_only_changes_pass(repository: Path, old: str, new: str) -> None:
    edit(repository, old, new)
    result = check(repository)
    assert result.returncode == 0, result.stdout


def test_new_version_with_history_entry_passes_and_is_the_new_reference(
        repository: Path) -> None:
    edit(repository, "推迟举办", "延期举办")
    edit(repository, 'version: "1.0"\nhistory:\n' + FIRST, 'version: "1.1"\nhistory:\n' + SECOND)
    assert check(repository).returncode == 0  # not committed yet: the entry is being added
    git(repository, "commit", "-qam", "letter 1.1", date="2026-12-01T09:00:00+00:00")
    sha = git(repository, "rev-parse", "--short=7", "HEAD")
    assert check(repository).returncode == 0
    edit(repository, "第一项", "第1项")
    result = check(repository)
    assert result.returncode == 1
    assert f"changed since version 1.1 (commit {sha}, 2026-12-01)" in result.stdout


def test_new_untracked_page_passes(repository: Path) -> None:
    (repository / "docs" / "other.md").write_text(
        page("1.0", FIRST), encoding="utf-8")
    assert check(repository).returncode == 0


def test_no_history_is_said_plainly(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "letter.md").write_text(
        page("1.0", FIRST), encoding="utf-8")
    result = check(tmp_path)
    assert result.returncode == 0
    assert "no git history here" in result.stdout and "nothing checked" in result.stdout


def test_shallow_clone_says_what_it_could_not_check(repository: Path, tmp_path: Path) -> None:
    edit(repository, "第一项", "第一条")
    git(repository, "commit", "-qam", "reword", date="2026-11-30T10:00:00+00:00")
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repository}", str(shallow))
    result = check(shallow)
    assert result.returncode == 0  # the one commit fetched agrees with the page
    assert "this clone is shallow" in result.stdout
    assert "git fetch --unshallow" in result.stdout
    full = check(repository)  # the full history knows better
    assert full.returncode == 1 and "changed since version 1.0" in full.stdout
    edit(shallow, "推迟举办", "延期举办")  # a change since the commit fetched is still caught
    assert check(shallow).returncode == 1


def test_the_knowledge_base_keeps_its_versions() -> None:
    """Every page of this repository agrees with the commit that set its version."""
    result = subprocess.run([sys.executable, str(SCRIPT), "--conf", "conf.py", "docs"],
                            cwd=REPO, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
