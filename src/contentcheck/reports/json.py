"""The JSON report: a public, versioned contract (schema/contentcheck-report.schema.json)."""

from __future__ import annotations

import json

from ..report import Report


def format_json(report: Report, color: bool = False, **_: object) -> str:
    """Compact JSON, one line: the C encoder is ~10x faster than an indented dump (use jq to read it)."""
    return json.dumps(report.to_json(), ensure_ascii=False, separators=(",", ":")) + "\n"
