"""GitHub Actions workflow commands, one annotation per finding, escaped as the runner expects."""

from __future__ import annotations

from ..registry import report_format
from ..report import Report

LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


@report_format("github")
def format_github(report: Report, **_: object) -> str:
    lines = []
    for result in report.files:
        path = escape_property(result.path)
        if result.error:
            lines.append(f"::error file={path},title=contentcheck::{escape_data(result.error)}")
        for f in result.findings:
            props = f"file={path},line={f.line},col={f.column},endLine={f.end_line},endColumn={f.end_column}"
            message = f.message + (f" Suggestion: {f.suggestion}" if f.suggestion else "")
            lines.append(f"::{LEVELS[f.severity]} {props},title={escape_property(f.rule)}::{escape_data(message)}")
    for problem in report.problems:
        lines.append(f"::error title=contentcheck::{escape_data(problem)}")
    return "\n".join(lines) + ("\n" if lines else "")
