"""Merge freshly extracted templates into the catalogs (``make update-po``).

Run after ``make gettext``.  No translation is ever lost: changed messages
become fuzzy and keep their previous source as ``#| msgid``, removed ones
are kept as obsolete.  Prints what changed in each catalog; exits 1, writing
nothing, if an existing catalog is malformed.

The extension's own words (``itukb.pot``, which ``make update-po`` extracts
with Babel) are merged into ``<lang>/LC_MESSAGES/itukb.po`` of every
language given with ``--words-language``, except English, the language the
words are written in.

Usage: python scripts/update_po.py [--pot-dir _build/gettext] [--locale-dir locale] -l en
       [--words-pot _build/itukb/itukb.pot --words-language zh_CN --words-language en]
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from itukb.catalogs.reading import CatalogError
from itukb.catalogs.update import Change, update_language, update_words
from itukb.i18n.config import MSGID_LANGUAGE


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pot-dir", type=Path, default=Path("_build/gettext"),
                        help="where `make gettext` wrote the *.pot templates")
    parser.add_argument("--locale-dir", type=Path, default=Path("locale"),
                        help="the catalogs' root: <dir>/<lang>/LC_MESSAGES/")
    parser.add_argument("-l", "--language", action="append", required=True, dest="languages",
                        help="language to update (repeat for several)")
    parser.add_argument("--words-pot", type=Path,
                        help="the template of the extension's words (pybabel extract)")
    parser.add_argument("--words-language", action="append", default=[], dest="word_languages",
                        help="language whose itukb.po to update (repeat; English is skipped)")
    args = parser.parse_args(argv)
    if not any(args.pot_dir.rglob("*.pot")):
        parser.error(f"no *.pot templates under {args.pot_dir}: run `make gettext` first")
    if args.word_languages and (args.words_pot is None or not args.words_pot.is_file()):
        parser.error("--words-language needs --words-pot, the extracted itukb.pot")
    jobs = [(language, lambda lang: update_language(args.pot_dir, args.locale_dir, lang))
            for language in args.languages]
    jobs += [(language, lambda lang: [update_words(args.words_pot, args.locale_dir, lang)])
             for language in args.word_languages if language != MSGID_LANGUAGE]
    return _run(jobs)


def _run(jobs: list[tuple[str, Callable[[str], list[Change]]]]) -> int:
    status = 0
    for language, update in jobs:
        try:
            changes = update(language)
        except CatalogError as err:
            for finding in err.findings:
                print(finding.format(), file=sys.stderr)
            print(f"{language}: nothing written; fix the catalogs above and run again",
                  file=sys.stderr)
            status = 1
            continue
        unchanged = 0
        for change in changes:
            if change.action == "unchanged":
                unchanged += 1
            else:
                print(change.describe())
        print(f"{language}: {len(changes) - unchanged} written or reported, "
              f"{unchanged} unchanged")
    return status


if __name__ == "__main__":
    sys.exit(main())
