"""A maintainer's copy of the knowledge base, and ``make`` run in it.

The tests that run the real commands (``make html``, ``make check``) work
on a copy in a temporary directory, so they can break it, build it twice or
at different paths without touching the checkout.  The copy uses this
checkout's ``.venv`` (``make VENV=...``).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
VENV = Path(os.environ.get("KB_VENV", REPO / ".venv"))
#: what a maintainer's checkout holds besides build output
COPIED = ("docs", "locale", "scripts", "conf.py", "Makefile", "pyproject.toml",
          "links-baseline.toml", "linkcheck-allowlist.toml")

needs_venv = pytest.mark.skipif(not (VENV / "bin" / "sphinx-build").exists(),
                                reason=f"no virtual environment at {VENV} (run make venv)")


def copy_knowledge_base(target: Path) -> Path:
    """The knowledge base as a maintainer has it, without build output or .mo files."""
    target.mkdir(parents=True)
    for name in COPIED:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, target / name, copy_function=shutil.copy2,
                            ignore=shutil.ignore_patterns("*.mo", "__pycache__"))
        else:
            shutil.copy2(source, target / name)
    # make must not install again: that would point the shared .venv at the copy
    stamp = VENV / ".installed-stamp"
    if stamp.exists():
        project = target / "pyproject.toml"
        older = min(project.stat().st_mtime, stamp.stat().st_mtime - 1)
        os.utime(project, (older, older))
    return target


def make(root: Path, *targets: str, env: dict[str, str] | None = None,
         timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["make", "--no-print-directory", f"VENV={VENV}", *targets], cwd=root,
        capture_output=True, text=True, check=False, timeout=timeout,
        env={**os.environ, **(env or {})})


def tree_digest(root: Path) -> dict[str, str]:
    """Every file under ``root`` with the SHA-256 of its bytes."""
    return {path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(root.rglob("*")) if path.is_file()}


def differences(expected: dict[str, str], actual: dict[str, str]) -> list[str]:
    return sorted(name for name in expected.keys() | actual.keys()
                  if expected.get(name) != actual.get(name))
