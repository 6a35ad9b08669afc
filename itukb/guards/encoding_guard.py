"""Pages are UTF-8: one that is not is named with its line and byte, not a traceback.

Sphinx decodes each page it reads and stops the whole build with a Python
traceback naming no file when a page is in another encoding (GB18030 is a
likely one for Chinese text).  Each page about to be read is decoded here
first; one that is not UTF-8 is reported as ``file:line`` with the byte and
its column, and treated as absent (not read, not written) so that the rest
of the build goes on and reports its own problems.  A byte-order mark is accepted, as Sphinx accepts
it (``utf-8-sig``).
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

logger = logging.getLogger(__name__)


def undecodable(raw: bytes) -> tuple[int, int, str] | None:
    """(line, column, the bytes) of the first sequence of ``raw`` that is not UTF-8."""
    try:
        raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line_start = raw.rfind(b"\n", 0, err.start) + 1
        line = raw.count(b"\n", 0, err.start) + 1
        column = len(raw[line_start:err.start].decode("utf-8", errors="replace")) + 1
        return line, column, " ".join(f"0x{byte:02x}" for byte in raw[err.start:err.end])
    return None


def refuse_undecodable(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    for docname in list(docnames):
        path = Path(env.doc2path(docname))
        try:
            found = undecodable(path.read_bytes())
        except OSError:
            continue  # Sphinx reports a page it cannot read
        if found is None:
            continue
        line, column, what = found
        logger.warning(f"not valid UTF-8: byte {what} at column {column}; save the page as "
                       "UTF-8 (it was not read)", location=f"{path}:{line}",
                       type="itukb", subtype="encoding")
        treat_as_absent(app, env, docname, docnames)


def treat_as_absent(app: Sphinx, env: BuildEnvironment, docname: str,
                    docnames: list[str]) -> None:
    """Neither read nor write ``docname`` in this build; forget its last version."""
    docnames.remove(docname)
    env.project.docnames.discard(docname)
    if docname in env.all_docs:
        app.events.emit("env-purge-doc", env, docname)
        env.clear_doc(docname)


def setup_encoding_guard(app: Sphinx) -> None:
    app.connect("env-before-read-docs", refuse_undecodable)
