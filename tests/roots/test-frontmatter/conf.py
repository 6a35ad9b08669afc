extensions = ["myst_parser", "itukb"]
language = "en"
html_theme = "basic"
exclude_patterns = ["_build"]
