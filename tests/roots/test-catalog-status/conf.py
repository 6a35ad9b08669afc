# Pages translated completely, partly, with a fuzzy entry, and not at all, for
# tests/test_catalog_status.py (the notice and the status page).
extensions = ["myst_parser", "itukb"]
language = "zh_CN"
locale_dirs = ["locale/"]
gettext_compact = False
html_theme = "basic"
exclude_patterns = ["_build", "locale"]
