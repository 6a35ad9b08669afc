"""The translators' tools: check, update and count the translation catalogs.

Kept apart from the Sphinx extension proper because the command-line scripts
(``scripts/check_catalogs.py``, ``scripts/update_po.py``, ``scripts/po_stats.py``)
use it without starting Sphinx; the extension only borrows :mod:`.stats`.
"""
