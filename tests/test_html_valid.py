"""Every page of the built site is valid HTML, as the Nu HTML checker reads it.

The checker (``vnu.jar``, the W3C's Nu Html Checker) comes from npm
(``make test`` installs it into ``.venv/npm``; ``KB_VNU_JAR`` names another
copy) and runs with Java; without either the test is skipped, with the
reason.  It checks the real knowledge base in both languages, and the small
test site with every page kind the extension writes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from kbcopy import REPO, make, needs_venv
from security_site import make_site

VNU_DEFAULT = ".venv/npm/node_modules/vnu-jar/build/dist/vnu.jar"


@pytest.fixture(scope="module")
def vnu() -> list[str]:
    jar = Path(os.environ.get("KB_VNU_JAR") or REPO / VNU_DEFAULT)
    java = shutil.which("java")
    if java is None:
        pytest.skip("java not found: the Nu HTML checker needs it (.ci/run installs it)")
    if not jar.is_file():
        pytest.skip(f"the Nu HTML checker is not at {jar}: make test installs it with npm "
                    "(or set KB_VNU_JAR)")
    return [java, "-jar", str(jar), "--errors-only", "--skip-non-html"]


def _errors(vnu: list[str], site: Path) -> list[str]:
    result = subprocess.run([*vnu, str(site)], capture_output=True, text=True, check=False)
    assert result.returncode in (0, 1), result.stderr  # 1: errors were found
    return [line.replace(f"file:{site}/", "") for line in result.stderr.splitlines()
            if ": error:" in line]


@pytest.mark.site
def test_knowledge_base_pages_are_valid_html(site: Path, vnu: list[str]) -> None:
    pages = list(site.rglob("*.html"))
    assert pages
    assert _errors(vnu, site) == []


@needs_venv
def test_test_site_pages_are_valid_html(tmp_path: Path, vnu: list[str]) -> None:
    root = make_site(tmp_path / "project")
    result = make(root, "html")
    assert result.returncode == 0, result.stdout + result.stderr
    assert _errors(vnu, root / "_build" / "html") == []


def test_the_checker_finds_an_invalid_page(tmp_path: Path, vnu: list[str]) -> None:
    """A page with the sidebar's old switch markup fails: the check can fail."""
    page = tmp_path / "page.html"
    page.write_text('<!DOCTYPE html><html lang="en"><head><title>t</title></head><body>'
                    '<input aria-label="x" id="a" type="checkbox" aria-checked="true">'
                    "</body></html>", encoding="utf-8")
    assert _errors(vnu, tmp_path) != []
