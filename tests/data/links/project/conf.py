# A small bilingual project for the source-map tests: enough pages for
# Sphinx to read and write them in parallel with -j 2.
extensions = ["myst_parser", "itukb"]
html_theme = "furo"  # the site's theme: its chrome is what the checker knows
exclude_patterns = ["_build"]
myst_heading_anchors = 0
language = "zh_CN"  # the source language; -D language=en builds the other one
