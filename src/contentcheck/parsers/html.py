"""HTML through the standard library's tokenizer, which reports where each token starts.

Tree builders (lxml, selectolax) drop source positions; html.parser keeps them, so every text
run, entity and alt attribute maps to its exact offset. Script, style, code and templates are
dropped; nav, and header/footer/aside outside the article, are kept apart as boilerplate.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from ..document import Block, BlockKind, Document
from ..registry import input_format

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
DROPPED = {"script", "style", "template", "noscript", "code", "pre", "svg", "math", "textarea", "select", "button"}
BOILERPLATE = {"nav", "header", "footer", "aside", "form"}
ARTICLE = {"article", "main"}
BLOCK_TAGS = {
    "p", "div", "section", "article", "main", "li", "ul", "ol", "dl", "dt", "dd", "td", "th", "tr", "table",
    "thead", "tbody", "tfoot", "caption", "blockquote", "figure", "figcaption", "h1", "h2", "h3", "h4", "h5", "h6",
    "title", "body", "head", "html", "hr", "address", "details", "summary", "header", "footer", "nav", "aside", "form",
    "label", "option",
}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_KIND_OF_TAG = {**dict.fromkeys(HEADINGS, BlockKind.HEADING), "td": BlockKind.TABLE_CELL, "th": BlockKind.TABLE_CELL,
                "li": BlockKind.LIST_ITEM, "title": BlockKind.TITLE, "blockquote": BlockKind.BLOCKQUOTE}
_ALT = re.compile(r"""\salt\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", re.IGNORECASE)


@input_format("html", (".html", ".htm", ".xhtml"))
def parse_html(source: str, path: str) -> Document:
    document = Document(path=path, source=source, format="html")
    parser = _Parser(document)
    parser.feed(source)
    parser.close()
    parser.flush()
    document.blocks.sort(key=lambda b: b.source_start)
    return document


class _Parser(HTMLParser):
    def __init__(self, document: Document):
        super().__init__(convert_charrefs=False)
        self.document = document
        self.source = document.source
        # html.parser counts lines by "\n" only; keep our own table for its (line, column) pairs.
        self.newline_starts = [0] + [m.end() for m in re.finditer("\n", self.source)]
        self.stack: list[str] = []
        self.dropped = 0
        self.boilerplate = 0
        self.article = 0
        self.block = Block(BlockKind.PARAGRAPH)
        self.block_kind, self.block_quoted, self.block_boilerplate = BlockKind.PARAGRAPH, False, False
        self.open_link: tuple[int, str] | None = None

    # --- positions -------------------------------------------------------------------------------
    def source_position(self) -> int:
        line, column = self.getpos()
        return self.newline_starts[line - 1] + column

    # --- blocks ----------------------------------------------------------------------------------
    def context_kind(self) -> BlockKind:
        for tag in reversed(self.stack):
            kind = _KIND_OF_TAG.get(tag)
            if kind is not None:
                return kind
        return BlockKind.PARAGRAPH

    def flush(self) -> None:
        block = self.block
        if block.text.strip():
            block.kind = self.block_kind
            block.quoted = self.block_quoted
            target = self.document.boilerplate if self.block_boilerplate else self.document.blocks
            target.append(block)
            if block.kind == BlockKind.TITLE:
                self.document.metadata.setdefault("title", block.text.strip())
        self.block = Block(BlockKind.PARAGRAPH)
        if self.open_link is not None:
            self.open_link = (0, self.open_link[1])

    def add(self, text: str, start: int, end: int, verbatim: bool) -> None:
        if self.dropped:
            return
        if not self.block.pieces:
            self.block_kind = self.context_kind()
            self.block_quoted = "blockquote" in self.stack
            self.block_boilerplate = self.boilerplate > 0
        self.block.add(text, start, end, verbatim)

    # --- events ----------------------------------------------------------------------------------
    def handle_starttag(self, tag, attrs):
        start = self.source_position()
        if tag == "br":
            self.add(" ", start, start + len(self.get_starttag_text() or "<br>"), verbatim=False)
        if tag in BLOCK_TAGS:
            self.flush()
        if tag == "img":
            self.add_alt(start)
        if tag == "meta":
            self.add_meta(dict(attrs))
        if tag in VOID:
            return
        self.stack.append(tag)
        if tag == "a" and not self.dropped:
            self.open_link = (len(self.block.text), dict(attrs).get("href") or "")
        if tag in DROPPED:
            self.dropped += 1
        elif tag in ARTICLE:
            self.article += 1
        elif tag in BOILERPLATE and (tag == "nav" or not self.article):
            self.boilerplate += 1

    def handle_startendtag(self, tag, attrs):
        if tag == "br":
            start = self.source_position()
            self.add(" ", start, start + len(self.get_starttag_text() or "<br/>"), verbatim=False)
        if tag in BLOCK_TAGS:
            self.flush()
        if tag == "img":
            self.add_alt(self.source_position())
        if tag == "meta":
            self.add_meta(dict(attrs))

    def handle_endtag(self, tag):
        if tag not in self.stack:
            return  # a stray end tag closes nothing
        if tag == "a" and self.open_link is not None:
            start, href = self.open_link
            if start <= len(self.block.text):
                self.block.links.append((start, len(self.block.text), href))
            self.open_link = None
        if tag in BLOCK_TAGS:
            self.flush()
        while self.stack:
            open_tag = self.stack.pop()
            if open_tag in DROPPED:
                self.dropped -= 1
            elif open_tag in ARTICLE:
                self.article -= 1
            elif open_tag in BOILERPLATE and self.boilerplate and (open_tag == "nav" or not self.article):
                self.boilerplate -= 1
            if open_tag == tag:
                break
        if tag in BLOCK_TAGS:
            self.flush()

    def handle_data(self, data):
        start = self.source_position()
        self.add(data, start, start + len(data), verbatim=True)

    def handle_entityref(self, name):
        self._add_reference(len("&") + len(name))

    def handle_charref(self, name):
        self._add_reference(len("&#") + len(name))

    def _add_reference(self, length: int) -> None:
        """An entity or character reference: its decoded text, mapped to the whole reference (and ';')."""
        start = self.source_position()
        end = start + length
        if self.source.startswith(";", end):
            end += 1
        self.add(html.unescape(self.source[start:end]), start, end, verbatim=False)

    def handle_comment(self, data):
        start = self.source_position()
        self.document.comments.append((start, start + len(data) + 7, data))

    # --- attributes ------------------------------------------------------------------------------
    def add_alt(self, tag_start: int) -> None:
        if self.dropped:
            return
        tag_text = self.get_starttag_text() or ""
        match = _ALT.search(tag_text)
        if not match:
            return
        group = next(i for i in (1, 2, 3) if match.group(i) is not None)
        value_start = tag_start + match.start(group)
        raw = match.group(group)
        alt = Block(BlockKind.ALT)
        position = 0
        for entity in re.finditer(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?", raw):
            alt.add_verbatim(self.source, value_start + position, value_start + entity.start())
            alt.add(html.unescape(entity.group()), value_start + entity.start(), value_start + entity.end())
            position = entity.end()
        alt.add_verbatim(self.source, value_start + position, value_start + len(raw))
        if alt.text.strip():
            target = self.document.boilerplate if self.boilerplate else self.document.blocks
            target.append(alt)

    def add_meta(self, attrs: dict) -> None:
        name = (attrs.get("name") or attrs.get("property") or "").lower()
        if name and attrs.get("content") is not None:
            self.document.metadata.setdefault(name, attrs["content"])


