"""How the build scales: synthetic knowledge bases of thousands of documents.

For each size (500 and 2,000 documents by default) a knowledge base is
generated (:mod:`kb_site`) and run through the project's own make targets,
each step as its own process so its time and peak memory are its own:

* the full bilingual build (``make html-zh_CN`` and ``make html-en`` from
  nothing), with furo and the itukb navigation;
* the same pages with Sphinx's basic theme (``a conf.py setting ``html_theme = "basic"``): the
  floor a themed build is compared with, measured in the same run so the
  ratio holds on a busy machine;
* an incremental build of each language after editing one document: a new
  paragraph citing a target, with its English in the catalog; the target's
  backlinks and the traceability matrix must show the new citation in both
  languages, or the benchmark fails;
* ``make update-po``, the internal link check and ``make check-po``, which
  must all pass.

Goals on a 2-core machine: full build at most 1.5x the floor at 500
documents; at most 4.4x growth from 500 to 2,000; incremental at most 5 s
per language at 2,000; peak memory under 2 GB.  The figures are printed,
never asserted: timings depend on the machine.

Usage: python benchmarks/bench_scale.py [--sizes 500 2000] [--keep DIR]
       [--verify-incremental]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import polib

sys.path.insert(0, str(Path(__file__).resolve().parent))
import itertools

from kb_site import document_id, generate, resolution_number

REPO = Path(__file__).resolve().parent.parent
LANGUAGES = ("zh_CN", "en")
#: the floor's configuration: the project's, with Sphinx's basic theme
BASIC_CONF = """\
exec(open({conf!r}, encoding="utf-8").read())
html_theme = "basic"
html_theme_options = {{}}  # furo's options are unknown to basic
"""


class StepFailed(Exception):
    """A make target or check failed; the message carries its output."""


@dataclass
class Step:
    seconds: float
    max_rss_mb: float


@dataclass
class Results:
    documents: int
    pages: int = 0
    steps: dict[str, Step] = field(default_factory=dict)

    def total(self, *names: str) -> float:
        return sum(self.steps[name].seconds for name in names)


def run(command: list[str], cwd: Path = REPO) -> Step:
    """Run one command as its own process: wall time and its peak resident memory.

    The files the previous step wrote (a full build writes hundreds of
    megabytes) are flushed to disk first: otherwise the kernel writes them
    back during the next step, which then measures the disk rather than the
    build (seen: an incremental build 1 s slower right after a full one).
    """
    os.sync()
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    output = process.stdout.read() if process.stdout else ""
    # wait4 reports the usage of this child and everything it waited for (make's
    # sphinx-build), so memory is per step, not the maximum over the whole run
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - start
    if process.returncode != 0:
        tail = "\n".join(output.splitlines()[-40:])
        raise StepFailed(f"{' '.join(command)} exited with {process.returncode}:\n{tail}")
    return Step(seconds, usage.ru_maxrss / 1024)


class Site:
    """One generated knowledge base and the make variables that point at it."""

    def __init__(self, root: Path, documents: int) -> None:
        self.root = root
        self.documents = documents
        self.pages = len(generate(root, documents))
        self.basic_conf = root / "conf-basic"
        self.basic_conf.mkdir()
        (self.basic_conf / "conf.py").write_text(BASIC_CONF.format(
            conf=str(REPO / "conf.py")))

    def basic_options(self) -> str:
        """The Makefile's options, with the floor's configuration (the last -c wins)."""
        return f"-n -W --keep-going -q -j 1 -c {self.basic_conf}"

    def make(self, target: str, builddir: str = "_build", options: str | None = None) -> Step:
        variables = [f"SOURCEDIR={self.root / 'docs'}", f"LOCALEDIR={self.root / 'locale'}",
                     f"BUILDDIR={self.root / builddir}"]
        if options is not None:
            variables.append(f"SPHINXOPTS={options}")
        return run(["make", "--no-print-directory", target, *variables])

    def html(self, builddir: str, language: str) -> Path:
        return self.root / builddir / "html" / language

    # -- the edit of the incremental build --------------------------------------

    def edited(self) -> tuple[str, str, str]:
        """(document, object page, link) of the citation the edit adds."""
        number = self.documents // 2
        doc_id = document_id(number)
        resolution = resolution_number(1)
        # the edit goes at the end of the last section, which cites nothing yet
        anchor = f"{doc_id}-next-steps-cite-1"
        return doc_id, f"resolutions/res-{resolution}", f"documents/{doc_id}.html#{anchor}"

    def edit(self) -> None:
        """Add a paragraph citing target 1.1 of the 2018 revision, in both languages."""
        doc_id, _, _ = self.edited()
        zh = "补充说明：本文件的后续工作还将涉及{target}`1.1@2018`。"
        en = "Further note: follow-up work on this document will also concern {target}`1.1@2018`."
        page = self.root / "docs" / "documents" / f"{doc_id}.md"
        page.write_text(page.read_text(encoding="utf-8") + f"\n{zh}\n", encoding="utf-8")
        po_path = self.root / "locale" / "en" / "LC_MESSAGES" / "documents" / f"{doc_id}.po"
        catalog = polib.pofile(str(po_path))
        catalog.append(polib.POEntry(msgid=zh, msgstr=en))
        catalog.save()

    def check_edit_shown(self, builddir: str, expected: bool) -> None:
        """The object's backlinks and the matrix show the added citation, or not yet."""
        _, object_page, link = self.edited()
        for language in LANGUAGES:
            html = self.html(builddir, language)
            for page, href in ((f"{object_page}.html", f"../{link}"),
                               ("browse/matrix.html", f"../{link}")):
                shown = f'href="{href}"' in (html / page).read_text(encoding="utf-8")
                if shown != expected:
                    state = "missing from" if expected else "already on"
                    raise StepFailed(f"the citation {link} is {state} {language}/{page}")


def compare_builds(a: Path, b: Path) -> list[str]:
    """HTML pages that differ between two builds of the same sources."""
    differ = []
    for page in sorted(a.rglob("*.html")):
        other = b / page.relative_to(a)
        if not other.is_file() or other.read_bytes() != page.read_bytes():
            differ.append(str(page.relative_to(a)))
    return differ


def measure(documents: int, workdir: Path, verify: bool) -> Results:
    site = Site(workdir / f"kb-{documents}", documents)
    results = Results(documents, site.pages)
    steps = results.steps
    for language in LANGUAGES:
        steps[f"full {language}"] = site.make(f"html-{language}")
    for language in LANGUAGES:
        steps[f"basic {language}"] = site.make(f"html-{language}", "_build-basic",
                                               site.basic_options())
    # the language chooser at the root, as `make html` copies it
    shutil.copy(site.root / "docs" / "_root" / "index.html", site.root / "_build" / "html")
    site.check_edit_shown("_build", expected=False)
    site.edit()
    for language in LANGUAGES:
        steps[f"incremental {language}"] = site.make(f"html-{language}")
    site.check_edit_shown("_build", expected=True)
    if verify:  # the incremental build must equal a full build of the edited sources
        for language in LANGUAGES:
            site.make(f"html-{language}", "_build-fresh")
            stale = compare_builds(site.html("_build", language),
                                   site.html("_build-fresh", language))
            if stale:
                raise StepFailed(f"incremental {language} build differs from a full build in: "
                                 + ", ".join(stale[:10]))
    steps["update-po"] = site.make("update-po")
    steps["check-po"] = site.make("check-po")
    steps["link check"] = run([sys.executable, str(REPO / "scripts" / "check_links.py"),
                               str(site.root / "_build" / "html")])
    return results


ROWS = (
    ("full build, both languages (furo)", lambda r: r.total("full zh_CN", "full en")),
    ("  zh_CN", lambda r: r.total("full zh_CN")),
    ("  en", lambda r: r.total("full en")),
    ("basic-theme floor, both languages", lambda r: r.total("basic zh_CN", "basic en")),
    ("incremental, one document edited: zh_CN", lambda r: r.total("incremental zh_CN")),
    ("incremental, one document edited: en", lambda r: r.total("incremental en")),
    ("make update-po", lambda r: r.total("update-po")),
    ("internal link check", lambda r: r.total("link check")),
    ("catalog check (make check-po)", lambda r: r.total("check-po")),
)


def table(results: list[Results]) -> str:
    width = 42
    lines = [f"{'':{width}}" + "".join(f"{f'{r.documents} docs':>14}" for r in results)]

    def row(name: str, cells: list[str]) -> None:
        lines.append(f"{name:{width}}" + "".join(f"{c:>14}" for c in cells))

    row("pages per language", [str(r.pages) for r in results])
    for name, value in ROWS:
        row(name, [f"{value(r):.1f} s" for r in results])
    row("ratio full / floor (goal <= 1.5x at 500)",
        [f"{r.total('full zh_CN', 'full en') / r.total('basic zh_CN', 'basic en'):.2f}x"
         for r in results])
    row("peak memory, largest step (goal < 2 GB)",
        [f"{max(s.max_rss_mb for s in r.steps.values()):.0f} MB" for r in results])
    row("  in step", [max(r.steps, key=lambda k: r.steps[k].max_rss_mb) for r in results])
    for small, large in itertools.pairwise(results):
        growth = large.total("full zh_CN", "full en") / small.total("full zh_CN", "full en")
        lines.append(f"full build growth {small.documents} -> {large.documents} docs: "
                     f"{growth:.2f}x (goal <= 4.4x for 500 -> 2000; "
                     f"{large.documents / small.documents:.1f}x the documents)")
    lines.append("incremental goal: <= 5 s per language at 2000 documents; "
                 "backlinks and matrix checked after it")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 2000])
    parser.add_argument("--keep", type=Path, help="generate into DIR and keep it")
    parser.add_argument("--verify-incremental", action="store_true",
                        help="also build the edited site from nothing and compare the HTML")
    args = parser.parse_args(argv)
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="kb-scale-"))
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"build at scale: {os.cpu_count()} CPUs, load {load}; sizes {args.sizes}", flush=True)
    results = []
    try:
        for documents in args.sizes:
            print(f"  {documents} documents ...", flush=True)
            results.append(measure(documents, workdir, args.verify_incremental))
            # each size's figures as soon as they are known; the table follows at the end
            print("    " + ", ".join(f"{name} {step.seconds:.1f} s"
                                     for name, step in results[-1].steps.items()), flush=True)
    except StepFailed as err:
        print(f"FAILED: {err}", file=sys.stderr)
        return 1
    finally:
        if args.keep is None:
            shutil.rmtree(workdir, ignore_errors=True)
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
