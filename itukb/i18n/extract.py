"""Extract the extension's words into ``itukb.pot`` (``make update-po``).

Babel's extractor reads every module of the package for the calls of
:mod:`itukb.i18n.words` and :mod:`itukb.i18n.names` (``_``, ``N_``, ``C_``,
``NC_``) and the ``Translators:`` comments above them.  The template is
sorted and carries no file names or line numbers, so that moving code
between modules changes nothing in the catalogs; it is read from the
installed package, so a copy of the knowledge base without the code (a
maintainer's checkout of the content) extracts the same words.

Usage: python -m itukb.i18n.extract _build/itukb/itukb.pot
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import write_po

#: the package whose words are extracted
PACKAGE = Path(__file__).resolve().parents[1]

#: the functions that mark a word, in Babel's notation ((1, "c"): a context first)
KEYWORDS = {"_": None, "N_": None, "C_": ((1, "c"), 2), "NC_": ((1, "c"), 2)}
COMMENT_TAG = "Translators:"


def extract_words(package: Path = PACKAGE) -> Catalog:
    catalog = Catalog(project="ITU Document Knowledge Base",
                      copyright_holder="ITU knowledge base editors", fuzzy=False)
    for filename, lineno, message, comments, context in extract_from_dir(
            package, keywords=KEYWORDS, comment_tags=(COMMENT_TAG,)):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments,
                    context=context)
    return catalog


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("output", type=Path,
                        help="the template to write, e.g. _build/itukb/itukb.pot")
    args = parser.parse_args(argv)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    with args.output.open("wb") as stream:
        write_po(stream, extract_words(), width=0, no_location=True, sort_output=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
