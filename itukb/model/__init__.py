"""The knowledge model: plain Python, no Sphinx or docutils, unit-tested without a build.

What a document declares (:mod:`.document`, :mod:`.frontmatter`), which revision
of a resolution a citation means on a date (:mod:`.revisions`) and how objects
relate (:mod:`.relations`).  It imports nothing else of the package.
"""
