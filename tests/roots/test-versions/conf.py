extensions = ["myst_parser", "itukb"]
language = "en"
html_theme = "basic"
primary_domain = "kb"
exclude_patterns = ["_build"]
