"""The JSON report: a public, versioned contract (schema/contentcheck-report.schema.json)."""

from __future__ import annotations

import json

from ..report import Report


def format_json(report: Report, color: bool = False, **_: object) -> str:
    return json.dumps(report.to_json(), indent=2, ensure_ascii=False, sort_keys=False) + "\n"
