"""`make bench`'s search benchmark runs and prints its figures (at a tiny size)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]


def test_search_benchmark_reports_download_and_indexing_time(
    tmp_path: Path, browser: object
) -> None:
    """``browser``: skipped, with the reason, where Chromium is missing."""
    result = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "bench_search.py"), "--documents", "12",
         "--no-sphinx", "--keep", str(tmp_path)],
        capture_output=True, text=True, check=False, cwd=REPO, timeout=900)
    assert result.returncode == 0, result.stdout + result.stderr
    for language in ("zh_CN", "en"):
        assert f"{language}: full build" in result.stdout, result.stdout
        line = next(row for row in result.stdout.splitlines()
                    if f"{language}: first search" in row)
        for part in ("index chunks", "result fragments", "engine"):
            assert part in line, line
