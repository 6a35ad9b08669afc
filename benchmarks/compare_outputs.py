"""Compare two built sites byte for byte: every file, in both directions.

A change made for speed must not change the output.  Build the same sources
before and after it into two directories, then::

    python benchmarks/compare_outputs.py BEFORE AFTER

prints how many files were compared and every file that differs or exists
on one side only; exits 1 if any does.  Both directories are compared whole
(pages, ``kb.json``, ``searchindex.js``, static files).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def files(root: Path) -> set[str]:
    return {str(path.relative_to(root)) for path in root.rglob("*") if path.is_file()}


def differences(a: Path, b: Path) -> tuple[int, list[str]]:
    """(number of files compared, description of each difference)."""
    in_a, in_b = files(a), files(b)
    found = [f"only in {a}: {name}" for name in sorted(in_a - in_b)]
    found += [f"only in {b}: {name}" for name in sorted(in_b - in_a)]
    found += [f"differs: {name}" for name in sorted(in_a & in_b)
              if (a / name).read_bytes() != (b / name).read_bytes()]
    return len(in_a | in_b), found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    args = parser.parse_args(argv)
    for directory in (args.before, args.after):
        if not directory.is_dir():
            parser.error(f"{directory} is not a directory")
    compared, found = differences(args.before, args.after)
    for line in found:
        print(line)
    print(f"{compared} files compared, {len(found)} differences")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
