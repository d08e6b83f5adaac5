"""Findings: what a rule reports, with offsets into the decoded source."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .document import Document

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"info": 1, "warning": 2, "error": 3, "none": 4}
CATEGORIES = ("duplicate", "promotional", "claim", "disclaimer", "disclosure", "readability", "grammar", "style")
# The engine's own findings: a rule that crashed (the run exits 2), a suppression naming no rule.
INTERNAL_ERROR_RULE = "meta.internal-error"
UNKNOWN_ID_RULE = "meta.unknown-rule-id"


@dataclass
class Finding:
    rule: str
    category: str
    severity: str
    message: str
    start: int | None = None  # 0-based offset into the decoded text; None for a whole-document finding
    end: int | None = None
    suggestion: str | None = None
    line: int = 1
    column: int = 1
    end_line: int = 1
    end_column: int = 1
    text: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    fix: dict[str, Any] | None = None  # {"start", "end", "replacement"}: what --fix writes

    @property
    def scope(self) -> str:
        return "document" if self.start is None else "text"

    @property
    def span(self) -> tuple[int, int] | None:
        """(start, end) in the decoded text; None for a whole-document finding."""
        return None if self.start is None or self.end is None else (self.start, self.end)

    def locate(self, document: Document) -> None:
        """Fill line, column and text from the offsets; a document finding sits on line 1."""
        if self.span is None:
            self.line, self.column, self.end_line, self.end_column, self.text = 1, 1, 1, 1, None
            return
        start, end = self.span
        self.line, self.column = document.lines.position(start)
        self.end_line, self.end_column = document.lines.position(end)
        self.text = document.source[start:end]

    def sort_key(self) -> tuple:
        return (-1 if self.start is None else self.start, self.end or 0, self.rule, self.message)

    def to_json(self) -> dict[str, Any]:
        data = {
            "rule": self.rule,
            "category": self.category,
            "severity": self.severity,
            "message": self.message,
            "scope": self.scope,
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "text": self.text,
            "suggestion": self.suggestion,
            "fix": self.fix,
        }
        data.update(self.extra)
        return data
