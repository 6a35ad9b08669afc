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
import re
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from kbcontent import catalog_of, documents, pages, plain_sentence
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


# -- the faults, planted where the content offers a place ------------------------
#
# Each generator finds, in the knowledge base as it is, the first place where a
# mistake of its kind can be made (the first document, the first translated
# entry with a link, ...), so that any valid change of the content leaves the
# suite green and still testing what it says.

PO = "locale/en/LC_MESSAGES"
ROLE = re.compile(r"\{(event|agenda)\}`[^`<]*<([\w.:-]+)>`")
LINK = re.compile(r"\[([^\[\]]+)\]\(([^()\s]+)\)")
TARGET_ID = re.compile(r"<([a-z0-9][\w.:-]*)>`")
FOOTNOTE = re.compile(r"\[\^\w+\]")
WHOLE_ROLE = re.compile(r"\{(\w+)\}`([^`<]+?)\s*<([^<>`]+)>`")


def _text(path: str) -> str:
    return (REPO / path).read_text(encoding="utf-8")


def _rel(path: Path) -> str:
    return path.relative_to(REPO).as_posix()


def _once(text: str, piece: str) -> bool:
    return text.count(piece) == 1


def document_page() -> str:
    """The first document page (by file name)."""
    return _rel(min(documents(), key=lambda d: d.docname).path)


def front_matter_faults() -> list[Fault]:
    doc = document_page()
    lines = _text(doc).split("\n")
    field = {line.split(":", 1)[0]: line for line in lines[1:lines.index("---", 1)]
             if ":" in line and not line.startswith(" ")}
    year, month, day = field["date"].split(": ", 1)[1].strip().split("-")
    return [
        Fault("malformed-yaml", doc, field["place"], field["place"].replace(": ", ": [", 1),
              "html", doc, field["place"].replace(": ", ": [", 1), "malformed YAML"),
        Fault("missing-field", doc, field["kind"] + "\n", "", "html", doc, "---",
              "field 'kind' is missing"),
        Fault("badly-typed-field", doc, field["date"], f"date: {day}/{month}/{year}", "html",
              doc, f"date: {day}/{month}/{year}", "field 'date'"),
    ]


def unknown_citation() -> Fault | None:
    for document in documents():
        for match in ROLE.finditer(document.source):
            if _once(document.source, match.group(0)):
                gone = f"{match.group(2)}-gone"
                planted = match.group(0).replace(f"<{match.group(2)}>", f"<{gone}>")
                return Fault("unknown-citation", _rel(document.path), match.group(0), planted,
                             "html", _rel(document.path), f"<{gone}>", gone)
    return None


def duplicate_object_id() -> Fault | None:
    for page in kb_pages():
        text = page.read_text(encoding="utf-8")
        ids: dict[str, list[str]] = {}
        for kind, name in re.findall(r"^```\{kb:(\w+)\} (\S+)$", text, re.MULTILINE):
            ids.setdefault(kind, []).append(name)
        for kind, names in ids.items():
            # goals and targets are numbered within a revision: not a global id
            if len(names) >= 2 and kind not in ("goal", "target"):
                old = f"```{{kb:{kind}}} {names[1]}\n"
                new = f"```{{kb:{kind}}} {names[0]}\n"
                if _once(text, old):
                    return Fault("duplicate-object-id", _rel(page), old, new, "html",
                                 _rel(page), new.strip(), names[0])
    return None


def anchor_gone() -> Fault | None:
    sources = {page: page.read_text(encoding="utf-8") for page in kb_pages()}
    for page, text in sources.items():
        for label in re.findall(r"^\(([\w-]+)\)=$", text, re.MULTILINE):
            for other, other_text in sources.items():
                if other != page and f"<{label}>`" in other_text:
                    return Fault("anchor-gone", _rel(page), f"({label})=", f"({label}-gone)=",
                                 "html", _rel(other), f"<{label}>`", label)
    return None


def sentence_faults() -> list[Fault]:
    found = plain_sentence()
    if found is None:
        return []
    page, line = found
    document = min(documents(), key=lambda d: d.docname)
    href = os.path.relpath(REPO / "docs" / f"{document.docname}.html", page.parent)
    return [
        Fault("raw-link-to-missing-anchor", _rel(page), line,
              f'{line[:-1]}，见<a href="{href}#gone">原文</a>。', "check", _rel(page), "#gone",
              "has no id 'gone'"),
        Fault("placeholder-link", _rel(page), line, f"{line[:-1]}，见[标注](#)。", "html",
              _rel(page), "[标注](#)", "placeholder link '#'"),
    ]


def simple_entry() -> tuple[str, str, str, str, str] | None:
    """The first translated one-line entry of a document's catalog found on its page line.

    Returns (catalog, page, the ``#:`` line, msgid, msgstr).
    """
    for document in documents():
        catalog = catalog_of(document.path)
        lines = catalog.read_text(encoding="utf-8").split("\n")
        text = "\n".join(lines)
        for number in range(2, len(lines)):
            ref, msgid, msgstr = lines[number - 2], lines[number - 1], lines[number]
            match = re.fullmatch(r"#: \.\./\.\./(docs/\S+\.md):(\d+)", ref)
            if not (match and msgid.startswith('msgid "') and msgstr.startswith('msgstr "')):
                continue
            source, target = msgid[7:-1], msgstr[8:-1]
            page_lines = (REPO / match.group(1)).read_text(encoding="utf-8").split("\n")
            if (source and target and "\\" not in msgid + msgstr
                    and source in page_lines[int(match.group(2)) - 1]
                    and sum(source in line for line in page_lines) == 1
                    and all(_once(text, piece) for piece in (ref, msgid, msgstr))):
                return _rel(catalog), match.group(1), ref, source, target
    return None


def entry_faults() -> list[Fault]:
    found = simple_entry()
    if found is None:
        return []
    catalog, _page, ref, source, target = found
    msgstr = f'msgstr "{target}"'
    script = f'msgstr "{target}<script>alert(1)</script>"'
    return [
        Fault("po-syntax", catalog, msgstr, msgstr[:-1], "check-po", catalog, msgstr[:-1],
              "syntax"),
        Fault("po-syntax-html", catalog, msgstr, msgstr[:-1], "html", catalog, msgstr[:-1],
              "string not closed"),
        Fault("po-empty", catalog, msgstr, 'msgstr ""', "check-po", catalog,
              f'msgid "{source}"', "not translated"),
        Fault("po-fuzzy", catalog, f"{ref}\n", f"{ref}\n#, fuzzy\n", "check-po", catalog,
              f'msgid "{source}"', "fuzzy"),
        Fault("po-script-html", catalog, msgstr, script, "html", catalog,
              f'{msgstr[:-1]}<script>', "adds the HTML tag <script>"),
        Fault("po-script", catalog, msgstr, script, "check-po", catalog, f'msgid "{source}"',
              "<script>"),
    ]


def translated_lines() -> list[tuple[str, str, str]]:
    """(catalog, msgstr line, its msgid text) for every raw line of a translation."""
    found = []
    for document in documents():
        catalog = catalog_of(document.path)
        msgid, in_msgstr = "", False
        for line in catalog.read_text(encoding="utf-8").split("\n"):
            if line.startswith("msgid "):
                msgid, in_msgstr = line[6:].strip('"'), False
            elif line.startswith("msgstr "):
                in_msgstr = True
                found.append((_rel(catalog), line, msgid))
            elif line.startswith('"') and in_msgstr:
                found.append((_rel(catalog), line, msgid))
            elif line.startswith('"'):
                msgid += line.strip('"')
            else:
                in_msgstr = False
    return found


def markup_faults() -> list[Fault]:
    faults = []
    lines = translated_lines()
    unique = [(c, line, msgid) for c, line, msgid in lines if _once(_text(c), line)]
    for catalog, line, msgid in unique:
        match = LINK.search(line)
        if match and f"]({match.group(2)})" in msgid:
            new = line.replace(match.group(0), match.group(1))
            faults.append(Fault("po-drops-link", catalog, line, new, "check-po", catalog, new,
                                f"link URL '{match.group(2)}' of the source is missing",
                                entry=True))
            break
    for catalog, line, msgid in unique:
        match = TARGET_ID.search(line)
        if match and f"<{match.group(1)}>`" in msgid:
            new = line.replace(match.group(0), f"<{match.group(1)}-changed>`")
            faults.append(Fault("po-changes-role", catalog, line, new, "check-po", catalog, new,
                                match.group(1), entry=True))
            break
    for catalog, line, msgid in unique:
        match = WHOLE_ROLE.search(line)
        if match and f"<{match.group(3)}>`" in msgid:
            new = line.replace(match.group(0), match.group(2))
            faults.append(Fault("po-drops-role-html", catalog, line, new, "html", catalog, new,
                                f"role {{{match.group(1)}}}", entry=True))
            break
    for catalog, line, msgid in unique:
        match = FOOTNOTE.search(line)
        if match and match.group(0) in msgid:
            new = line.replace(match.group(0), "", 1)
            faults.append(Fault("po-drops-footnote", catalog, line, new, "check", catalog, new,
                                match.group(0), entry=True))
            break
    return faults


def kb_pages() -> list[Path]:
    return pages()


FAULTS = [fault for fault in [
    *front_matter_faults(), unknown_citation(), duplicate_object_id(), anchor_gone(),
    *sentence_faults(), *entry_faults(), *markup_faults()] if fault is not None]
#: every kind of fault the suite knows; one the content offers no place for is skipped
KINDS = ("malformed-yaml", "missing-field", "badly-typed-field", "unknown-citation",
         "duplicate-object-id", "anchor-gone", "raw-link-to-missing-anchor",
         "placeholder-link", "po-syntax", "po-syntax-html", "po-empty", "po-fuzzy",
         "po-drops-link", "po-changes-role", "po-drops-role-html", "po-drops-footnote",
         "po-script-html", "po-script")


def fault_params() -> list:
    found = {fault.name: fault for fault in FAULTS}
    return [pytest.param(found[name], id=name) if name in found else
            pytest.param(None, id=name, marks=pytest.mark.skip(
                reason=f"the knowledge base has no place for a {name} fault"))
            for name in KINDS]


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


@pytest.mark.parametrize("fault", fault_params())
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
    found = plain_sentence()
    if found is None:
        pytest.skip("no page of the knowledge base has a plain sentence to add a link to")
    source, sentence = found
    page = root / _rel(source)
    original = page.read_bytes()
    text = original.decode("utf-8")
    number = text.split("\n").index(sentence) + 1
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
                    if f"{_rel(source)}:{number}:" in line and "HTTP 404" in line]
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
        output = assert_all_reported(root, faults, "html")
        # each finding once, naming the languages whose build found it
        for fault in faults:
            lines = fault.named_in(root, output)
            assert len(lines) == 1, lines
            both = fault.path.startswith("docs/")
            assert lines[0].endswith("(zh_CN, en)" if both else "(en)"), lines
        assert differences(clean, tree_digest(root / "_build" / "html")) == []
