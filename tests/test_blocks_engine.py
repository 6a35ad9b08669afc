"""A new derived block is one module: it registers with the engine and stays right.

The module below (written into a copy of a test root as a local extension)
adds a block showing how many documents cite an object.  Nothing else of the
package is touched, yet the count is drawn, and when another page starts
citing the object an incremental build re-writes the page showing it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import REPO, build_root

BLOCK_MODULE = '''
from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from itukb.derived.engine import Block, add_block, place
from itukb.store.citing import backlinks_data


class citing_count(nodes.General, nodes.Element):
    pass


class CitingCount(SphinxDirective):
    required_arguments = 1

    def run(self):
        place(self.env, "citing-count", object_id=self.arguments[0])
        return [citing_count(object_id=self.arguments[0])]


def data(domain, docname, attributes):
    return len({row["docname"] for row in backlinks_data(domain, attributes["object_id"])})


def render(page, domain, node):
    count = data(domain, page.docname, node.attributes)
    text = f"cited by {count} documents"
    return nodes.paragraph(text, text, classes=["citing-count"])


def setup(app):
    add_block(app, Block("citing-count", data, citing_count, render))
    app.add_directive("citing-count", CitingCount)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
'''


def _project(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    shutil.copytree(REPO / "tests" / "roots" / "test-citations", src)
    (src / "citing_count.py").write_text(BLOCK_MODULE, encoding="utf-8")
    conf = src / "conf.py"
    conf.write_text("import sys, os\nsys.path.insert(0, os.path.dirname(__file__))\n"
                    + conf.read_text(encoding="utf-8").replace(
                        '"itukb"]', '"itukb", "citing_count"]'), encoding="utf-8")
    with (src / "index.md").open("a", encoding="utf-8") as index:
        index.write("\n```{citing-count} ev-1\n```\n")
    return src


def _count(out: Path) -> str:
    html = (out / "index.html").read_text(encoding="utf-8")
    start = html.index('class="citing-count"')
    return html[html.index(">", start) + 1:html.index("</p>", start)]


def test_a_block_from_one_module_is_drawn_and_kept_right(tmp_path: Path) -> None:
    src, out = _project(tmp_path), tmp_path / "out"
    result = build_root(src, out)
    assert result.returncode == 0, result.stderr
    citing = [p for p in sorted((src / "documents").glob("*.md"))
              if "{event}`ev-1`" in p.read_text(encoding="utf-8")]
    assert _count(out) == f"cited by {len(citing)} documents"
    # a new document cites the event; index.md itself is unchanged
    text = citing[0].read_text(encoding="utf-8")
    front_matter = text[:text.index("\n---\n", 4) + 5]
    doc_id = front_matter.split("id: ", 1)[1].split("\n", 1)[0]
    title = front_matter.split("title: ", 1)[1].split("\n", 1)[0]
    body = "\n# New " + title + "\n\n(doc-new-body)=\n## Body\n\nSee {event}`ev-1`.\n"
    (src / "documents" / "new.md").write_text(
        front_matter.replace(f"id: {doc_id}\n", "id: doc-new\n")
        .replace(f"title: {title}\n", f"title: New {title}\n") + body, encoding="utf-8")
    result = build_root(src, out)
    assert result.returncode == 0, result.stderr
    assert _count(out) == f"cited by {len(citing) + 1} documents"


def test_placing_an_unregistered_block_is_an_error(tmp_path: Path) -> None:
    src, out = _project(tmp_path), tmp_path / "out"
    module = src / "citing_count.py"
    module.write_text(module.read_text(encoding="utf-8").replace(
        'place(self.env, "citing-count"', 'place(self.env, "citing-counts"'), encoding="utf-8")
    result = build_root(src, out)
    assert result.returncode != 0
    assert "unknown derived block 'citing-counts'" in result.stderr
