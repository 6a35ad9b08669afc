"""What happens when pages are read: directives, roles and transforms recording into the store.

They place derived blocks (:mod:`itukb.blocks`) on the pages that show them.
"""
