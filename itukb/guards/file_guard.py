"""Files that pages read stay inside the project: no file of the build machine is published.

A directive that reads a file (``include``, ``literalinclude``, ``csv-table
:file:``, ``raw :file:``) puts its content on the page; an image or a
``{download}`` is copied into the site.  A path climbing out with ``../``,
an absolute path, or a symlink pointing elsewhere would publish whatever
the build machine holds there.  So each of these paths must resolve, after
symlinks, inside the project (the directory of ``conf.py``, or the source
directory), or the directive is refused with the page's ``file:line`` and
reads nothing; reading from a URL (``:url:``) is refused too.  A symlink
under the source or catalog directories that leaves the project is refused
when the build starts, and pages behind one are not read.

Sphinx and docutils give no hook before these directives read their file,
so each is registered again as a subclass that checks its path first.
MyST reads ``include`` itself (``MockIncludeDirective``) whenever the
directive is docutils' ``Include``; the checked ``include`` is therefore a
directive of its own that hands a checked path to MyST's reader, or to
Sphinx's in reStructuredText.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.parsers.rst.directives.misc import Raw
from myst_parser.mocking import MockIncludeDirective, MockState
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.directives.code import LiteralInclude
from sphinx.directives.other import Include
from sphinx.directives.patches import CSVTable
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from itukb.guards.encoding_guard import treat_as_absent

logger = logging.getLogger(__name__)


def project_roots(app_or_env: Any) -> list[Path]:
    """Where files may be read from: the configuration and source directories."""
    roots = {Path(app_or_env.srcdir).resolve()}
    confdir = getattr(app_or_env, "confdir", None) or getattr(
        getattr(app_or_env, "app", None), "confdir", None)
    if confdir:
        roots.add(Path(confdir).resolve())
    return sorted(roots)


def inside(path: str | Path, roots: list[Path]) -> bool:
    """Whether ``path``, symlinks followed, lies in one of ``roots``."""
    real = Path(os.path.realpath(path))
    return any(real == root or root in real.parents for root in roots)


def _candidates(env: BuildEnvironment, source: str, argument: str,
                as_docutils: bool) -> list[str]:
    """Every file ``argument`` can mean: Sphinx's reading (``/`` is the source
    directory) and, for a directive that docutils runs (``as_docutils``), its own
    (relative to the including file, absolute as written)."""
    found = [env.relfn2path(argument, env.docname)[1]]
    if as_docutils:
        found.append(argument if os.path.isabs(argument)
                     else os.path.join(os.path.dirname(source), argument))
    return [str(path) for path in found]


def refusal(directive: Any, argument: str, as_docutils: bool = False) -> str | None:
    """Why ``directive`` may not read ``argument``; None if it may."""
    env = directive.state.document.settings.env
    if argument.startswith("<") and argument.endswith(">"):
        return f"{argument} is a file of docutils, outside the project"
    source, _line = directive.state_machine.get_source_and_line(directive.lineno)
    source = str(source or env.doc2path(env.docname))
    if ":<translated>" in source:
        source = source.rsplit(":", 2)[0]
    roots = project_roots(env)
    for candidate in _candidates(env, source, argument, as_docutils):
        if not inside(candidate, roots):
            return f"{argument!r} resolves to {os.path.realpath(candidate)}, outside the project"
    return None


def refuse(directive: Any, what: str) -> list[nodes.Node]:
    source, line = directive.state_machine.get_source_and_line(directive.lineno)
    logger.warning(
        f"{directive.name}: {what}: pages may only read files inside the project "
        "(see 'Security model' in README.md); nothing was read",
        location=f"{source}:{line}" if ":<translated>" not in str(source) else str(source),
        type="itukb", subtype="file-outside")
    return []


def _checked(directive: Any, *arguments: str | None,
             as_docutils: bool = False) -> list[nodes.Node] | None:
    for option in ("url",):
        if option in directive.options:
            return refuse(directive, f":{option}: reads from the network")
    for argument in arguments:
        if argument:
            why = refusal(directive, argument, as_docutils)
            if why:
                return refuse(directive, why)
    return None


class CheckedInclude(SphinxDirective):
    """``include``, reading only files inside the project (see the module's docstring)."""

    required_arguments = Include.required_arguments
    optional_arguments = Include.optional_arguments
    final_argument_whitespace = Include.final_argument_whitespace
    has_content = Include.has_content
    option_spec: ClassVar[dict[str, Any]] = {**Include.option_spec,  # type: ignore[dict-item]
                   # MyST's own options of include
                   "relative-images": directives.flag, "relative-docs": directives.path,
                   "heading-offset": directives.nonnegative_int}

    def run(self) -> list[nodes.Node]:
        argument = "".join(part.strip() for part in self.arguments[0].splitlines())
        refused = _checked(self, argument)
        if refused is not None:
            return refused
        if isinstance(self.state, MockState):  # a MyST page: MyST's reader
            return MockIncludeDirective(  # type: ignore[return-value]
                self.state._renderer, self.name, Include, self.arguments, self.options,
                list(self.content), self.lineno).run()
        return list(Include(self.name, self.arguments, self.options, self.content, self.lineno,
                            self.content_offset, self.block_text, self.state,
                            self.state_machine).run())


class CheckedLiteralInclude(LiteralInclude):
    def run(self) -> list[nodes.Node]:
        refused = _checked(self, self.arguments[0], self.options.get("diff"))
        return refused if refused is not None else super().run()


class CheckedCSVTable(CSVTable):
    def run(self) -> list[nodes.Node]:
        # Sphinx's csv-table reads an absolute path as written when it exists
        refused = _checked(self, self.options.get("file"), as_docutils=True)
        return refused if refused is not None else super().run()


class CheckedRaw(Raw):
    def run(self) -> list[nodes.Node]:
        refused = _checked(self, self.options.get("file"), as_docutils=True)
        return refused if refused is not None else super().run()


def check_copied_files(app: Sphinx, doctree: nodes.document) -> None:
    """Images and downloads are copied into the site: only from inside the project.

    A refused one is taken out of the page (a download keeps its text) before
    Sphinx's collectors, which copy the files, see it.
    """
    env = app.env
    roots = project_roots(app)
    refused: list[nodes.Element] = []
    for node in doctree.findall(nodes.Element):
        if isinstance(node, nodes.image):
            uri, what = node.get("uri", ""), "image"
        elif isinstance(node, addnodes.download_reference):
            uri, what = node.get("reftarget", ""), "download"
        else:
            continue
        if "://" in uri or uri.startswith(("//", "data:")):
            if what == "image":
                logger.warning(f"image {uri!r} is loaded from elsewhere: the site loads "
                               "nothing from other sites; put the image in the project",
                               location=node, type="itukb", subtype="file-outside")
                refused.append(node)
            continue
        path = env.relfn2path(uri, env.docname)[1]
        if uri and "*" not in uri and not inside(path, roots):
            logger.warning(f"{what} {uri!r} resolves to {os.path.realpath(path)}, outside the "
                           "project: only files inside the project are published",
                           location=node, type="itukb", subtype="file-outside")
            refused.append(node)
    for node in refused:
        if isinstance(node, addnodes.download_reference):
            node.replace_self(nodes.inline(node.astext(), node.astext()))
        elif node.parent is not None:
            node.parent.remove(node)


def leaving_symlinks(app: Sphinx) -> dict[Path, Path]:
    """Symlinks under the source and catalog directories that point out of the project."""
    roots = project_roots(app)
    tops = [Path(app.srcdir)] + [Path(app.srcdir, d) for d in app.config.locale_dirs]
    found: dict[Path, Path] = {}
    for top in tops:
        for directory, subdirs, files in os.walk(top):
            for name in subdirs + files:
                path = Path(directory, name)
                if path.is_symlink() and not inside(path, roots):
                    found[path] = Path(os.path.realpath(path))
    return found


def setup_file_guard(app: Sphinx) -> None:
    for name, directive in (("include", CheckedInclude), ("literalinclude", CheckedLiteralInclude),
                            ("csv-table", CheckedCSVTable), ("raw", CheckedRaw)):
        app.add_directive(name, directive, override=True)
    refused_links: dict[Path, Path] = {}

    def on_builder_inited(app: Sphinx) -> None:
        refused_links.clear()
        refused_links.update(leaving_symlinks(app))
        for link, target in sorted(refused_links.items()):
            logger.warning(f"symlink to {target}, outside the project: refused (files are "
                           "read only from inside the project)", location=f"{link}:1",
                           type="itukb", subtype="file-outside")

    def on_before_read(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
        roots = project_roots(app)
        for docname in list(docnames):
            if not inside(env.doc2path(docname), roots):
                treat_as_absent(app, env, docname, docnames)  # its symlink was reported

    app.connect("builder-inited", on_builder_inited)
    app.connect("env-before-read-docs", on_before_read)
    # before Sphinx's collectors (priority 500), which copy images and downloads
    app.connect("doctree-read", check_copied_files, priority=400)
