# A tiny Chinese-source project with English catalogs that exercise Sphinx's
# translation step: renamed titles, repeated messages, roles, footnotes,
# glossary terms, admonitions, definition lists, a page with its own MyST
# settings and a translation with a broken role.  tests/test_translation_reuse.py
# builds it with plain MyST and with itukb's reuse of the parser, and compares.
extensions = ["myst_parser"]
language = "zh_CN"
locale_dirs = ["locale/"]
gettext_compact = False
exclude_patterns = ["_build"]
myst_enable_extensions = ["colon_fence", "deflist"]
html_theme = "basic"
