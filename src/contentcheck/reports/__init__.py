"""Formatters: each turns a Report into text for one audience. They read findings only."""

from __future__ import annotations

from .json import format_json
from .text import format_statistics, format_text

FORMATS = {"text": format_text, "json": format_json}

__all__ = ["FORMATS", "format_text", "format_json", "format_statistics"]
