"""Which languages the site has: declared once, read everywhere else from here.

``conf.py`` declares them, source language first, as the ``kb_languages``
setting (and builds its ``language``, the default, from the first); the
Makefile reads them from there (``SOURCE_LANG``, ``TARGET_LANGS``), passes
them to every build and gives them to the command-line tools as arguments.
:data:`DEFAULT_LANGUAGES` is only the fallback for a project that declares
none (the small test projects) and for a tool run by hand.  Nothing else in
the package names a language of the site: a language is added by one word
in ``conf.py`` and its catalogs under ``locale/`` (README.md).

Everything a language needs beyond its catalogs comes from the CLDR data
shipped with Babel: its name in itself (the switcher), its writing direction
(``dir="rtl"``), its plural rule (new catalogs).  This module imports no
Sphinx module, so the command-line tools can use it without loading Sphinx.
"""

from __future__ import annotations

import functools
from pathlib import Path

from babel import Locale, UnknownLocaleError

#: the site's languages when none are declared, source language first
DEFAULT_LANGUAGES: tuple[str, ...] = ("zh_CN", "en")

#: the name of the extension's message catalog (its gettext domain)
CATALOG = "itukb"

#: the language the extension's own words are written in (the msgids of the
#: ``itukb`` catalog, as Sphinx and its extensions do); it needs no catalog
MSGID_LANGUAGE = "en"

#: the ``locale/`` folder of the repository the package is installed from
#: (``make`` installs it editable), where the ``itukb`` catalogs live
CATALOG_DIR = Path(__file__).resolve().parents[2] / "locale"


def parse_languages(given: object) -> tuple[str, ...]:
    """``"zh_CN,en"`` or ``["zh_CN", "en"]`` as a tuple; the default when empty."""
    if isinstance(given, str):
        given = given.split(",")
    if not isinstance(given, (list, tuple)):
        return DEFAULT_LANGUAGES
    languages = tuple(str(lang).strip() for lang in given if str(lang).strip())
    return languages or DEFAULT_LANGUAGES


def site_languages(config: object) -> tuple[str, ...]:
    """The site's languages, source language first, as the build was told them."""
    return parse_languages(getattr(config, "kb_languages", None))


def source_language(config: object) -> str:
    """The language the pages are written in."""
    return site_languages(config)[0]


def target_languages(config: object) -> tuple[str, ...]:
    """The languages the pages are translated into."""
    return site_languages(config)[1:]


def match_language(language: str | None, languages: tuple[str, ...]) -> str:
    """``language`` as spelt in ``languages`` (``zh-CN`` and ``zh`` give ``zh_CN``).

    Sphinx accepts several spellings of a language; the site's folders,
    catalogs and ``hreflang`` use the declared one, so lookups cannot miss.
    """
    if not language:
        return languages[0]
    wanted = language.replace("-", "_").lower()
    for declared in languages:
        if declared.lower() == wanted:
            return declared
    primary = [declared for declared in languages
               if declared.split("_")[0].lower() == wanted.split("_")[0]]
    if len(primary) == 1:
        return primary[0]
    msg = f"unsupported language {language!r}: the site is built in {', '.join(languages)}"
    raise ValueError(msg)


def site_language(config: object) -> str:
    """The language of this build, as the site spells it."""
    return match_language(getattr(config, "language", None), site_languages(config))


def other_languages(config: object) -> tuple[str, ...]:
    """The languages a page of this build can be switched to."""
    current = site_language(config)
    return tuple(lang for lang in site_languages(config) if lang != current)


def hreflang(language: str) -> str:
    """The BCP 47 tag of a language folder name (``zh_CN`` -> ``zh-CN``)."""
    return language.replace("_", "-")


@functools.cache
def cldr_locale(language: str) -> Locale:
    """Babel's locale for a language folder name; ``ValueError`` if CLDR has none."""
    try:
        return Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError) as err:
        msg = f"unknown language {language!r}: CLDR (Babel) has no locale of that name"
        raise ValueError(msg) from err


def native_name(language: str) -> str:
    """The language's name in itself, for the language switcher (CLDR: 中文, English)."""
    name = cldr_locale(language).language_name
    return name or language


def text_direction(language: str) -> str:
    """``"rtl"`` for a language written right to left (Arabic), else ``"ltr"``."""
    return "rtl" if cldr_locale(language).text_direction == "rtl" else "ltr"
