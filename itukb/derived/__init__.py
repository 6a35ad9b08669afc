"""The engine that keeps derived blocks right: it hashes their data and re-writes pages.

It knows no block: blocks register with :func:`itukb.derived.engine.add_block`.
"""
