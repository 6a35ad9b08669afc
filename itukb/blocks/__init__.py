"""Derived blocks: what a page shows that is gathered from other pages.

Each module is one block: its placeholder node, the function placing it on a
page being read, the data it shows (hashed by :mod:`itukb.derived.engine`)
and the function drawing it; it registers itself with
:func:`itukb.derived.engine.add_block`.
"""
