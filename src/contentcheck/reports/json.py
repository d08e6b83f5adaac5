"""The JSON report: a public, versioned contract (schema/contentcheck-report.schema.json)."""

from __future__ import annotations

from collections.abc import Iterator

from ..registry import report_format
from ..report import Report


@report_format("json")
def format_json(report: Report, color: bool = False, **_: object) -> Iterator[str]:
    """Compact JSON on one line, written one file at a time (use jq to read it)."""
    yield from report.json_chunks()
    yield "\n"
