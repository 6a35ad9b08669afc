# Three languages, declared once: Chinese pages, English translated in full,
# French partly (its pages and its itukb words), for tests/test_languages.py.
extensions = ["myst_parser", "itukb"]
language = "zh_CN"
kb_languages = ["zh_CN", "en", "fr"]
locale_dirs = ["locale/"]
gettext_compact = False
html_theme = "furo"
primary_domain = "kb"
exclude_patterns = ["_build", "locale"]
