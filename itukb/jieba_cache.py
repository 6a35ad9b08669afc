"""Load jieba's prefix dictionary from a pickle kept beside the doctrees.

jieba keeps its own cache as a ``marshal`` file, and reading it back is the
largest single cost of an incremental Chinese build: about 0.8 s of a few
seconds at 2,000 documents, with the garbage collector walking the half a
million entries it creates.  The same dictionary read as a pickle, with the
collector paused, takes about a tenth of that.  The pickle records what it
was made from (jieba's version and its dictionary file's size and time), so
a new jieba or dictionary makes a new one; anything unreadable is rebuilt by
jieba itself, never trusted.
"""

from __future__ import annotations

import gc
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

CACHE_NAME = "jieba-prefix-dict.pickle"


def _source_key(jieba: Any) -> tuple[str, str, int, int] | None:
    """What the prefix dictionary is made from; None for a dictionary set by someone else."""
    tokenizer = jieba.dt
    if tokenizer.dictionary is not None:  # jieba.set_dictionary(): left to jieba
        return None
    source = Path(jieba.__file__).with_name(jieba.DEFAULT_DICT_NAME)
    stat = source.stat()
    return (jieba.__version__, source.name, stat.st_size, stat.st_mtime_ns)


def _read(cache: Path, key: tuple[str, str, int, int]) -> tuple[dict[str, int], int] | None:
    try:
        with cache.open("rb") as stream:
            stored_key, freq, total = pickle.load(stream)
    except (OSError, EOFError, ValueError, TypeError, pickle.UnpicklingError, AttributeError):
        return None
    if stored_key != key or not isinstance(freq, dict) or not isinstance(total, int):
        return None
    return freq, total


def _write(cache: Path, key: tuple[str, str, int, int], freq: dict[str, int], total: int) -> None:
    """Written to a temporary file and renamed, so a reader never sees half a file."""
    cache.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=cache.parent, prefix=".jieba-")
    try:
        with os.fdopen(handle, "wb") as stream:
            pickle.dump((key, freq, total), stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, cache)
    except OSError:
        Path(temporary).unlink(missing_ok=True)  # a cache that cannot be written is no error


def initialize(jieba: Any, cache_dir: Path) -> None:
    """Make jieba's default tokenizer ready, from ``cache_dir`` when it holds a valid copy."""
    tokenizer = jieba.dt
    if tokenizer.initialized:
        return
    key = _source_key(jieba)
    if key is None:
        tokenizer.initialize()
        return
    cache = cache_dir / CACHE_NAME
    collecting = gc.isenabled()
    gc.disable()  # half a million new objects, none of them garbage
    try:
        stored = _read(cache, key)
        if stored is not None:
            tokenizer.FREQ, tokenizer.total = stored
            tokenizer.initialized = True
            return
        tokenizer.initialize()
        _write(cache, key, tokenizer.FREQ, tokenizer.total)
    finally:
        if collecting:
            gc.enable()
