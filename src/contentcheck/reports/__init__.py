"""Formatters: each turns a Report into text for one audience. They read findings only.

A formatter returns its text whole, or (json, text) as an iterator of pieces, one file at a time, so
a run over tens of thousands of files never holds its whole report in memory."""

from __future__ import annotations

from .github import format_github
from .html import format_html
from .json import format_json
from .junit import format_junit
from .markdown import format_markdown
from .sarif import format_sarif
from .text import format_statistics, format_text

FORMATS = {"text": format_text, "json": format_json, "sarif": format_sarif, "github": format_github,
           "junit": format_junit, "markdown": format_markdown, "html": format_html}


def render(report, fmt: str, **options) -> str:
    """One format's whole text."""
    text = FORMATS[fmt](report, **options)
    return text if isinstance(text, str) else "".join(text)


__all__ = ["FORMATS", "format_text", "format_json", "format_statistics", "render"]
