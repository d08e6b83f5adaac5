"""The parsed article: prose blocks whose every character maps back to an exact source offset.

Rules match on a block's plain text; `Block.to_source` turns a match back into offsets in the
file as decoded. Offsets are never recovered by searching the source again.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
REFERENCE_HEADING = re.compile(r"^\s*(?:references?|sources?|bibliography|citations?|further reading|notes)\s*:?\s*$", re.I)
PROSE_KINDS = ("heading", "paragraph", "list_item", "blockquote", "table_cell", "alt", "title")


@dataclass(frozen=True)
class Piece:
    """A run of block text [text_start, text_end) taken from source [source_start, source_end).

    Verbatim pieces have equal lengths and map character by character; a replaced piece
    (an entity, an escape, inline code, a line break) maps as a whole.
    """

    text_start: int
    text_end: int
    source_start: int
    source_end: int
    verbatim: bool


@dataclass
class Sentence:
    text: str
    start: int  # offset in the block text
    end: int


@dataclass
class Block:
    """One prose unit (a paragraph, heading, list item, table cell, ...) with its source map."""

    kind: str
    text: str = ""
    pieces: list[Piece] = field(default_factory=list)
    quoted: bool = False  # inside a blockquote
    links: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, href) in block text
    _sentences: list[Sentence] | None = field(default=None, repr=False)
    _sentence_starts: list[int] = field(default_factory=list, repr=False)  # each sentence's start, for bisect
    _sentence_words: list[tuple[str, ...]] | None = field(default=None, repr=False)
    _piece_starts: list[int] = field(default_factory=list, repr=False)  # each piece's text_start, for bisect

    def add(self, text: str, source_start: int, source_end: int, verbatim: bool = False) -> None:
        """Append text that came from source[source_start:source_end] (character for character if verbatim)."""
        if not text:
            return
        start = len(self.text)
        self.text += text
        self.pieces.append(Piece(start, len(self.text), source_start, source_end, verbatim))
        self._piece_starts.append(start)

    def add_verbatim(self, source: str, source_start: int, source_end: int) -> None:
        self.add(source[source_start:source_end], source_start, source_end, verbatim=True)

    @property
    def source_start(self) -> int:
        return self.pieces[0].source_start if self.pieces else 0

    @property
    def source_end(self) -> int:
        return self.pieces[-1].source_end if self.pieces else 0

    def _piece_at(self, offset: int) -> Piece:
        index = max(bisect.bisect_right(self._piece_starts, offset) - 1, 0)
        return self.pieces[index]

    def source_offset(self, offset: int, is_end: bool = False) -> int:
        """Map a block-text offset to a source offset; an end offset maps to the end of its piece run."""
        if not self.pieces:
            return 0
        if is_end and offset > 0:
            piece = self._piece_at(offset - 1)
            if piece.verbatim:
                return piece.source_start + (offset - piece.text_start)
            return piece.source_end
        piece = self._piece_at(offset)
        if offset >= piece.text_end:
            return piece.source_end
        if piece.verbatim:
            return piece.source_start + (offset - piece.text_start)
        return piece.source_start

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        source_start = self.source_offset(start)
        return source_start, max(self.source_offset(end, is_end=True), source_start)

    @property
    def sentences(self) -> list[Sentence]:
        if self._sentences is None:
            from .segment import split_sentences

            spans = split_sentences(self.text)
            self._sentences = [Sentence(self.text[s:e], s, e) for s, e in spans]
            self._sentence_starts = [s for s, _ in spans]
        return self._sentences

    def sentence_index(self, offset: int) -> int | None:
        """Index of the sentence holding block-text `offset`; None in the space between sentences."""
        sentences = self.sentences
        index = bisect.bisect_right(self._sentence_starts, offset) - 1
        return index if index >= 0 and offset < sentences[index].end else None


class LineIndex:
    """Offset -> 1-based (line, column) in decoded text. CRLF counts as one line break.

    Columns count characters (code points), so a tab or an emoji is one column, as in ruff and Vale.
    """

    def __init__(self, text: str):
        self.line_starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text)]

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1

    def line_start(self, line: int) -> int:
        return self.line_starts[line - 1]


@dataclass
class Document:
    """What every rule sees: the decoded source, its prose blocks and its metadata."""

    path: str
    source: str
    format: str
    blocks: list[Block] = field(default_factory=list)
    boilerplate: list[Block] = field(default_factory=list)  # nav, header, footer: not prose
    metadata: dict[str, Any] = field(default_factory=dict)  # front matter, <meta>, <title>
    comments: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, body)
    health_override: bool | None = None  # from a config override for this path
    audience: str | None = None  # from the config (top level or an override) for this path
    cache: dict[Any, Any] = field(default_factory=dict, repr=False)  # derived data rules share (sentence units, ...)
    _lines: LineIndex | None = field(default=None, repr=False)

    @property
    def lines(self) -> LineIndex:
        if self._lines is None:
            self._lines = LineIndex(self.source)
        return self._lines

    def note(self, text: str) -> None:
        """Say something about the run once (a skipped check, a limit reached); the report lists each note once."""
        notes = self.cache.setdefault("notes", [])
        if text not in notes:
            notes.append(text)

    def reference_blocks(self) -> set[int]:
        """ids of blocks under a References / Sources / Bibliography heading (citations, not prose)."""
        if "reference_blocks" not in self.cache:
            inside, found = False, set()
            for block in self.blocks:
                if block.kind == "heading":
                    inside = bool(REFERENCE_HEADING.match(block.text))
                elif inside:
                    found.add(id(block))
            self.cache["reference_blocks"] = found
        return self.cache["reference_blocks"]
