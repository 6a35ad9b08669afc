"""The Chinese search dictionary is read from our pickle only when it is a faithful copy.

The pickle saves most of a second on every Chinese build (benchmarks/bench_scale.py);
what matters to readers is that the words the search index is made of are
the ones jieba's own dictionary gives, whatever state the pickle is in.
"""

from __future__ import annotations

import gc
import pickle
from pathlib import Path
from types import SimpleNamespace

import jieba
import pytest
from sphinx.testing.util import SphinxTestApp

from itukb import jieba_cache

SENTENCE = "各成员国应加强数字化转型和农村地区的互联互通"


def fresh_jieba() -> SimpleNamespace:
    """jieba's module, with a tokenizer of its own so the global one is untouched."""
    return SimpleNamespace(dt=jieba.Tokenizer(), __file__=jieba.__file__,
                           __version__=jieba.__version__,
                           DEFAULT_DICT_NAME=jieba.DEFAULT_DICT_NAME)


def words(module: SimpleNamespace) -> list[str]:
    return list(module.dt.cut_for_search(SENTENCE))


@pytest.fixture(scope="module")
def expected() -> list[str]:
    reference = jieba.Tokenizer()
    reference.initialize()
    return list(reference.cut_for_search(SENTENCE))


def test_the_pickle_is_written_once_and_gives_the_same_words(tmp_path: Path,
                                                             expected: list[str]) -> None:
    first = fresh_jieba()
    jieba_cache.initialize(first, tmp_path)
    assert (tmp_path / jieba_cache.CACHE_NAME).is_file()
    assert words(first) == expected
    second = fresh_jieba()
    jieba_cache.initialize(second, tmp_path)
    assert second.dt.FREQ == first.dt.FREQ and second.dt.total == first.dt.total
    assert words(second) == expected


def test_a_valid_pickle_is_what_is_read(tmp_path: Path) -> None:
    module = fresh_jieba()
    key = jieba_cache._source_key(module)
    jieba_cache._write(tmp_path / jieba_cache.CACHE_NAME, key, {"数字": 3, "数": 0}, 3)
    jieba_cache.initialize(module, tmp_path)
    assert module.dt.FREQ == {"数字": 3, "数": 0}


@pytest.mark.parametrize("content", [
    b"not a pickle",
    b"",
    pickle.dumps((("0.0", "dict.txt", 1, 1), {"数字": 3}, 3)),  # another jieba's
    pickle.dumps(["a list"]),
])
def test_a_pickle_that_is_not_a_faithful_copy_is_rebuilt(tmp_path: Path, content: bytes,
                                                         expected: list[str]) -> None:
    (tmp_path / jieba_cache.CACHE_NAME).write_bytes(content)
    module = fresh_jieba()
    jieba_cache.initialize(module, tmp_path)
    assert words(module) == expected
    assert len(module.dt.FREQ) > 100_000  # jieba's dictionary, not the stale one
    stored_key, freq, _ = pickle.loads((tmp_path / jieba_cache.CACHE_NAME).read_bytes())
    assert stored_key == jieba_cache._source_key(module) and freq == module.dt.FREQ


def test_a_dictionary_set_by_someone_else_is_left_to_jieba(tmp_path: Path) -> None:
    module = fresh_jieba()
    module.dt.dictionary = str(Path(jieba.__file__).with_name(jieba.DEFAULT_DICT_NAME))
    jieba_cache.initialize(module, tmp_path / "cache")
    assert module.dt.initialized
    assert not (tmp_path / "cache" / jieba_cache.CACHE_NAME).exists()


@pytest.mark.sphinx("html", testroot="catalog-status", srcdir="jieba-gc")
def test_a_build_leaves_the_garbage_collector_running(app: SphinxTestApp) -> None:
    """It is paused while the environment and the dictionary load, never for good.

    (Whether the pickle is written here depends on whether an earlier test in
    this process already made jieba ready, so only the collector is asserted.)
    """
    gc.enable()
    app.build()
    assert gc.isenabled()
