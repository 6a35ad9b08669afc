"""Read a Pagefind bundle the way its JavaScript does: each page's fragment, decompressed.

Pagefind stores what it shows of a page (URL, text, metadata, filters,
anchors) in one gzip-compressed fragment per page, after a marker.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

MARKER = b"pagefind_dcd"


def fragments(tree: Path) -> dict[str, dict[str, Any]]:
    """URL (as indexed, e.g. ``/documents/x.html``) -> fragment of every indexed page."""
    found = {}
    for path in sorted((tree / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(MARKER), path
        fragment = json.loads(data[len(MARKER):])
        found[fragment["url"]] = fragment
    return found
