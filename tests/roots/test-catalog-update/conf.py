# A tiny Chinese-source project whose messages tests/test_catalog_update.py extracts,
# translates, edits and merges again.
extensions = ["myst_parser"]
language = "zh_CN"
gettext_compact = False
exclude_patterns = ["_build"]
