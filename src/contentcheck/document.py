"""The parsed article: prose blocks whose every character maps back to an exact source offset.

Rules match on a block's plain text; `Block.to_source` turns a match back into offsets in the
file as decoded. Offsets are never recovered by searching the source again.

A rule sees a view of the document cut to its scope (`Document.in_scope`): the same source,
metadata, memo and artefacts, fewer blocks. `Document.whole` is the uncut document.
"""

from __future__ import annotations

import bisect
import copy
import re
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, TypeVar

from .artefacts import Artefacts
from .lookalikes import fold, replacements
from .publisher import publisher_kind
from .segment import split_sentences
from .words import word_list

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
REFERENCE_HEADING = re.compile(r"^\s*(?:references?|sources?|bibliography|citations?|further reading|notes)\s*:?\s*$",
                               re.I)
DEFAULT_AUDIENCE = "patients"
# the reader a genre is written for, when neither the article nor the config names an audience
GENRE_AUDIENCE = {"news": "general", "press-release": "general", "professional": "professionals"}
T = TypeVar("T")


class BlockKind(str, Enum):
    """What a prose block is; rules name these in `scope:`."""

    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    BLOCKQUOTE = "blockquote"
    TABLE_CELL = "table_cell"
    ALT = "alt"  # an image's alt text
    TITLE = "title"  # an HTML <title>

    def __str__(self) -> str:
        return self.value


PROSE_KINDS = tuple(BlockKind)
# Where a rule applies unless its YAML says otherwise: the article's text, not alt text or the page title.
DEFAULT_SCOPE = tuple(k for k in BlockKind if k not in (BlockKind.ALT, BlockKind.TITLE))
# Running text: paragraphs, list items and quotes (what duplicates compare and readability measures).
RUNNING_TEXT = (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM, BlockKind.BLOCKQUOTE)
# Running text and table cells: where statements (claims, disclaimers) are made.
BODY_TEXT = RUNNING_TEXT + (BlockKind.TABLE_CELL,)


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


@dataclass(eq=False)  # compared and hashed by identity: blocks are keys of memos and sets
class Block:
    """One prose unit (a paragraph, heading, list item, table cell, ...) with its source map."""

    kind: BlockKind
    text: str = ""
    pieces: list[Piece] = field(default_factory=list)
    quoted: bool = False  # inside a blockquote
    links: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, href) in block text
    _sentences: list[Sentence] | None = field(default=None, repr=False)
    _sentence_starts: list[int] = field(default_factory=list, repr=False)  # each sentence's start, for bisect
    _sentence_words: list[tuple[str, ...]] | None = field(default=None, repr=False)
    _words: list[str] | None = field(default=None, repr=False)
    _piece_starts: list[int] = field(default_factory=list, repr=False)  # each piece's text_start, for bisect

    def add(self, text: str, source_start: int, source_end: int, verbatim: bool = False) -> None:
        """Append text that came from source[source_start:source_end] (character for character if
        verbatim), with look-alike characters folded (lookalikes.py): each folded character becomes a
        piece of its own that maps back to it."""
        changes = replacements(text)
        if not changes:
            self._append(text, source_start, source_end, verbatim)
        elif not verbatim:
            self._append(fold(text), source_start, source_end, False)
        else:
            position = 0
            for offset, replacement in changes:
                self._append(text[position:offset], source_start + position, source_start + offset, True)
                self._append(replacement, source_start + offset, source_start + offset + 1, False)
                position = offset + 1
            self._append(text[position:], source_start + position, source_end, True)

    def _append(self, text: str, source_start: int, source_end: int, verbatim: bool) -> None:
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
        index = bisect.bisect_right(self._piece_starts, offset) - 1
        return self.pieces[index if index > 0 else 0]

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
            spans = split_sentences(self.text)
            self._sentences = [Sentence(self.text[s:e], s, e) for s, e in spans]
            self._sentence_starts = [s for s, _ in spans]
        return self._sentences

    def sentence_index(self, offset: int) -> int | None:
        """Index of the sentence holding block-text `offset`; None in the space between sentences."""
        sentences = self.sentences
        index = bisect.bisect_right(self._sentence_starts, offset) - 1
        return index if index >= 0 and offset < sentences[index].end else None

    @property
    def sentence_words(self) -> list[tuple[str, ...]]:
        """Each sentence's lower-cased words (words.word_list), found once and shared by every rule.
        Sentences end at white space, so no word straddles two and their lists joined are the block's."""
        if self._sentence_words is None:
            self._sentence_words = [tuple(word_list(sentence.text)) for sentence in self.sentences]
        return self._sentence_words

    @property
    def words(self) -> list[str]:
        """The block's words in order (its sentences' words joined), made once: several rules read them."""
        if self._words is None:
            self._words = [word for words in self.sentence_words for word in words]
        return self._words


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


@dataclass(eq=False)
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
    configured_audience: str | None = None  # from the config (top level or an override) for this path
    allowed_servers: tuple[str, ...] | None = None  # servers text may be sent to (None: any configured)
    configured_genre: str | None = None  # from the config (top level or an override) for this path
    detected_genre: tuple[str | None, list[str]] = (None, [])  # (genre, evidence) from the text (genre.py)
    configured_public_body: bool | None = None  # from the config (top level or an override) for this path
    artefacts: Artefacts = field(default_factory=Artefacts)  # what rules produce besides findings
    scope: Hashable = None  # which view this is (None: the whole document); part of scoped memo keys
    _memo: dict[Hashable, Any] = field(default_factory=dict, repr=False)  # derived data shared by rules
    _whole: Document | None = field(default=None, repr=False)
    _lines: LineIndex | None = field(default=None, repr=False)

    @property
    def lines(self) -> LineIndex:
        if self._lines is None:
            self._lines = LineIndex(self.source)
        return self._lines

    @property
    def whole(self) -> Document:
        """The document with every block, whatever view this is."""
        return self._whole or self

    @property
    def audience(self) -> str:
        """Front matter `audience:` first, then the config's, then the genre's reader, then patients. A
        genre contentcheck does not know ("genre: other") says nothing of the reader: the genre the text
        shows does."""
        declared = self.metadata.get("audience")
        if isinstance(declared, str) and declared.strip():
            return declared.strip().lower()
        if self.configured_audience:
            return self.configured_audience
        genre = self.genre
        if genre not in GENRES:
            genre = self.detected_genre[0]
        return GENRE_AUDIENCE.get(genre or "", DEFAULT_AUDIENCE)

    @property
    def genre(self) -> str | None:
        """Front matter `genre:` first, then the config's, then the one detected; None: not known."""
        return self.genre_and_evidence[0]

    @property
    def genre_and_evidence(self) -> tuple[str | None, list[str]]:
        declared = self.metadata.get("genre")
        if isinstance(declared, str) and declared.strip():
            return normalise_genre(declared), ["front matter"]
        if self.configured_genre:
            return self.configured_genre, ["configuration"]
        return self.detected_genre

    @property
    def publisher(self) -> tuple[str | None, list[str]]:
        """(publisher.PUBLIC_BODY, evidence) for a public health body's page, else (None, [])."""
        return self.memo("publisher", lambda: publisher_kind(self.metadata, self.configured_public_body))

    def in_scope(self, kinds: tuple[BlockKind, ...], skip_references: bool) -> Document:
        """A view holding only the blocks of these kinds (and, with skip_references, none under a
        References heading); it shares everything else, memo and artefacts included."""
        whole = self.whole
        references = whole.reference_blocks() if skip_references else frozenset()
        view = copy.copy(whole)
        view._lines, view._whole, view.scope = whole.lines, whole, (frozenset(kinds), skip_references)
        view.blocks = [b for b in whole.blocks if b.kind in kinds and b not in references]
        return view

    def memo(self, key: Hashable, compute: Callable[[], T]) -> T:
        """compute(), once per document (every view shares it); `key` names the data and what it
        depends on, by value or by object (blocks and rule data hash by identity)."""
        memo = self._memo
        if key not in memo:
            memo[key] = compute()
        return memo[key]

    def scoped_memo(self, key: Hashable, compute: Callable[[], T]) -> T:
        """memo() for data computed from this view's blocks: views with the same scope share it."""
        return self.memo((self.scope, key), compute)

    def note(self, text: str) -> None:
        """Say something about the run once (a skipped check, a limit reached); the report lists each note once."""
        self.artefacts.note(text)

    def heading_of(self, block: Block) -> str:
        """The text of the nearest heading above a block ("" when none): the section it is in."""
        return self.memo("headings", self._find_headings).get(block, "")

    def _find_headings(self) -> dict[Block, str]:
        heading, found = "", {}
        for block in self.whole.blocks:
            if block.kind == BlockKind.HEADING:
                heading = block.text
            else:
                found[block] = heading
        return found

    def reference_blocks(self) -> frozenset[Block]:
        """Blocks under a References / Sources / Bibliography heading (citations, not prose)."""
        return self.memo("reference_blocks", self._find_reference_blocks)

    def _find_reference_blocks(self) -> frozenset[Block]:
        headings = self.memo("headings", self._find_headings)
        return frozenset(block for block, heading in headings.items() if REFERENCE_HEADING.match(heading))


AUDIENCES = ("patients", "general", "professionals")
GENRES = ("patient-info", "news", "press-release", "marketing", "review", "professional")


def normalise_genre(value: str) -> str:
    """A genre as written ("News release", "press_release") in its canonical name ("press-release")."""
    name = " ".join(value.strip().lower().replace("_", " ").split())
    return GENRE_ALIASES.get(name, name.replace(" ", "-"))


GENRE_ALIASES = {"news-release": "press-release", "news release": "press-release", "press release": "press-release",
                 "leaflet": "patient-info", "patient information": "patient-info", "advertorial": "marketing",
                 "product": "marketing", "clinic": "marketing"}
