"""Build plumbing: publishing, the search index, sitemaps, feeds, the export (``kb.json``),
per-language findings, incremental extraction, and the command-line checks.
"""
