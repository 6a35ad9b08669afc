# A right-to-left translation (Arabic), one page, for tests/test_languages.py.
extensions = ["myst_parser", "itukb"]
language = "zh_CN"
kb_languages = ["zh_CN", "ar"]
locale_dirs = ["locale/"]
gettext_compact = False
html_theme = "furo"
primary_domain = "kb"
exclude_patterns = ["_build", "locale"]
