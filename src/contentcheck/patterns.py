"""User patterns, compiled with RE2 only: linear time, so no rule pack can hang a CI run.

Phrase lists become one alternation per rule (longest first). RE2's \\b knows only ASCII, so word
edges are checked again in Python with str.isalnum, which knows every script.
"""

from __future__ import annotations

import bisect
import importlib
import re
from collections.abc import Iterator
from typing import Any

import re2

from .document import Block, Document
from .errors import ConfigError

_OPTIONS = re2.Options()
_OPTIONS.log_errors = False


def _public_spans(regex, text) -> Iterator[tuple[int, int]]:
    return (match.span() for match in regex.finditer(text))


def _raw_byte_spans(regex, data: bytes) -> Iterator[tuple[int, int]]:
    """What regex.finditer(data).span() gives, from RE2's own match call: re2's Python layer builds a
    match object and a generator step around every match, which costs more than the match itself."""
    match, position, end = regex._regexp.Match, 0, len(data)
    while True:
        start, stop = match(_UNANCHORED, data, position, end)[0]
        if start < 0:
            return
        yield start, stop
        if position == end:
            return
        position = position + 1 if stop == position else stop  # past an empty match, as finditer steps


try:  # the private extension module, by name: its stubs (google-re2-stubs, which proselint brings) omit it
    _UNANCHORED = importlib.import_module("re2._re2").RE2.Anchor.UNANCHORED
except (ImportError, AttributeError):
    _UNANCHORED = None


def _choose_byte_spans():
    """RE2's match call is not public API, so it is used only if it answers, here and now, as
    finditer does (empty matches and the end of the text included); otherwise finditer it is."""
    if _UNANCHORED is None:
        return _public_spans
    probe = re2.compile("a|b*")
    try:
        if all(list(_raw_byte_spans(probe, data)) == list(_public_spans(probe, data))
               for data in (b"xab", b"", b"bbxa", b"aaa")):
            return _raw_byte_spans
    except Exception:  # any change in re2's internals: the public way is always right
        pass
    return _public_spans


byte_spans = _choose_byte_spans()


def spans(regex, text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each match of a compiled re2 pattern in text. ASCII text is matched as bytes,
    whose offsets are the same: for str, re2 maps byte offsets back to characters in Python."""
    return byte_spans(regex, text.encode("ascii")) if text.isascii() else _public_spans(regex, text)


def compile_pattern(pattern: str, path: str | None = None, line: int | None = None):
    try:
        return re2.compile(pattern, _OPTIONS)
    except re2.error as exc:
        reason = exc.args[0].decode("utf-8", "replace") if exc.args and isinstance(exc.args[0], bytes) else str(exc)
        raise ConfigError(f"RE2 rejects the pattern {pattern!r}: {reason}", path, line) from None


def phrase_to_regex(phrase: str) -> str:
    """A literal phrase with flexible white space and straight or curly apostrophes."""
    words = []
    for word in phrase.split():
        pieces = word.replace("’", "'").split("'")
        words.append("['’]".join(re2.escape(piece) for piece in pieces))
    return r"\s+".join(words)


def _edge(char: str) -> bool:
    return char.isalnum() or char == "_"


_ASCII_WORD_BYTE = tuple(_edge(chr(code)) for code in range(128))  # _edge of each ASCII byte, looked up


class Matcher:
    """Finds phrases (word-bounded) and raw RE2 patterns in text, as one compiled alternation."""

    def __init__(self, phrases=(), patterns=(), ignorecase=True, whole_words=True, path=None, line=None,
                 pattern_lines=None):
        alternatives = [phrase_to_regex(p) for p in sorted(set(phrases), key=len, reverse=True) if p.strip()]
        alternatives += [f"(?:{p})" for p in patterns]
        self.whole_words = whole_words
        self.empty = not alternatives
        if not self.empty:
            lines = list(pattern_lines or [])
            for index, p in enumerate(patterns):  # name the offending pattern and its line, not the combination
                compile_pattern(p, path, lines[index] if index < len(lines) else line)
            flags = "(?i)" if ignorecase else ""
            self.regex = compile_pattern(f"{flags}(?:{'|'.join(alternatives)})", path, line)

    def finditer(self, text: str) -> Iterator[tuple[int, int]]:
        if self.empty:
            return
        for start, end in spans(self.regex, text):
            if start == end:
                continue
            if self.whole_words:
                if start > 0 and _edge(text[start - 1]) and _edge(text[start]):
                    continue
                if end < len(text) and _edge(text[end]) and _edge(text[end - 1]):
                    continue
            yield start, end

    def all_spans(self, text: str) -> list[tuple[int, int]]:
        """What finditer gives, as a list. On ASCII text one loop calls RE2's match directly and checks
        word edges in place: a page's scan for a vocabulary list meets hundreds of matches, and the
        nested generators of finditer cost more than the matching."""
        if self.empty:
            return []
        if not (byte_spans is _raw_byte_spans and text.isascii()):
            return list(self.finditer(text))
        return self._ascii_spans(text.encode("ascii"), False)

    def _ascii_spans(self, data: bytes, first: bool) -> list[tuple[int, int]]:
        """The word-bounded matches in ASCII bytes, from RE2's match call; with `first`, only the first."""
        whole_words, word = self.whole_words, _ASCII_WORD_BYTE
        found: list[tuple[int, int]] = []
        match, position, length = self.regex._regexp.Match, 0, len(data)
        while True:
            start, end = match(_UNANCHORED, data, position, length)[0]
            if start < 0:
                return found
            if start != end and not (whole_words and (
                    (start > 0 and word[data[start - 1]] and word[data[start]])
                    or (end < length and word[data[end]] and word[data[end - 1]]))):
                found.append((start, end))
                if first:
                    return found
            if position == length:
                return found
            position = position + 1 if end == position else end

    def search(self, text: str) -> bool:
        if self.empty:
            return False
        if byte_spans is _raw_byte_spans and text.isascii():
            return bool(self._ascii_spans(text.encode("ascii"), True))
        return next(self.finditer(text), None) is not None


_TERM_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


class TermSet:
    """Thousands of phrases found by looking words up, not by one regex: an alternation of 5,000 terms
    is more than RE2's DFA can hold, and it fell back to a search a hundred times slower. Words are
    runs of letters and digits (with inner apostrophes and hyphens), compared in lower case; the
    longest phrase starting at a word wins. The same interface as Matcher (finditer, search, empty)."""

    def __init__(self, phrases=()):
        self.terms = {" ".join(_TERM_WORD.findall(p.lower().replace("’", "'"))) for p in phrases}
        self.terms.discard("")
        self.longest = max((term.count(" ") + 1 for term in self.terms), default=0)
        self.first_words = {term.split(" ", 1)[0] for term in self.terms}  # most words start no term
        self.empty = not self.terms

    def finditer(self, text: str) -> Iterator[tuple[int, int]]:
        if self.empty:
            return
        lowered = text.lower().replace("’", "'") if "İ" not in text else text  # İ lowers to two characters
        words = [(m.group().lower(), m.start(), m.end()) for m in _TERM_WORD.finditer(lowered)]
        first_words, index = self.first_words, 0
        while index < len(words):
            if words[index][0] not in first_words:
                index += 1
                continue
            for size in range(min(self.longest, len(words) - index), 0, -1):
                if " ".join(w for w, _, _ in words[index:index + size]) in self.terms:
                    yield words[index][1], words[index + size - 1][2]
                    index += size
                    break
            else:
                index += 1

    def all_spans(self, text: str) -> list[tuple[int, int]]:
        return list(self.finditer(text))

    def search(self, text: str) -> bool:
        return next(self.finditer(text), None) is not None


class OwnPattern:
    """One of contentcheck's own patterns (never a user's), run by RE2 on ASCII text, where it scans a
    page about ten times faster than re and its ASCII-only \\b, \\w and \\d mean what re's do, and by
    re on any other text."""

    def __init__(self, pattern: str, ignorecase: bool = False):
        pattern = ("(?i)" if ignorecase else "") + pattern
        self.unicode = re.compile(pattern)
        self.ascii: Any = re2.compile(pattern, _OPTIONS)  # Any: search() uses its private match call

    def spans(self, text: str) -> list[tuple[int, int]]:
        if text.isascii():
            return list(byte_spans(self.ascii, text.encode("ascii")))
        return [match.span() for match in self.unicode.finditer(text)]

    def findall(self, text: str) -> list[str]:
        return [text[start:end] for start, end in self.spans(text)]

    def search(self, text: str) -> bool:
        """Whether the pattern matches anywhere in the text (one call into RE2 on ASCII text: the
        claim analysis asks this hundreds of times a page)."""
        if text.isascii():
            data = text.encode("ascii")
            if byte_spans is _raw_byte_spans:
                return self.ascii._regexp.Match(_UNANCHORED, data, 0, len(data))[0][0] >= 0
            return next(byte_spans(self.ascii, data), None) is not None
        return self.unicode.search(text) is not None


# Blocks joined for one pass per matcher: neither \s (ASCII white space in RE2) nor "." (which stops at
# a newline) can cross "\n\x00\n", and a match that still contains it is dropped.
SEPARATOR = "\n\x00\n"


def joined_blocks(document: Document, blocks: list[Block]) -> tuple[str, list[int]]:
    """The blocks' texts joined by SEPARATOR, and where each starts; made once per document and set of blocks."""
    return document.memo((joined_blocks, tuple(blocks)), lambda: _joined(blocks))


def _joined(blocks: list[Block]) -> tuple[str, list[int]]:
    starts, parts, position = [], [], 0
    for block in blocks:
        starts.append(position)
        parts.append(block.text)
        position += len(block.text) + len(SEPARATOR)
    return SEPARATOR.join(parts), starts


def matches_outside_exceptions(matcher: Matcher, exceptions: Matcher, document: Document,
                               blocks: list[Block]) -> Iterator[tuple[Block, int, int]]:
    """(block, start, end) for each match of `matcher` not inside a match of `exceptions` in its block
    ("best" is flagged, "best practice" is not)."""
    excepted_in: dict[Block, list[tuple[int, int]]] = {}
    for block, start, end in find_in_blocks(matcher, document, blocks):
        if block not in excepted_in:
            excepted_in[block] = list(exceptions.finditer(block.text))
        if not any(s <= start and end <= e for s, e in excepted_in[block]):
            yield block, start, end


def regex_matches_in_blocks(regex, document: Document, blocks: list[Block]) -> Iterator[tuple[Block, int, Any]]:
    """(block, the block's offset in the joined text, match) for each match of a compiled pattern in
    the blocks, found with one search over their joined text; a match across two blocks is none. For
    rules that need the match object (its groups); find_in_blocks gives spans."""
    if not blocks:
        return
    text, starts = joined_blocks(document, blocks)
    for match in regex.finditer(text):
        if SEPARATOR[1] in match.group(0):
            continue
        index = bisect.bisect_right(starts, match.start()) - 1
        yield blocks[index], starts[index], match


def find_in_blocks(matcher: Matcher | TermSet, document: Document,
                   blocks: list[Block]) -> list[tuple[Block, int, int]]:
    """(block, start, end) for every match in the blocks, found with one call over their joined text."""
    if matcher.empty or not blocks:
        return []
    text, starts = joined_blocks(document, blocks)
    found = []
    bisect_right, separator = bisect.bisect_right, SEPARATOR[1]
    for start, end in matcher.all_spans(text):
        if text.find(separator, start, end) >= 0:
            continue
        index = bisect_right(starts, start) - 1
        offset = starts[index]
        found.append((blocks[index], start - offset, end - offset))
    return found
