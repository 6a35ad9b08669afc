"""What a check found, and how it is shown to a translator.

Every finding names the file and line, the check that fired, and an excerpt
of the source message, so a translator can go straight to the entry in any
editor (``file:line`` is what editors and CI logs turn into links).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

ERROR = "error"
WARNING = "warning"

#: how much of the msgid a finding quotes: enough to recognise the entry
EXCERPT_LENGTH = 40


def excerpt(text: str, length: int = EXCERPT_LENGTH) -> str:
    """A one-line excerpt of ``text`` for a finding."""
    flat = " ".join(text.split())
    return flat if len(flat) <= length else flat[: length - 1] + "…"


@dataclasses.dataclass(frozen=True, order=True)
class Finding:
    """One problem; ``line`` 0 means the whole file or language."""

    path: str
    line: int
    check: str
    message: str
    msgid: str | None = None
    severity: str = ERROR

    def format(self) -> str:
        """``file:line: error: [check] message (msgid "...")``, as compilers write.

        Editors and CI logs link ``file:line``; the severity comes next, as in
        a compiler's output, so ``error:`` can be searched for.
        """
        quoted = f' (msgid "{excerpt(self.msgid)}")' if self.msgid else ""
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.severity}: [{self.check}] {self.message}{quoted}"


def display_path(path: Path) -> str:
    """Show paths relative to the working directory when they are inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
