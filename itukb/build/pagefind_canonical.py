"""Make Pagefind's filter files the same on every run, so two builds are byte-identical.

Pagefind 1.5 writes each filter (kind, year...) as a CBOR file listing the
filter's values with the pages that have them, in the order of a Rust hash
map, which changes from run to run; the files' names are hashes of their
content, and the index's meta file and ``pagefind-entry.json`` name them in
turn.  Everything else Pagefind writes is already stable.  Here each filter
file's values are sorted, the file renamed after its new content, and the
meta file (its filters sorted by name) and the entry file rewritten to name
the new files.  Pagefind's JavaScript only looks files up by the names the
meta file gives, so any stable name works.  No tool does this: ours.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path
from typing import Any

import cbor2

MARKER = b"pagefind_dcd"


def _read(path: Path) -> Any:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(MARKER):
        raise ValueError(f"{path}: not a Pagefind file")
    return cbor2.loads(data[len(MARKER):])


def _write(path: Path, value: Any) -> None:
    # mtime=0: gzip stores the time of writing otherwise
    path.write_bytes(gzip.compress(MARKER + cbor2.dumps(value), mtime=0))


def _digest(value: Any, length: int) -> str:
    return hashlib.sha256(cbor2.dumps(value)).hexdigest()[:length]


def canonicalize(bundle: Path) -> None:
    """Rewrite the filter files, meta file and entry file of ``bundle`` in a stable order."""
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language, details in entry["languages"].items():
        meta_path = bundle / f"pagefind.{details['hash']}.pf_meta"
        meta = _read(meta_path)
        filters = meta[3]  # [[filter name, file hash], ...]
        renamed = []
        for name, old_hash in filters:
            path = bundle / "filter" / f"{old_hash}.pf_filter"
            filter_name, values = _read(path)
            values = sorted(values, key=lambda item: item[0])
            new_hash = f"{language}_{_digest([filter_name, values], 7)}"
            path.unlink()
            _write(bundle / "filter" / f"{new_hash}.pf_filter", [filter_name, values])
            renamed.append([name, new_hash])
        meta[3] = sorted(renamed, key=lambda item: item[0])
        new_meta = f"{language}_{_digest(meta, 13)}"
        meta_path.unlink()
        _write(bundle / f"pagefind.{new_meta}.pf_meta", meta)
        details["hash"] = new_meta
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")),
                          encoding="utf-8")
