"""A fault at a named point of a build, for tests/test_build_faults.py.

Python imports ``sitecustomize`` at start-up from the first directory of
its path that has one; the tests put this directory on ``PYTHONPATH`` for
the ``make html`` they interrupt, so that every Python process of that build
(Sphinx, the publishing step) watches, with an audit hook, what it writes:

* ``KB_KILL_AT=text``: when the process opens a file for writing, or renames
  one, whose path contains ``text``, it kills its whole process group with
  SIGKILL, as ``kill -9`` of ``make html`` would at that point;
* ``KB_PAUSE_AT=text``: it waits there until the file ``KB_RESUME`` exists,
  after creating the file ``KB_PAUSED`` (so a test can start a second build
  while this one holds the lock).

Without these variables nothing is installed.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from typing import Any

_KILL = os.environ.get("KB_KILL_AT")
_PAUSE = os.environ.get("KB_PAUSE_AT")
_WRITING = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND


def _written(event: str, args: tuple[Any, ...]) -> str | None:
    """The path a writing ``open`` or a rename is about, else None."""
    if event == "open":
        path, mode, flags = args
        writing = (isinstance(flags, int) and flags & _WRITING) or \
            (mode and set(str(mode)) & set("wax+"))
        if writing:
            return os.fsdecode(path) if isinstance(path, (str, bytes, os.PathLike)) else None
        return None
    if event == "os.rename":
        return os.fsdecode(args[0])
    return None


def _hook(event: str, args: tuple[Any, ...]) -> None:
    if event not in ("open", "os.rename"):
        return
    path = _written(event, args)
    if path is None:
        return
    if _KILL and _KILL in path:
        os.killpg(os.getpgrp(), signal.SIGKILL)
    if _PAUSE and _PAUSE in path:
        paused, resume = os.environ["KB_PAUSED"], os.environ["KB_RESUME"]
        with open(paused, "w"):
            pass
        while not os.path.exists(resume):
            time.sleep(0.05)


if _KILL or _PAUSE:
    sys.addaudithook(_hook)
