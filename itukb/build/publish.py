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
import stat
import sys
from pathlib import Path


def _unchanged(published: str, staged: os.DirEntry[str]) -> bool:
    """Whether the published file already holds what was staged.

    Same size and modification time means a copy made by an earlier publish.
    Sphinx also rewrites some files on every build (static files, the
    indices) with the same bytes; those are compared, so that only files
    whose content changed are written and readers' caches stay valid.
    """
    try:
        old, new = os.stat(published), staged.stat()
    except OSError:
        return False
    if not stat.S_ISREG(old.st_mode) or old.st_size != new.st_size:
        return False
    if old.st_mtime_ns == new.st_mtime_ns:
        return True
    with open(published, "rb") as a, open(staged.path, "rb") as b:
        return a.read() == b.read()


def assemble(staging: Path, published: Path, new: Path) -> tuple[int, int]:
    """Build ``new`` as a copy of ``staging``, reusing unchanged files of ``published``.

    Returns (files copied, files linked), which the command prints so a
    maintainer can see that an incremental build published only what changed.
    Plain strings and ``os.scandir`` rather than pathlib: this runs over every
    file of the site (thousands) after every build.
    """
    copied = linked = 0
    pending = [""]
    while pending:
        relative = pending.pop()
        os.makedirs(os.path.join(new, relative), exist_ok=True)
        with os.scandir(os.path.join(staging, relative)) as found:
            entries = sorted(found, key=lambda entry: entry.name)
        for entry in entries:
            name = os.path.join(relative, entry.name)
            if entry.is_dir():
                if not entry.is_symlink():  # as os.walk: a link to a folder is not followed
                    pending.append(name)
                continue
            old, target = os.path.join(published, name), os.path.join(new, name)
            if _unchanged(old, entry):
                try:
                    os.link(old, target)
                    linked += 1
                    continue
                except OSError:
                    pass  # a file system without hard links: copy instead
            shutil.copy2(entry.path, target)
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
