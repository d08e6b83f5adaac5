"""CommonMark (plus tables) through markdown-it-py, mapped back to exact source offsets.

markdown-it-py gives line ranges for blocks but no offsets for inline text, so each inline
text token is located in its block's source lines with one forward-moving cursor. `text_join`
is disabled so entities and escapes stay separate tokens that carry their original markup.
"""

from __future__ import annotations

import re
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

from ..document import Block, BlockKind, Document
from ..errors import InputError
from ..registry import input_format
from ..yamlload import load_yaml
from .comments import find_comments

_FRONT_MATTER = re.compile(r"\A---[ \t]*(?:\r\n|\r|\n)(.*?)(?:\r\n|\r|\n)(?:---|\.\.\.)[ \t]*(?:\r\n|\r|\n|\Z)",
                           re.DOTALL)
_CONTAINERS = {"list_item_open": BlockKind.LIST_ITEM, "th_open": BlockKind.TABLE_CELL, "td_open": BlockKind.TABLE_CELL,
               "heading_open": BlockKind.HEADING}
_CONTAINER_CLOSERS = frozenset(kind.replace("_open", "_close") for kind in _CONTAINERS)


class _LinksAsWritten(MarkdownIt):
    """Link targets are kept as written, as the HTML parser keeps them: percent-encoding and punycode
    are for rendering, and cost a fifth of the parse on a page with a dozen links."""

    def normalizeLink(self, url: str) -> str:
        return url

    def normalizeLinkText(self, link: str) -> str:
        return link


@lru_cache(maxsize=2)
def _markdown(links: bool = True) -> MarkdownIt:
    """The parser; its inline pass is left to parse_markdown, which runs it only where syntax may be."""
    parser = _LinksAsWritten("commonmark", {"maxNesting": 100}).enable("table").disable(["text_join", "inline"])
    return parser if links else parser.disable(["link", "image"])


# A character that can start inline syntax under the enabled rules (autolink and HTML <, code `,
# emphasis * _, entity &, escape \, image !, link [, line break): without one, the inline pass
# makes one text token of the whole content, so it is not run.
_INLINE_SYNTAX = re.compile(r"[<`*_&\\!\[\n]")


def _inline_children(parser: MarkdownIt, token, env: dict) -> list:
    """The inline tokens of a block's text: markdown-it's inline pass where syntax may be, else its
    whole content as the one text token that pass would make."""
    if _INLINE_SYNTAX.search(token.content):
        children: list = []
        parser.inline.parse(token.content, parser, env, children)
        return children
    return [Token("text", "", 0, content=token.content)]


# markdown-it looks for the end of a link label from every '[' (up to its nesting limit): 100,000
# '[' never closed took 3.7 s. Past this many left open in a document, brackets are read as text.
MAX_OPEN_BRACKETS = 2000
_PARAGRAPH_BREAK = re.compile(r"(?:\r\n|\r|\n)[ \t]*(?:\r\n|\r|\n)")


def _open_brackets(body: str) -> int:
    """How many '[' are left open, paragraph by paragraph (a link label never spans a blank line)."""
    if body.count("[") <= MAX_OPEN_BRACKETS:
        return 0  # the usual page: there cannot be more open than there are
    return sum(max(0, part.count("[") - part.count("]")) for part in _PARAGRAPH_BREAK.split(body))


def front_matter_end(source: str) -> int:
    """The offset where the body starts after the front matter (0 when there is none), read only."""
    match = _FRONT_MATTER.match(source)
    return match.end() if match else 0


def split_front_matter(source: str, path: str) -> tuple[dict, int]:
    """Return the front-matter mapping and the offset where the Markdown body starts."""
    match = _FRONT_MATTER.match(source)
    if not match:
        return {}, 0
    data = load_yaml(match.group(1), path, line_offset=1, error=InputError)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise InputError("front matter must be a mapping of keys to values", path, 1)
    return dict(data), match.end()


@input_format("markdown", (".md", ".markdown", ".mdown", ".mkd", ".mdx"), packages=("markdown-it-py",))
def parse_markdown(source: str, path: str) -> Document:
    document = Document(path=path, source=source, format="markdown")
    document.metadata, body_start = split_front_matter(source, path)
    # Blank the front matter but keep its line breaks, so token line numbers match the file.
    body = re.sub(r"[^\r\n]", " ", source[:body_start]) + source[body_start:]
    line_starts = document.lines.line_starts
    cursor = _Cursor(source)
    containers: list[BlockKind] = []
    quote_depth = 0
    links = _open_brackets(body) <= MAX_OPEN_BRACKETS
    if not links:
        document.note(f"{path}: links not read (more than {MAX_OPEN_BRACKETS:,} '[' left open); brackets count as text")
    parser = _markdown(links)
    env: dict = {}  # the link references the block pass finds, for the inline pass
    for token in parser.parse(body, env):
        kind = token.type
        if kind in _CONTAINERS:
            containers.append(_CONTAINERS[kind])
        elif kind in _CONTAINER_CLOSERS:
            containers.pop()
        elif kind == "blockquote_open":
            quote_depth += 1
        elif kind == "blockquote_close":
            quote_depth -= 1
        elif kind in ("html_block", "html_inline") and token.map:
            start, end = _line_region(line_starts, token.map, len(source))
            document.comments.extend(find_comments(source, start, end))
        elif kind == "inline" and token.map:
            start, end = _line_region(line_starts, token.map, len(source))
            kind = containers[-1] if containers else (BlockKind.BLOCKQUOTE if quote_depth else BlockKind.PARAGRAPH)
            cursor.enter(start, end)
            block = Block(kind, quoted=quote_depth > 0)
            _add_inline(block, _inline_children(parser, token, env), cursor, document)
            if block.text.strip():
                document.blocks.append(block)
    document.blocks.sort(key=lambda b: b.source_start)
    return document


def _line_region(line_starts: list[int], line_map: list[int], length: int) -> tuple[int, int]:
    first, last = line_map
    start = line_starts[first] if first < len(line_starts) else length
    end = line_starts[last] if last < len(line_starts) else length
    return start, end


class _Cursor:
    """A position in the source that only moves forward within the current block's region."""

    def __init__(self, source: str):
        self.source = source
        self.position = 0
        self.end = 0

    def enter(self, start: int, end: int) -> None:
        self.position = max(self.position, start)
        self.end = end

    def find(self, needle: str) -> int:
        """Offset of the next occurrence of needle, moving past it; -1 if it is not there."""
        if not needle:
            return -1
        found = self.source.find(needle, self.position, self.end)
        if found >= 0:
            self.position = found + len(needle)
        return found

    def skip_link_tail(self) -> None:
        """Move past the part of a link after its text: ](url "title"), ][ref], ] or >."""
        source, i = self.source, self.position
        close = source.find("]", i, self.end)
        angle = source.find(">", i, self.end)
        if close < 0 or (0 <= angle < close and source[i:angle].strip() == ""):
            if angle >= 0:
                self.position = angle + 1  # autolink <https://...>
            return
        i = close + 1
        plain_end = source.find(")", i, self.end) if source.startswith("(", i) else -1
        if plain_end >= 0 and source.count("(", i, plain_end) == 1 and source.find("\\", i, plain_end) < 0:
            i = plain_end + 1  # the usual destination: no brackets or escapes inside
        elif source.startswith("(", i):
            depth = 0
            while i < self.end:
                if source[i] == "\\":
                    i += 2
                    continue
                if source[i] == "(":
                    depth += 1
                elif source[i] == ")":
                    depth -= 1
                    if depth == 0:
                        i += 1
                        break
                i += 1
        elif source.startswith("[", i):
            end_ref = source.find("]", i, self.end)
            i = end_ref + 1 if end_ref >= 0 else i
        self.position = min(i, self.end)


# A bold label run into its sentence ("**Support from your team.**If you need help"): CommonMark cannot
# close the bold before a letter, so markdown-it leaves both markers in the text. The label is read
# without them and the closing marker as a space, so the label ends its own sentence.
_STRANDED_BOLD = re.compile(r"(\*\*|__)(?=[^\W_])([^*_\n]{1,120}?[.!?:])\1(?=[^\W\d_])")


def _add_text(block: Block, content: str, offset: int) -> None:
    position = 0
    if "**" in content or "__" in content:
        for match in _STRANDED_BOLD.finditer(content):
            block.add(content[position:match.start()], offset + position, offset + match.start(), verbatim=True)
            block.add(match.group(2), offset + match.start(2), offset + match.end(2), verbatim=True)
            block.add(" ", offset + match.end(2), offset + match.end())
            position = match.end()
    block.add(content[position:], offset + position, offset + len(content), verbatim=True)


def _add_inline(block: Block, children, cursor: _Cursor, document: Document) -> None:
    for child in children:
        kind = child.type
        if kind == "text":
            found = cursor.find(child.content)
            if found >= 0:
                _add_text(block, child.content, found)
        elif kind == "text_special":
            found = cursor.find(child.markup)
            if found >= 0:
                block.add(child.content, found, found + len(child.markup))
        elif kind in ("softbreak", "hardbreak"):
            found = cursor.find("\n")
            if found >= 0:
                start = found - 1 if found and cursor.source[found - 1] == "\r" else found
                block.add(" ", start, found + 1)
        elif kind == "code_inline":
            found = cursor.find(child.markup)
            if found >= 0:
                closing = cursor.find(child.markup)
                end = closing + len(child.markup) if closing >= 0 else found + len(child.markup)
                block.add(" ", found, end)  # code never reaches prose rules, but words stay apart
        elif kind == "link_open":
            block.links.append((len(block.text), len(block.text), child.attrs.get("href", "")))
        elif kind == "link_close":
            cursor.skip_link_tail()
            if block.links:
                start, _, href = block.links[-1]
                block.links[-1] = (start, len(block.text), href)
        elif kind == "image":
            found = cursor.find("![")
            if found >= 0:
                alt = Block(BlockKind.ALT, quoted=block.quoted)
                _add_inline(alt, child.children or [], cursor, document)
                if alt.text.strip():
                    document.blocks.append(alt)
                cursor.skip_link_tail()
        elif kind == "html_inline":
            found = cursor.find(child.content)
            if found >= 0:
                document.comments.extend(find_comments(cursor.source, found, found + len(child.content)))
