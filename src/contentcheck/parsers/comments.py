"""HTML-style comments (<!-- ... -->) with offsets: where suppression directives live."""

from __future__ import annotations


def find_comments(source: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """(start, end, body) of each comment in source[start:end]. A scan with str.find, not a lazy
    regex: with `<!--` repeated and never closed, the regex searched to the end from each one."""
    found = []
    opening = source.find("<!--", start, end)
    while opening >= 0:
        closing = source.find("-->", opening + 4, end)
        if closing < 0:
            break  # no comment closes after this one, so none after it either
        found.append((opening, closing + 3, source[opening + 4:closing]))
        opening = source.find("<!--", closing + 3, end)
    return found
