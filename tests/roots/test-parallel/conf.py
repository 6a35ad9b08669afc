extensions = ["myst_parser", "itukb"]
language = "zh_CN"
html_theme = "basic"
primary_domain = "kb"
exclude_patterns = ["_build"]
locale_dirs = ["locale"]
gettext_compact = False  # one catalog per page, as on the real site
gettext_location = False
