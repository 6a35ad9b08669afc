"""Sphinx configuration for the ITU document knowledge base.

Used as ``sphinx-build -c . docs <outdir>``.  Settings that depend on the
build language (site title, search) are applied by the ``itukb`` extension,
because ``-D language=...`` is not visible here.
"""

# -- Project ---------------------------------------------------------------

project = "ITU Document Knowledge Base"
author = "ITU knowledge base editors"
copyright = ""  # Sphinx's name for the setting; not shown (html_show_copyright)
html_show_copyright = False
html_show_sphinx = False

# -- General configuration ---------------------------------------------------

extensions = [
    "myst_parser",
    "sphinx_copybutton",
    "itukb",
]
root_doc = "index"
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build", "_root", "**/.*"]
nitpicky = True
primary_domain = "kb"  # {target}, {resolution}, {event}... are the knowledge base's roles
# a translation whose references differ from its source is reported by
# itukb.guards.catalog_guard at its .po line; Sphinx's own warning names only the page
suppress_warnings: list[str] = ["i18n.inconsistent_references"]

# -- MyST --------------------------------------------------------------------

myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 0  # anchors are explicit labels, see itukb.reading.anchors
myst_footnote_transition = True

# -- Languages ---------------------------------------------------------------

#: The site's languages, the source language first: declared here, once.  The
#: Makefile reads them from here (SOURCE_LANG, TARGET_LANGS), the extension
#: (itukb.i18n.config) and the tools get them from it.  A language is added by
#: adding it here and giving it catalogs under locale/<lang>/ (README.md).
kb_languages = ["zh_CN", "en"]
language = kb_languages[0]  # a build without -D language=... builds the source
# Sphinx reads each entry relative to docs/ ("../locale/"; "locale/" is not
# there and is skipped); sphinx-intl reads the first relative to this file's
# folder ("locale/"), so `sphinx-intl stat -l en` and `build` work as is.
locale_dirs = ["locale/", "../locale/"]
gettext_compact = False  # one catalog per page
gettext_uuid = False
gettext_location = True
gettext_last_translator = "ITU knowledge base translators"

# -- HTML ----------------------------------------------------------------------

html_theme = "furo"
html_static_path: list[str] = []
html_last_updated_fmt = None
html_copy_source = False
html_use_index = False  # no index entries: genindex.html would be an empty "Index" page
html_show_sourcelink = False
html_theme_options = {
    "top_of_page_buttons": [],
}
