"""Publish a built language tree by swapping it in whole (``make html``).

Sphinx writes its output in place, page by page, and a failed build (any
warning, under ``-W``) has already overwritten some pages by the time it
stops.  Readers and the link checks must never see such a half-written site,
so Sphinx builds into a staging directory and only a build that succeeded is
published here:

* the new tree is assembled next to the published one, each file either a
  hard link to the published file when it is unchanged (same size and
  modification time) or a fresh copy from staging when it changed;
* the published tree is then replaced by two renames, and the old one removed.

The staging directory is kept between builds, because Sphinx decides what to
rewrite from the modification times of its own output: keeping it is what
keeps incremental builds incremental.  Published files are never hard links
into staging, since Sphinx rewrites staging files in place and would change
the published page under a reader's feet; copies keep the staging mtime, so
the next publish recognises them as unchanged and only links them.

Usage: python -m itukb.build.publish STAGING TARGET LANG [LANG...]
publishes STAGING/LANG as TARGET/LANG for each language named.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path


def _unchanged(published: Path, staged: Path) -> bool:
    """Whether the published file already holds what was staged.

    Same size and modification time means a copy made by an earlier publish.
    Sphinx also rewrites some files on every build (static files, the
    indices) with the same bytes; those are compared, so that only files
    whose content changed are written and readers' caches stay valid.
    """
    try:
        old, new = published.stat(), staged.stat()
    except OSError:
        return False
    if old.st_size != new.st_size:
        return False
    if old.st_mtime_ns == new.st_mtime_ns:
        return True
    return published.read_bytes() == staged.read_bytes()


def assemble(staging: Path, published: Path, new: Path) -> tuple[int, int]:
    """Build ``new`` as a copy of ``staging``, reusing unchanged files of ``published``.

    Returns (files copied, files linked), which the command prints so a
    maintainer can see that an incremental build published only what changed.
    """
    copied = linked = 0
    for directory, subdirs, files in os.walk(staging):
        subdirs.sort()
        relative = Path(directory).relative_to(staging)
        (new / relative).mkdir(parents=True, exist_ok=True)
        for name in sorted(files):
            source = Path(directory, name)
            old = published / relative / name
            target = new / relative / name
            if old.is_file() and _unchanged(old, source):
                try:
                    os.link(old, target)
                    linked += 1
                    continue
                except OSError:
                    pass  # a file system without hard links: copy instead
            shutil.copy2(source, target)
            copied += 1
    return copied, linked


def publish(staging: Path, target: Path) -> tuple[int, int]:
    """Replace ``target`` by the contents of ``staging``; never leave it half-written."""
    if not staging.is_dir():
        raise FileNotFoundError(f"{staging}: nothing was built to publish")
    target.parent.mkdir(parents=True, exist_ok=True)
    new = target.with_name(f".{target.name}.new")
    old = target.with_name(f".{target.name}.old")
    for leftover in (new, old):  # an interrupted publish
        shutil.rmtree(leftover, ignore_errors=True)
    counts = assemble(staging, target, new)
    if target.exists():
        target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("staging", type=Path, help="where Sphinx built, e.g. _build/staging")
    parser.add_argument("target", type=Path, help="the published site, e.g. _build/html")
    parser.add_argument("languages", nargs="+", help="language trees to publish")
    args = parser.parse_args(argv)
    for language in args.languages:
        try:
            copied, linked = publish(args.staging / language, args.target / language)
        except OSError as err:
            print(f"error: cannot publish {language}: {err}", file=sys.stderr)
            return 1
        print(f"published {args.target / language}: {copied} files written, "
              f"{linked} unchanged")
    return 0


if __name__ == "__main__":
    sys.exit(main())
