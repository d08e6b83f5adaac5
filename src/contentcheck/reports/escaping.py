"""Escaping for each medium a report is written to. Paths, messages and quoted text come from the
checked repository, so each writer makes them inert where they land: no terminal control sequence,
no GitHub workflow command on a line of its own, no raw HTML or @mention in a pull-request comment,
no character XML forbids."""

from __future__ import annotations

import re

# C0 and C1 controls (tab aside), and the bidirectional controls that reorder what a terminal shows
_TERMINAL_UNSAFE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def _visible(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal(text: str) -> str:
    """Control characters (escape sequences, newlines, bidi overrides) shown as \\x1b, \\u202e, ..."""
    return _TERMINAL_UNSAFE.sub(_visible, text)


def xml(text: str) -> str:
    """Characters XML 1.0 cannot hold at all, shown as \\x.. instead of making the file invalid."""
    return _XML_FORBIDDEN.sub(_visible, text)


def markdown(text: str) -> str:
    """Inert inline Markdown on one line: markup escaped, HTML as entities, @mentions broken with a
    zero-width space so nobody is notified."""
    text = " ".join(terminal(str(text)).split())
    text = text.replace("&", "&amp;")
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text).replace("@", "@\u200b")
