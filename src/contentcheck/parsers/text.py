"""Plain text: paragraphs separated by blank lines, every character verbatim."""

from __future__ import annotations

import re

from ..document import Block, BlockKind, Document
from ..registry import input_format
from .comments import find_comments

_BLANK_LINE = re.compile(r"(?:\r\n|\r(?!\n)|\n)[ \t]*(?:\r\n|\r(?!\n)|\n)")


@input_format("text", (".txt", ".text"))
def parse_text(source: str, path: str) -> Document:
    document = Document(path=path, source=source, format="text")
    start = 0
    for match in _BLANK_LINE.finditer(source):
        _add_paragraph(document, source, start, match.start())
        start = match.end()
    _add_paragraph(document, source, start, len(source))
    document.comments = find_comments(source, 0, len(source))
    return document


def _add_paragraph(document: Document, source: str, start: int, end: int) -> None:
    while start < end and source[start].isspace():
        start += 1
    while end > start and source[end - 1].isspace():
        end -= 1
    if start < end:
        block = Block(BlockKind.PARAGRAPH)
        block.add_verbatim(source, start, end)
        document.blocks.append(block)
