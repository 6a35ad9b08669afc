"""Bad input never passes silently: one fault at a time, through the real commands.

The knowledge base is copied once to a temporary directory and built clean
with ``make html``.  Each case then plants one fault a maintainer or
translator could make, runs the command they would run (``make html`` for a
page, ``make check-po`` or ``make check`` for a catalog, ``make linkcheck``
for a web link), and asserts

* a non-zero exit and a message naming the file and line at fault;
* for a failed ``make html``, that the published site (``_build/html``) is
  still the last good one, byte for byte, however far the build got;
* and, once the fault is undone, that an incremental ``make html`` in the
  same copy gives output identical to the clean build: nothing was lost or
  left stale on the way.

The copy uses this checkout's ``.venv`` (``make VENV=...``), with file times
kept so that ``make`` does not install anything again.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from kbcopy import REPO, copy_knowledge_base, differences, make, needs_venv, tree_digest

pytestmark = needs_venv


@dataclasses.dataclass(frozen=True)
class Fault:
    """One planted mistake: ``old`` replaced by ``new`` in ``path``."""

    name: str
    path: str
    old: str
    new: str
    #: the command a maintainer (or, for a catalog, a translator) would run
    target: str
    #: the file that the message must name (the page, or the catalog)...
    where: str
    #: ...at a line holding this text, once the fault is planted; in a catalog,
    #: ``entry`` means the ``msgid`` line of the entry holding it
    at: str
    #: words of the message, saying what is wrong
    says: str
    entry: bool = False

    def lines(self, root: Path) -> set[int]:
        """The lines (1-based) the message may name: where ``at`` is."""
        text = (root / self.where).read_text(encoding="utf-8").split("\n")
        first = self.at.split("\n")[0]
        found = {number for number, line in enumerate(text, start=1) if first in line}
        if self.entry:
            found = {next(n for n in range(number, 0, -1) if text[n - 1].startswith("msgid "))
                     for number in found}
        return found

    def plant(self, root: Path) -> None:
        path = root / self.path
        text = path.read_text(encoding="utf-8")
        assert text.count(self.old) == 1, f"{self.name}: {self.old!r} not once in {self.path}"
        path.write_text(text.replace(self.old, self.new), encoding="utf-8")

    def named_in(self, root: Path, output: str) -> list[str]:
        """The lines of ``output`` naming this fault's file at the line it is on."""
        places = [f"{self.where}:{line}:" for line in sorted(self.lines(root))]
        assert places, f"{self.name}: {self.at!r} is not in {self.where}"
        return [line for line in output.splitlines() if any(p in line for p in places)]


DOC = "docs/documents/cl-20-20.md"
PO = "locale/en/LC_MESSAGES"
LETTER = f"{PO}/documents/cl-20-20.po"
ABOUT = "本页说明知识库如何录入和标注文献。"
FAULTS = [
    Fault("malformed-yaml", DOC, "place: 日内瓦", "place: [日内瓦", "html", DOC,
          "place: [日内瓦", "malformed YAML"),
    Fault("missing-field", DOC, "kind: circular-letter\n", "", "html", DOC, "---\nid:",
          "field 'kind' is missing"),
    Fault("badly-typed-field", DOC, "date: 2020-04-27", "date: 27/04/2020", "html", DOC,
          "date: 27/04/2020", "field 'date'"),
    Fault("unknown-citation", DOC, "<itu-digital-world-2021>`于",
          "<itu-digital-world-2091>`于", "html", DOC, "<itu-digital-world-2091>",
          "itu-digital-world-2091"),
    Fault("duplicate-object-id", "docs/events/itu-digital-world.md",
          "```{kb:event} itu-virtual-digital-world-2020",
          "```{kb:event} itu-digital-world-2020", "html", "docs/events/itu-digital-world.md",
          "```{kb:event} itu-digital-world-2020", "itu-digital-world-2020"),
    Fault("anchor-gone", "docs/resolutions/res-200.md", "(res-200)=", "(res-200-gone)=",
          "html", "docs/index.md", "<res-200>`", "res-200"),
    Fault("raw-link-to-missing-anchor", "docs/about.md", ABOUT,
          '本页说明知识库如何录入和标注文献，见<a href="documents/cl-20-20.html#gone">通函</a>。',
          "check", "docs/about.md", "#gone", "has no id 'gone'"),
    Fault("placeholder-link", "docs/about.md", ABOUT, "本页说明知识库如何录入和[标注](#)文献。",
          "html", "docs/about.md", "[标注](#)", "placeholder link '#'"),
    Fault("po-syntax", LETTER, 'msgstr "Dear Sir/Madam,"', 'msgstr "Dear Sir/Madam,',
          "check-po", LETTER, 'msgstr "Dear Sir/Madam,', "syntax"),
    Fault("po-syntax-html", LETTER, 'msgstr "Dear Sir/Madam,"', 'msgstr "Dear Sir/Madam,',
          "html", LETTER, 'msgstr "Dear Sir/Madam,', "string not closed"),
    Fault("po-empty", LETTER, 'msgstr "Dear Sir/Madam,"', 'msgstr ""', "check-po", LETTER,
          'msgid "尊敬的先生/女士，"', "not translated"),
    Fault("po-fuzzy", LETTER, '#: ../../docs/documents/cl-20-20.md:45\n',
          '#: ../../docs/documents/cl-20-20.md:45\n#, fuzzy\n', "check-po", LETTER,
          'msgid "尊敬的先生/女士，"', "fuzzy"),
    Fault("po-drops-link", LETTER,
          '"Annex 1: [Joint statement by the Ministry of Information and Communications "\n'
          '"of Viet Nam and ITU](cl-20-20-annex-1.md)"',
          '"Annex 1: Joint statement by the Ministry of Information and Communications "\n'
          '"of Viet Nam and ITU"', "check-po", LETTER, '"Annex 1: Joint statement',
          "link URL 'cl-20-20-annex-1.md' of the source is missing", entry=True),
    Fault("po-changes-role", LETTER, "<itu-digital-world-2021>` at the same venue",
          "<itu-digital-world-2020>` at the same venue", "check-po", LETTER,
          "<itu-digital-world-2020>` at the same venue", "itu-digital-world-2021", entry=True),
    Fault("po-drops-footnote", f"{PO}/documents/wtisd-21.po",
          '"While COVID-19 is seen as the[^1] greatest',
          '"While COVID-19 is seen as the greatest', "check", f"{PO}/documents/wtisd-21.po",
          '"While COVID-19 is seen as the greatest', "[^1]", entry=True),
    Fault("po-script-html", LETTER, 'msgstr "Dear Sir/Madam,"',
          'msgstr "Dear Sir/Madam,<script>alert(1)</script>"', "html", LETTER,
          'msgstr "Dear Sir/Madam,<script>', "adds the HTML tag <script>"),
    Fault("po-script", LETTER, 'msgstr "Dear Sir/Madam,"',
          'msgstr "Dear Sir/Madam,<script>alert(1)</script>"', "check-po", LETTER,
          'msgid "尊敬的先生/女士，"', "<script>"),
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
    original, times = path.read_bytes(), path.stat()
    fault.plant(root)
    try:
        result = make(root, fault.target)
        output = result.stdout + result.stderr
        assert result.returncode != 0, f"{fault.name} passed silently:\n{output}"
        named = fault.named_in(root, output)
        assert named, f"no message names {fault.where} at {fault.at!r}:\n{output}"
        assert any(fault.says in line for line in named), output
        if fault.target == "html":
            # (make check builds too, and may publish: a page partly untranslated
            # builds, with a notice to readers, but fails the catalog check)
            changed = differences(clean, tree_digest(root / "_build" / "html"))
            assert changed == [], "the failed build changed the published site"
    finally:
        path.write_bytes(original)
        if fault.target == "check-po":
            # no build saw the fault: undone, the catalog is as it was, time included
            os.utime(path, ns=(times.st_atime_ns, times.st_mtime_ns))
        # rebuilt even when the case failed, so that the next case starts clean
        result = make(root, "html")
    assert result.returncode == 0, result.stdout + result.stderr
    changed = differences(clean, tree_digest(root / "_build" / "html"))
    assert changed == [], f"after undoing {fault.name}, these differ from the clean build"


class Gone(BaseHTTPRequestHandler):
    """Answers 404 to everything: a web page that has moved away."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        self.send_response(404)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_HEAD = do_GET


@pytest.fixture
def gone_server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Gone)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_external_link_answered_404_fails_linkcheck(knowledge_base: tuple[Path, dict],
                                                    gone_server: str, tmp_path: Path) -> None:
    root, clean = knowledge_base
    page = root / "docs/about.md"
    original = page.read_bytes()
    text = original.decode("utf-8")
    sentence = "本页说明知识库如何录入和标注文献。"
    assert text.count(sentence) == 1
    page.write_text(text.replace(sentence, f"{sentence}见[示例]({gone_server}/old-page)。"),
                    encoding="utf-8")
    # only the planted link is fetched: the site's real web links need the network
    allowlist = tmp_path / "allow.toml"
    allowlist.write_text("[[allow]]\npattern = '^https?://(?!127\\.0\\.0\\.1[:/])'\n"
                         'reason = "this test is offline"\n', encoding="utf-8")
    try:
        result = make(root, "linkcheck",
                      f"LINKCHECKOPTS=--no-cache --allowlist {allowlist} --timeout 5")
        output = result.stdout + result.stderr
        assert result.returncode != 0, output
        reported = [line for line in output.splitlines()
                    if "docs/about.md:4" in line and "HTTP 404" in line]
        assert reported, output
    finally:
        page.write_bytes(original)
        result = make(root, "html")
    assert result.returncode == 0, result.stdout + result.stderr
    changed = differences(clean, tree_digest(root / "_build" / "html"))
    assert changed == [], "after undoing the link, these differ from the clean build"


@contextlib.contextmanager
def planted(root: Path, clean: dict, names: tuple[str, ...]) -> Iterator[list[Fault]]:
    """Several faults at once; afterwards undone, rebuilt, and compared with the clean site."""
    faults = [fault for fault in FAULTS if fault.name in names]
    originals = {fault.path: (root / fault.path).read_bytes() for fault in faults}
    for fault in faults:
        fault.plant(root)
    try:
        yield faults
    finally:
        for name, data in originals.items():
            (root / name).write_bytes(data)
        result = make(root, "html")
    assert result.returncode == 0, result.stdout + result.stderr
    assert differences(clean, tree_digest(root / "_build" / "html")) == []


def assert_all_reported(root: Path, faults: list[Fault], target: str) -> str:
    """Run ``make target`` once: it fails, and every fault has a line naming it."""
    result = make(root, target)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    for fault in faults:
        assert any(fault.says in line for line in fault.named_in(root, output)), (
            f"{fault.name} not reported:\n{output}")
    return output


def test_make_check_reports_every_finding_in_one_run(knowledge_base: tuple[Path, dict]) -> None:
    """A catalog fault does not hide a page fault: both checks run, both are reported."""
    root, clean = knowledge_base
    with planted(root, clean, ("po-empty", "placeholder-link", "po-drops-footnote")) as faults:
        assert_all_reported(root, faults, "check")


def test_make_html_reports_every_language_in_one_run(knowledge_base: tuple[Path, dict]) -> None:
    """A fault in a source page does not stop the English build finding its own."""
    root, clean = knowledge_base
    with planted(root, clean, ("placeholder-link", "po-script-html")) as faults:
        assert_all_reported(root, faults, "html")
        assert differences(clean, tree_digest(root / "_build" / "html")) == []
