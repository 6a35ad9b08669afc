"""Print the findings of the per-language builds of ``make html`` once each.

``make html`` builds the site once per language, and a mistake in a source
page is found by both builds: printed as Sphinx prints it, every finding
came twice, once per language.  Each build's messages are written to
``_build/warnings/<lang>.txt``; this prints every finding once, in the order
first seen, naming the languages whose build reported it:

    docs/x.md:6: WARNING: front matter field 'date': ... [itukb.frontmatter] (zh_CN, en)

Lines that are not findings (a traceback, say) are printed as they are.
Our own code: Sphinx builds one language per run and knows nothing of the
other.  No Sphinx import: it runs after every build.

Usage: python -m itukb.build.build_findings _build/warnings zh_CN en
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

_FINDING = re.compile(r":\d+: (?:WARNING|ERROR|CRITICAL):|^[^ ]+: (?:WARNING|ERROR):")


def merged(logs: dict[str, list[str]]) -> list[str]:
    """Every line of every language's log; a finding once, with the languages naming it."""
    languages_of: dict[str, list[str]] = {}
    order: list[tuple[str, str]] = []  # (line, language it came from, for other lines)
    for language, lines in logs.items():
        for line in lines:
            if not line.strip():
                continue
            if _FINDING.search(line):
                if line not in languages_of:
                    languages_of[line] = []
                    order.append((line, ""))
                if language not in languages_of[line]:
                    languages_of[line].append(language)
            else:
                order.append((line, language))
    return [f"{line} ({', '.join(languages_of[line])})" if not language else line
            for line, language in order]


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    directory, languages = Path(args[0]), args[1:]
    logs = {}
    for language in languages:
        path = directory / f"{language}.txt"
        if path.is_file():
            logs[language] = path.read_text(encoding="utf-8", errors="replace").splitlines()
    for line in merged(logs):
        print(line, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
