"""HTML-style comments (<!-- ... -->) with offsets: where suppression directives live."""

from __future__ import annotations

import re

_COMMENT = re.compile(r"<!--(.*?)-->", re.DOTALL)


def find_comments(source: str, start: int, end: int) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group(1)) for m in _COMMENT.finditer(source, start, end)]
