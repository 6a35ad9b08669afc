"""How the build scales: synthetic knowledge bases of thousands of documents.

For each size (500 and 2,000 documents by default) a knowledge base is
generated (:mod:`kb_site`) and run through the project's own make targets,
each step as its own process so its time and peak memory are its own:

* the full build of each language (``make html-zh_CN``, ``make html-en``
  from nothing), with furo and the itukb navigation;
* the anchors, on the same pages written as a plain Sphinx + MyST user would
  (``kb_site.generate(plain=True)``: our roles as ``{ref}``/``{doc}`` links to
  the same labels, our directives left out, the same translations): plain
  Sphinx + MyST with the basic theme (the floor), and with furo (what such a
  user would pick), measured in the same run so that the ratios hold on a
  busy machine.  Plain furo grows quadratically with the pages (every page
  renders the whole navigation), so it is measured only up to
  ``--furo-max`` documents;
* an incremental build of each language after editing one document: a new
  paragraph citing a target, with its English in the catalog; the target's
  backlinks and the traceability matrix must show the new citation in both
  languages, or the benchmark fails.  Of its time, the part the build
  still waits for the search index once Sphinx has ended is printed beside
  it (Pagefind indexes the whole language again; Sphinx starts it as soon
  as the pages are written); then each language is built once more with
  nothing changed (the search index is kept);
* ``make update-po`` from nothing, ``make check-po`` and the internal link
  check, which must pass; then ``make update-po`` again after another
  document gained a paragraph, which must reach its catalog.

Goals on a 2-core machine: the English build at most 1.3x the Chinese one;
the whole bilingual build at most 0.8x the plain floor at 500 and 2,000
documents; at most 4.4x growth from 500 to 2,000; incremental at most 3 s
per language and ``make update-po`` after one edit at most 10 s at 2,000;
peak memory under 2 GB.  The figures are printed, never asserted: timings
depend on the machine.

Usage: python benchmarks/bench_scale.py [--sizes 500 2000] [--keep DIR]
       [--furo-max N] [--verify-incremental]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import polib

sys.path.insert(0, str(Path(__file__).resolve().parent))
from kb_content import document_id, plain_conf, resolution_number
from kb_site import generate
from scale_report import LANGUAGES, Results, Step, table

REPO = Path(__file__).resolve().parent.parent
SPHINX_BUILD = str(Path(sys.executable).parent / "sphinx-build")
#: the options of the Makefile, for the plain builds too
SPHINX_OPTIONS = ("-n", "-W", "--keep-going", "-q", "-j", "1")


class StepFailed(Exception):
    """A make target or check failed; the message carries its output."""


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
    # `python -m itukb.build.pagefind_index` says how long the search index took
    search = [float(s) for s in re.findall(r"^search index of .* in ([0-9.]+) s$", output,
                                           re.MULTILINE)]
    return Step(seconds, usage.ru_maxrss / 1024, sum(search) if search else None)


class Site:
    """One generated knowledge base, its plain twin, and the make variables that point at it."""

    def __init__(self, root: Path, documents: int) -> None:
        self.root = root
        self.documents = documents
        self.pages = len(generate(root, documents))
        self.plain = root.with_name(root.name + "-plain")
        generate(self.plain, documents, plain=True)
        for theme in ("basic", "furo"):
            (self.plain / f"conf-{theme}").mkdir()
            (self.plain / f"conf-{theme}" / "conf.py").write_text(plain_conf(theme))

    def make(self, target: str, builddir: str = "_build") -> Step:
        variables = [f"SOURCEDIR={self.root / 'docs'}", f"LOCALEDIR={self.root / 'locale'}",
                     f"BUILDDIR={self.root / builddir}"]
        return run(["make", "--no-print-directory", target, *variables])

    def plain_build(self, theme: str, language: str) -> Step:
        """Plain Sphinx + MyST with ``theme``, as its user would run it."""
        out = self.plain / f"_build-{theme}"
        return run([SPHINX_BUILD, "-b", "html", "-c", str(self.plain / f"conf-{theme}"),
                    "-D", f"language={language}", *SPHINX_OPTIONS,
                    "-d", str(out / "doctrees" / language), str(self.plain / "docs"),
                    str(out / "html" / language)])

    def html(self, builddir: str, language: str) -> Path:
        return self.root / builddir / "html" / language

    # -- the edits ------------------------------------------------------------------

    def edited(self) -> tuple[str, str, str]:
        """(document, object page, link) of the citation the edit adds."""
        number = self.documents // 2
        doc_id = document_id(number)
        resolution = resolution_number(1)
        # the edit goes at the end of the last section, which cites nothing yet
        anchor = f"{doc_id}-next-steps-cite-1"
        return doc_id, f"resolutions/res-{resolution}", f"documents/{doc_id}.html#{anchor}"

    def add_paragraph(self, doc_id: str, zh: str, en: str | None) -> None:
        """A paragraph at the end of a document; its English in the catalog, if given."""
        page = self.root / "docs" / "documents" / f"{doc_id}.md"
        page.write_text(page.read_text(encoding="utf-8") + f"\n{zh}\n", encoding="utf-8")
        if en is not None:
            catalog = polib.pofile(str(self.catalog(doc_id)))
            catalog.append(polib.POEntry(msgid=zh, msgstr=en))
            catalog.save()

    def catalog(self, doc_id: str) -> Path:
        return self.root / "locale" / "en" / "LC_MESSAGES" / "documents" / f"{doc_id}.po"

    def edit(self) -> None:
        """Add a paragraph citing target 1.1 of the 2018 revision, in both languages."""
        self.add_paragraph(
            self.edited()[0], "补充说明：本文件的后续工作还将涉及{target}`1.1@2018`。",
            "Further note: follow-up work on this document will also concern {target}`1.1@2018`.")

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
    """HTML pages and search index files that differ between two builds of the same sources."""
    def files(tree: Path) -> set[str]:
        return {path.relative_to(tree).as_posix() for path in tree.rglob("*")
                if path.is_file() and (path.suffix == ".html"
                                       or path.relative_to(tree).parts[0] == "pagefind")}

    return sorted(name for name in files(a) | files(b)
                  if not (a / name).is_file() or not (b / name).is_file()
                  or (a / name).read_bytes() != (b / name).read_bytes())


def measure(documents: int, workdir: Path, verify: bool, furo_max: int) -> Results:
    site = Site(workdir / f"kb-{documents}", documents)
    results = Results(documents, site.pages)
    steps = results.steps
    for language in LANGUAGES:
        steps[f"ours {language}"] = site.make(f"html-{language}")
    for language in LANGUAGES:
        steps[f"floor {language}"] = site.plain_build("basic", language)
    if documents <= furo_max:
        for language in LANGUAGES:
            steps[f"furo {language}"] = site.plain_build("furo", language)
    # the language chooser at the root, as `make html` copies it
    shutil.copy(site.root / "docs" / "_root" / "index.html", site.root / "_build" / "html")
    site.check_edit_shown("_build", expected=False)
    site.edit()
    for language in LANGUAGES:
        steps[f"incremental {language}"] = site.make(f"html-{language}")
    site.check_edit_shown("_build", expected=True)
    for language in LANGUAGES:  # again: nothing to do, the search index is kept
        steps[f"unchanged {language}"] = site.make(f"html-{language}")
    if verify:  # the incremental build must equal a full build of the edited sources
        for language in LANGUAGES:
            site.make(f"html-{language}", "_build-fresh")
            stale = compare_builds(site.html("_build", language),
                                   site.html("_build-fresh", language))
            if stale:
                raise StepFailed(f"incremental {language} build differs from a full build in: "
                                 + ", ".join(stale[:10]))
    steps["update-po from nothing"] = site.make("update-po")
    steps["check-po"] = site.make("check-po")
    steps["link check"] = run([sys.executable, str(REPO / "scripts" / "check_links.py"),
                               str(site.root / "_build" / "html")])
    # another document gains a paragraph, not yet translated: the next update
    # extracts that page alone and must bring the message into its catalog
    other, message = document_id(documents // 3), "另一处补充：本段尚待翻译。"
    site.add_paragraph(other, message, None)
    steps["update-po one edit"] = site.make("update-po")
    if polib.pofile(str(site.catalog(other))).find(message) is None:
        raise StepFailed(f"make update-po did not bring the new message into {other}.po")
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 2000])
    parser.add_argument("--keep", type=Path, help="generate into DIR and keep it")
    parser.add_argument("--furo-max", type=int, default=500,
                        help="largest size at which plain furo is measured (default 500)")
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
            results.append(measure(documents, workdir, args.verify_incremental, args.furo_max))
            # each size's figures as soon as they are known; the table follows at the end
            print("    " + ", ".join(f"{name} {step.seconds:.1f} s"
                                     for name, step in results[-1].steps.items()), flush=True)
    except StepFailed as err:
        print(f"FAILED: {err}", file=sys.stderr)
        return 1
    finally:
        if args.keep is None:
            shutil.rmtree(workdir, ignore_errors=True)
    print(table(results, args.furo_max))
    return 0


if __name__ == "__main__":
    sys.exit(main())
