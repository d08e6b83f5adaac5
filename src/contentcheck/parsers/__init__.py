"""Markup front ends: each turns decoded text into a Document of prose blocks."""

from __future__ import annotations

from pathlib import PurePath

from ..document import Document

MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown", ".mkd", ".mdx"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
TEXT_SUFFIXES = {".txt", ".text"}
SUPPORTED_SUFFIXES = MARKDOWN_SUFFIXES | HTML_SUFFIXES | TEXT_SUFFIXES


def format_for(path: str) -> str:
    suffix = PurePath(path).suffix.lower()
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    if suffix in HTML_SUFFIXES:
        return "html"
    return "text"


def parse(text: str, path: str, fmt: str | None = None) -> Document:
    fmt = fmt or format_for(path)
    if fmt == "markdown":
        from .markdown import parse_markdown

        return parse_markdown(text, path)
    if fmt == "html":
        from .html import parse_html

        return parse_html(text, path)
    from .text import parse_text

    return parse_text(text, path)
