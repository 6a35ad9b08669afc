"""The search index: written by Pagefind's extended binary, or not at all.

A copy of one built language of the session's site is indexed again here,
so the tests change nothing the other tests read.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.site


def index(tree: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "itukb.build.pagefind_index", str(tree)],
                          capture_output=True, text=True, check=False, env=env)


def files(tree: Path) -> dict[str, bytes]:
    return {path.relative_to(tree).as_posix(): path.read_bytes()
            for path in sorted(tree.rglob("*")) if path.is_file()}


@pytest.fixture
def chinese(site: Path, tmp_path: Path) -> Path:
    tree = tmp_path / "zh_CN"
    shutil.copytree(site / "zh_CN", tree)
    return tree


def test_without_the_extended_binary_the_index_fails_loudly(chinese: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "blocked"
    (blocker / "pagefind_bin_extended").mkdir(parents=True)
    (blocker / "pagefind_bin_extended/__init__.py").write_text(
        "raise ImportError('blocked by the test')\n")
    before = files(chinese / "pagefind")
    result = index(chinese, env=dict(os.environ, PYTHONPATH=str(blocker)))
    assert result.returncode != 0
    assert result.stderr.count("Pagefind's extended binary is not installed") == 1, result.stderr
    assert "Chinese" in result.stderr
    assert files(chinese / "pagefind") == before  # the last index is left as it was


def test_indexing_again_writes_the_same_bytes_and_nothing_stale(chinese: Path) -> None:
    before = files(chinese / "pagefind")
    (chinese / "pagefind/fragment/zh-cn_left-over.pf_fragment").write_bytes(b"stale")
    result = index(chinese)
    assert result.returncode == 0, result.stderr
    assert files(chinese / "pagefind") == before


def test_pages_of_interface_only_are_not_indexed(chinese: Path) -> None:
    """The search page, the indices and the 404 page hold no content of the knowledge base."""
    from pagefind_bundle import fragments

    urls = set(fragments(chinese))
    for name in ("search", "genindex", "404", "kb-objects"):
        assert f"/{name}.html" not in urls
