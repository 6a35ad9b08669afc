"""Refusing bad input where it was written: unsafe HTML, files outside the project,
broken encodings, malformed catalogs, placeholder links.  Each guard names the
file and line and fails the build; nothing it refuses is published.
"""
