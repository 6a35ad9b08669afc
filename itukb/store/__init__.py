"""The knowledge base of one build: the ``kb`` domain, the build's memo, and queries over them.

What pages record while they are read is kept in Sphinx domains (:mod:`.domain`,
:mod:`.translation_status`), so Sphinx drops and merges it per page; what is
derived from it (resolved citations, backlinks, relations, dates) is computed
here once per build and kept in :mod:`.memo`.  It imports only the layers
below it: ``model``, ``languages`` and ``catalogs``.
"""
