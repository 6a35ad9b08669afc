"""Bad input never passes silently: one fault at a time, through the real commands.

The knowledge base is copied once to a temporary directory and built clean
with ``make html``.  Each case then plants one fault a maintainer or
translator could make, runs the command they would run (``make html`` for a
page, ``make check`` for a catalog), and asserts

* a non-zero exit and a message naming the file and line at fault;
* that the published site (``_build/html``) is still the last good one,
  byte for byte, however far the failed build got;
* and, once the fault is undone, that an incremental ``make html`` in the
  same copy gives output identical to the clean build: nothing was lost or
  left stale on the way.

The copy uses this checkout's ``.venv`` (``make VENV=...``), with file times
kept so that ``make`` does not install anything again.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
VENV = Path(os.environ.get("KB_VENV", REPO / ".venv"))
#: what a maintainer's checkout holds besides build output
COPIED = ("docs", "locale", "scripts", "conf.py", "Makefile", "pyproject.toml",
          "links-baseline.toml", "linkcheck-allowlist.toml")

pytestmark = pytest.mark.skipif(not (VENV / "bin" / "sphinx-build").exists(),
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


@dataclasses.dataclass(frozen=True)
class Fault:
    """One planted mistake: ``old`` replaced by ``new`` in ``path``."""

    name: str
    path: str
    old: str
    new: str
    #: the command a maintainer would run to find it
    target: str
    #: ``file:line`` that the message must name
    where: str
    #: words of the message, saying what is wrong
    says: str


PO = "locale/en/LC_MESSAGES"
FAULTS = [
    Fault("malformed-yaml", "docs/documents/cl-20-20.md", "place: 日内瓦", "place: [日内瓦",
          "html", "docs/documents/cl-20-20.md:7:", "malformed YAML"),
    Fault("missing-field", "docs/documents/cl-20-20.md", "kind: circular-letter\n", "",
          "html", "docs/documents/cl-20-20.md:1:", "field 'kind' is missing"),
    Fault("badly-typed-field", "docs/documents/cl-20-20.md", "date: 2020-04-27",
          "date: 27/04/2020", "html", "docs/documents/cl-20-20.md:6:", "field 'date'"),
    Fault("unknown-citation", "docs/documents/cl-20-20.md", "<itu-digital-world-2021>`于",
          "<itu-digital-world-2091>`于", "html", "docs/documents/cl-20-20.md:47:",
          "itu-digital-world-2091"),
    Fault("duplicate-object-id", "docs/events/itu-digital-world.md",
          "```{kb:event} itu-virtual-digital-world-2020",
          "```{kb:event} itu-digital-world-2020", "html",
          "docs/events/itu-digital-world.md:", "itu-digital-world-2020"),
    Fault("anchor-gone", "docs/resolutions/res-200.md", "(res-200)=", "(res-200-gone)=",
          "html", "docs/index.md:12:", "res-200"),
    Fault("placeholder-link", "docs/about.md", "本页说明知识库如何录入和标注文献。",
          "本页说明知识库如何录入和[标注](#)文献。", "html", "docs/about.md:4:",
          "placeholder link '#'"),
    Fault("po-syntax", f"{PO}/documents/cl-20-20.po", 'msgstr "Dear Sir/Madam,"',
          'msgstr "Dear Sir/Madam,', "check", f"{PO}/documents/cl-20-20.po:86:", "syntax"),
    Fault("po-syntax-html", f"{PO}/documents/cl-20-20.po", 'msgstr "Dear Sir/Madam,"',
          'msgstr "Dear Sir/Madam,', "html", f"{PO}/documents/cl-20-20.po:86:",
          "string not closed"),
    Fault("po-empty", f"{PO}/documents/cl-20-20.po", 'msgstr "Dear Sir/Madam,"',
          'msgstr ""', "check", f"{PO}/documents/cl-20-20.po:85:", "not translated"),
    Fault("po-fuzzy", f"{PO}/documents/cl-20-20.po",
          '#: ../../docs/documents/cl-20-20.md:45\n',
          '#: ../../docs/documents/cl-20-20.md:45\n#, fuzzy\n', "check",
          f"{PO}/documents/cl-20-20.po:86:", "fuzzy"),
    Fault("po-drops-link", f"{PO}/documents/cl-20-20.po",
          '"Annex 1: [Joint statement by the Ministry of Information and Communications "\n'
          '"of Viet Nam and ITU](cl-20-20-annex-1.md)"',
          '"Annex 1: Joint statement by the Ministry of Information and Communications "\n'
          '"of Viet Nam and ITU"', "check", f"{PO}/documents/cl-20-20.po:158:",
          "link URL 'cl-20-20-annex-1.md' of the source is missing"),
    Fault("po-changes-role", f"{PO}/documents/cl-20-20.po",
          "<itu-digital-world-2021>` at the same venue", "<itu-digital-world-2020>` at the "
          "same venue", "check", f"{PO}/documents/cl-20-20.po:89:", "itu-digital-world-2021"),
    Fault("po-drops-footnote", f"{PO}/documents/wtisd-21.po",
          '"While COVID-19 is seen as the[^1] greatest',
          '"While COVID-19 is seen as the greatest', "check",
          f"{PO}/documents/wtisd-21.po:107:", "[^1]"),
    Fault("po-script", f"{PO}/documents/cl-20-20.po", 'msgstr "Dear Sir/Madam,"',
          'msgstr "Dear Sir/Madam,<script>alert(1)</script>"', "check",
          f"{PO}/documents/cl-20-20.po:85:", "<script>"),
]


@pytest.fixture(scope="module")
def knowledge_base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, dict]]:
    """A copy of the knowledge base, built clean once; its site's digest."""
    root = copy_knowledge_base(tmp_path_factory.mktemp("mutations") / "kb")
    result = make(root, "html")
    assert result.returncode == 0, result.stdout + result.stderr
    yield root, tree_digest(root / "_build" / "html")


def test_every_fault_case_applies() -> None:
    """Each planted fault matches the knowledge base as it is (else it tests nothing)."""
    for fault in FAULTS:
        text = (REPO / fault.path).read_text(encoding="utf-8")
        assert text.count(fault.old) == 1, f"{fault.name}: {fault.old!r} not found once"


@pytest.mark.parametrize("fault", FAULTS, ids=[fault.name for fault in FAULTS])
def test_fault_is_reported_and_nothing_is_lost(knowledge_base: tuple[Path, dict],
                                               fault: Fault) -> None:
    root, clean = knowledge_base
    path = root / fault.path
    original = path.read_bytes()
    text = original.decode("utf-8")
    assert text.count(fault.old) == 1
    path.write_text(text.replace(fault.old, fault.new), encoding="utf-8")
    try:
        result = make(root, fault.target)
        output = result.stdout + result.stderr
        assert result.returncode != 0, f"{fault.name} passed silently:\n{output}"
        lines = [line for line in output.splitlines() if fault.where in line]
        assert lines, f"no message names {fault.where}:\n{output}"
        assert any(fault.says in line for line in lines), output
        changed = differences(clean, tree_digest(root / "_build" / "html"))
        assert changed == [], "the failed build changed the published site"
    finally:
        path.write_bytes(original)
        # rebuilt even when the case failed, so that the next case starts clean
        result = make(root, "html")
    assert result.returncode == 0, result.stdout + result.stderr
    changed = differences(clean, tree_digest(root / "_build" / "html"))
    assert changed == [], f"after undoing {fault.name}, these differ from the clean build"
