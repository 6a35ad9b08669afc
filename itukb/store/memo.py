"""Per-build memos: values computed from the knowledge base, kept while they hold.

Derived data (who cites what, which revision is in force, the relation graph,
each page's last-changed date) is asked for by many pages, blocks and
outputs, so it is computed once and kept.  Every such value lives here, in
one memo per build environment, under a :class:`Lifetime` that says when it
stops being true; nothing is cached as an attribute of the domain.

- ``READ``: until pages are read again.  Dropped when a build starts reading
  and again once reading is over (``env-get-updated``, before anything is
  hashed or written), since a re-read page may change anything derived.
- ``OBJECTS``: until an object is declared or removed (the domain says when).
- ``BUILD``: until the next build starts reading (facts of the checkout, such
  as the git history, that reading pages does not change).

A memo is never pickled with the environment: each process (and each build)
computes what it needs from the domain data, which is what Sphinx keeps.
"""

from __future__ import annotations

import enum
import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

_T = TypeVar("_T")


class Lifetime(enum.Enum):
    """How long a memoised value stays true (see the module's docstring)."""

    READ = "read"
    OBJECTS = "objects"
    BUILD = "build"


class Memo:
    """Values by lifetime and name; :meth:`get` computes a missing one once."""

    def __init__(self) -> None:
        self._values: dict[Lifetime, dict[str, Any]] = {life: {} for life in Lifetime}

    def get(self, lifetime: Lifetime, name: str, compute: Callable[[], _T]) -> _T:
        values = self._values[lifetime]
        if name not in values:
            values[name] = compute()
        value: _T = values[name]
        return value

    def forget(self, *lifetimes: Lifetime) -> None:
        for lifetime in lifetimes or tuple(Lifetime):
            self._values[lifetime].clear()


_MEMOS: weakref.WeakKeyDictionary[BuildEnvironment, Memo] = weakref.WeakKeyDictionary()


#: the environment asked for last and its memo: a build asks for one memo tens
#: of thousands of times, and a weak dictionary makes a weak reference at each look-up
_last: tuple[weakref.ref[BuildEnvironment], Memo] | None = None


def memo(env: BuildEnvironment) -> Memo:
    """The memo of ``env``'s build (one per environment object, gone with it)."""
    global _last
    if _last is not None and _last[0]() is env:
        return _last[1]
    found = _MEMOS.get(env)
    if found is None:
        found = _MEMOS[env] = Memo()
    _last = (weakref.ref(env), found)
    return found


def _reading_starts(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    memo(env).forget()


def _reading_over(app: Sphinx, env: BuildEnvironment) -> list[str]:
    memo(env).forget(Lifetime.READ, Lifetime.OBJECTS)
    return []


def setup_memo(app: Sphinx) -> None:
    app.connect("env-before-read-docs", _reading_starts)
    # first of all env-get-updated handlers: everything after it sees the new data
    app.connect("env-get-updated", _reading_over, priority=1)
