"""Builds of one checkout are exclusive, and a build killed at any point heals.

``make html`` is killed (SIGKILL to its whole process group, as ``kill -9``
or a power cut would) at named points of a build of the small test site
(:mod:`security_site`): while Sphinx saves the Chinese environment, while
it writes the English pages, as it copies the edited English page for
Pagefind and as it writes the English search index, while
the English tree is being published, and between the two renames that swap
it in.  The points are reached exactly, by an audit hook that watches what
each Python process of the build writes (``tests/faults/sitecustomize.py``).
The next ``make html`` must publish byte for byte what a clean build of the
same sources publishes.  Two ``make html`` started together in one checkout
must both succeed, one after the other, with the same result.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
from kbcopy import REPO, VENV, make, needs_venv, tree_digest
from security_site import make_site

pytestmark = needs_venv

FAULTS = REPO / "tests" / "faults"
CATALOG = "locale/en/LC_MESSAGES/second.po"
#: how long a build of the small site may take before the test gives up waiting
PATIENCE = 300


def _change(root: Path) -> None:
    """An edit a maintainer and a translator make: new words in both languages."""
    page = root / "docs" / "second.md"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "第二页的正文。", "第二页的正文已经修订，增加了新的词语：频谱管理。"), encoding="utf-8")
    catalog = root / CATALOG
    catalog.write_text(catalog.read_text(encoding="utf-8").replace(
        'msgid "第二页的正文。"\nmsgstr "The text of the second page."',
        'msgid "第二页的正文已经修订，增加了新的词语：频谱管理。"\n'
        'msgstr "The text of the second page, revised with new words: spectrum management."'),
        encoding="utf-8")
    assert "spectrum management" in catalog.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """The test site built once (to copy), and the digest of a clean build of it changed."""
    base = tmp_path_factory.mktemp("faults")
    built = make_site(base / "built")
    result = make(built, "html")
    assert result.returncode == 0, result.stdout + result.stderr
    clean = make_site(base / "clean")
    _change(clean)
    result = make(clean, "html")
    assert result.returncode == 0, result.stdout + result.stderr
    return built, tree_digest(clean / "_build" / "html")


def _copy(sites: tuple[Path, dict[str, str]], target: Path) -> Path:
    shutil.copytree(sites[0], target, symlinks=True)
    _change(target)
    return target


def _make(root: Path, **environment: str) -> subprocess.Popen[str]:
    """``make html`` in ``root``, in a process group of its own, with fault variables."""
    env = {**os.environ, "PYTHONPATH": str(FAULTS), **environment}
    return subprocess.Popen(["make", "--no-print-directory", f"VENV={VENV}", "html"], cwd=root,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env=env, start_new_session=True)


@pytest.mark.parametrize("point", [
    "doctrees/zh_CN/environment.pickle",
    "staging/en/second.html",
    "search-pages/en/pages/second.html",  # the copy of the edited page Pagefind reads
    "staging/en/pagefind/pagefind-entry.json",
    "html/.en.new/second.html",
    "html/.en.new",  # its rename: the old English tree has just been moved aside
])
def test_a_build_killed_at_any_point_heals(sites: tuple[Path, dict[str, str]], tmp_path: Path,
                                           point: str) -> None:
    root = _copy(sites, tmp_path / "project")
    killed = _make(root, KB_KILL_AT=point)
    output, _ = killed.communicate(timeout=PATIENCE)
    assert killed.returncode == -signal.SIGKILL, f"the build was not killed at {point}:\n{output}"
    result = make(root, "html")
    assert result.returncode == 0, result.stdout + result.stderr
    published = tree_digest(root / "_build" / "html")
    assert published == sites[1], sorted(set(published.items()) ^ set(sites[1].items()))


def test_a_rebuild_writes_the_search_index_again_only_when_a_page_changed(
        sites: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    """Nothing changed: Pagefind is not run; an edit: the index a clean build writes."""
    root = tmp_path / "project"
    shutil.copytree(sites[0], root, symlinks=True)
    bundles = [root / "_build" / "staging" / language / "pagefind" for language in ("zh_CN", "en")]

    def written() -> dict[Path, int]:
        return {path: path.stat().st_mtime_ns for bundle in bundles
                for path in bundle.rglob("*") if path.is_file()}

    before = written()
    result = make(root, "html")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("pages, unchanged, kept") == 2, result.stdout
    assert written() == before
    _change(root)  # both languages' pages change
    result = make(root, "html")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "unchanged, kept" not in result.stdout, result.stdout
    assert tree_digest(root / "_build" / "html") == sites[1]


def test_a_second_build_waits_for_the_first(sites: tuple[Path, dict[str, str]],
                                            tmp_path: Path) -> None:
    root = _copy(sites, tmp_path / "project")
    paused, resume = tmp_path / "paused", tmp_path / "resume"
    first = _make(root, KB_PAUSE_AT="staging/en/pagefind/pagefind-entry.json",
                  KB_PAUSED=str(paused), KB_RESUME=str(resume))
    try:
        _wait_for(lambda: paused.exists(), first)
        second = subprocess.Popen(
            ["make", "--no-print-directory", f"VENV={VENV}", "html"], cwd=root,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        lock = root / "_build" / ".build.lock"
        # the second build holds off while the first, paused, holds the lock
        _wait_for(lambda: _waiting(second.pid), second)
        assert lock.exists() and first.poll() is None
    finally:
        resume.touch()
    first_output, _ = first.communicate(timeout=PATIENCE)
    second_output, _ = second.communicate(timeout=PATIENCE)
    assert first.returncode == 0, first_output
    assert second.returncode == 0, second_output
    assert "another build of this checkout is running: waiting for it" in second_output
    assert tree_digest(root / "_build" / "html") == sites[1]


def _waiting(pid: int) -> bool:
    """Whether a process below ``pid`` is ``flock`` waiting for the lock (not yet building)."""
    children: dict[int, list[tuple[int, list[str]]]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            args = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue  # ended meanwhile
        parent = int(stat.rpartition(")")[2].split()[1])
        children.setdefault(parent, []).append(
            (int(entry.name), [arg.decode(errors="replace") for arg in args if arg]))
    stack = [pid]
    while stack:
        for child, args in children.get(stack.pop(), []):
            if args and Path(args[0]).name == "flock" and "-n" not in args:
                return True
            stack.append(child)
    return False


def _wait_for(condition: object, process: subprocess.Popen[str]) -> None:
    """Poll ``condition`` until it holds; fail if ``process`` ends first or it never does."""
    deadline = time.monotonic() + PATIENCE
    while not condition():  # type: ignore[operator]
        assert process.poll() is None, process.communicate()[0]
        assert time.monotonic() < deadline, "the build never got there"
        time.sleep(0.05)
