"""Plain text: paragraphs separated by blank lines, every character verbatim. A paragraph that is one
line underlined with === or --- (as in Markdown and reStructuredText), or a lone line naming a
References section, is a heading. HTML-style comments hold suppression directives: they are not
prose, so no rule reads them."""

from __future__ import annotations

import re

from ..document import REFERENCE_HEADING, Block, BlockKind, Document
from ..registry import input_format
from .comments import find_comments

_BLANK_LINE = re.compile(r"(?:\r\n|\r(?!\n)|\n)[ \t]*(?:\r\n|\r(?!\n)|\n)")
_UNDERLINED = re.compile(r"([^\r\n]+)(?:\r\n|\r|\n)[ \t]*(?:={3,}|-{3,})[ \t]*\Z")


@input_format("text", (".txt", ".text"))
def parse_text(source: str, path: str) -> Document:
    document = Document(path=path, source=source, format="text")
    document.comments = find_comments(source, 0, len(source))
    start = 0
    for match in _BLANK_LINE.finditer(source):
        _add_paragraph(document, source, start, match.start())
        start = match.end()
    _add_paragraph(document, source, start, len(source))
    return document


def _add_paragraph(document: Document, source: str, start: int, end: int) -> None:
    while start < end and source[start].isspace():
        start += 1
    while end > start and source[end - 1].isspace():
        end -= 1
    if start < end:
        underlined = _UNDERLINED.match(source, start, end)
        if underlined:
            block = Block(BlockKind.HEADING)
            block.add_verbatim(source, start, start + len(underlined.group(1).rstrip()))
        else:
            kind = BlockKind.HEADING if REFERENCE_HEADING.match(source[start:end]) else BlockKind.PARAGRAPH
            block = Block(kind)
            position = start
            for comment_start, comment_end, _ in document.comments:
                if comment_end <= start or comment_start >= end:
                    continue
                block.add_verbatim(source, position, max(position, comment_start))
                block.add(" ", comment_start, comment_end)  # words either side stay apart
                position = comment_end
            block.add_verbatim(source, position, end)
            if not block.text.strip():
                return  # a paragraph that is only a directive
        document.blocks.append(block)
