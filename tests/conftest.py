"""Shared fixtures: Sphinx's test roots, and the real site built once per session."""

from __future__ import annotations

import os
import runpy
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest_plugins = ["sphinx.testing.fixtures"]

REPO = Path(__file__).resolve().parent.parent
#: the site's languages, as conf.py declares them
LANGUAGES = tuple(runpy.run_path(str(REPO / "conf.py"))["kb_languages"])


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where ``@pytest.mark.sphinx(testroot=...)`` finds ``tests/roots/test-*``."""
    return REPO / "tests" / "roots"


def build_root(src: Path, out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """Build a test root in one process, as strictly as the site, doctrees kept in ``out``.

    Building again into the same ``out`` is an incremental build.
    """
    return subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-n", "-W", "--keep-going", "-q",
         "-d", str(out / ".doctrees"), *extra, str(src), str(out)],
        capture_output=True, text=True, check=False)


def assert_serial_equals_parallel(src: Path, tmp_path: Path) -> None:
    """Build ``src`` with -j 1 and -j 2: every page and kb.json must be the same bytes."""
    serial, parallel = tmp_path / "serial", tmp_path / "parallel"
    assert build_root(src, serial, "-j", "1").returncode == 0
    result = build_root(src, parallel, "-j", "2")
    assert result.returncode == 0, result.stderr
    pages = sorted(p.relative_to(serial) for p in serial.rglob("*.html"))
    assert pages == sorted(p.relative_to(parallel) for p in parallel.rglob("*.html"))
    for page in [*pages, Path("kb.json")]:
        assert (serial / page).read_bytes() == (parallel / page).read_bytes(), page


def build_site(outdir: Path, *, languages: tuple[str, ...] = LANGUAGES,
               srcdir: Path | None = None, confdir: Path | None = None,
               extra: tuple[str, ...] = (), search: bool = True
               ) -> dict[str, subprocess.CompletedProcess[str]]:
    """Build the knowledge base the way ``make html`` does, one language at a time."""
    srcdir = srcdir or REPO / "docs"
    confdir = confdir or REPO
    results = {}
    for language in languages:
        results[language] = subprocess.run(
            [sys.executable, "-m", "sphinx", "-b", "html", "-c", str(confdir),
             "-D", f"language={language}", "-n", "-W", "--keep-going", "-q", *extra,
             "-d", str(outdir / "doctrees" / language), str(srcdir),
             str(outdir / "html" / language)],
            capture_output=True, text=True, check=False)
        if search and results[language].returncode == 0:  # the search index, as make html does
            indexed = subprocess.run(
                [sys.executable, "-m", "itukb.build.pagefind_index",
                 str(outdir / "html" / language)],
                capture_output=True, text=True, check=False)
            if indexed.returncode != 0:
                results[language] = indexed
    root_index = srcdir / "_root" / "index.html"
    if root_index.exists() and (outdir / "html").exists():
        shutil.copy(root_index, outdir / "html" / "index.html")
    return results


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real knowledge base, built in both languages; returns ``.../html``.

    ``KB_SITE=_build/html`` tests a site already built from this checkout
    (``make html``) instead; the maintainer's-path tests use it on their copy.
    """
    if os.environ.get("KB_SITE"):
        return Path(os.environ["KB_SITE"]).resolve()
    outdir = tmp_path_factory.mktemp("site")
    results = build_site(outdir)
    for language, result in results.items():
        assert result.returncode == 0, (
            f"{language} build failed:\n{result.stdout}\n{result.stderr}")
    return outdir / "html"
