"""Translating with one MyST parser per process, each message parsed once, changes no output.

``itukb.reading.myst_reuse`` and ``itukb.reading.locale_once`` make the English build fast
by reusing what Sphinx and MyST rebuilt for every translated message.  A
small project whose catalogs exercise the translation step (renamed titles,
the same message twice on a page, roles, footnotes, glossary terms, an
admonition, a list, a page with its own MyST settings and a translation with
a broken role) is built in English with plain MyST and with both modules:
every page and the search index must be the same bytes, serially, with
``-j 2`` and after an incremental build.  The broken role is reported once.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from tests.conftest import REPO

ROOT = REPO / "tests" / "roots" / "test-translation-reuse"
REUSE_CONF = """\
exec(open({conf!r}, encoding="utf-8").read())
extensions = [*extensions, "itukb.reading.myst_reuse", "itukb.reading.locale_once"]
"""


def build(src: Path, out: Path, confdir: Path, *extra: str) -> str:
    """An English build (not -W: one translation is broken on purpose); its warnings."""
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-n", "-q", "-D", "language=en",
         "-c", str(confdir), "-d", str(out / ".doctrees"), *extra, str(src), str(out)],
        capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    return result.stderr


def differences(a: Path, b: Path) -> list[str]:
    names = sorted(str(p.relative_to(a)) for p in a.rglob("*")
                   if p.is_file() and ".doctrees" not in p.parts and p.name != ".buildinfo")
    assert names and "index.html" in names
    return [name for name in names
            if not (b / name).is_file() or (a / name).read_bytes() != (b / name).read_bytes()]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    shutil.copytree(ROOT, src)  # the build compiles the catalogs beside them
    reuse = tmp_path / "conf-reuse"
    reuse.mkdir()
    (reuse / "conf.py").write_text(REUSE_CONF.format(conf=str(src / "conf.py")))
    return tmp_path


def test_reuse_gives_the_same_site_serial_parallel_and_incremental(project: Path) -> None:
    src, reuse = project / "src", project / "conf-reuse"
    build(src, project / "plain", src)
    warnings = build(src, project / "reuse", reuse)
    assert differences(project / "plain", project / "reuse") == []
    page = (project / "reuse" / "page.html").read_text(encoding="utf-8")
    assert "First section" in page and "The same sentence appears twice." in page
    # the broken translation is reported once, naming its page (plain Sphinx: twice)
    broken = [line for line in warnings.splitlines() if "nosuchrole" in line]
    assert len(broken) == 1 and "page.md" in broken[0], warnings

    build(src, project / "reuse-j2", reuse, "-j", "2")
    assert differences(project / "plain", project / "reuse-j2") == []

    catalog = polib.pofile(str(src / "locale" / "en" / "LC_MESSAGES" / "index.po"))
    entry = catalog.find("同一句话出现两次。")
    assert entry is not None
    entry.msgstr = "The same sentence, translated anew, appears twice."
    catalog.save()
    build(src, project / "reuse", reuse)  # incremental: the page of that catalog is re-read
    build(src, project / "plain-after", src)
    assert differences(project / "plain-after", project / "reuse") == []
    index = (project / "reuse" / "index.html").read_text(encoding="utf-8")
    assert index.count("The same sentence, translated anew, appears twice.") == 2
