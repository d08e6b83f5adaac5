"""The terminal report, shaped like ruff's and flake8's: `path:line:col: ID [severity] message`,
then the source line with the span underlined, then a summary."""

from __future__ import annotations

from collections.abc import Iterator

from ..registry import report_format
from ..report import Report, counted
from .escaping import terminal

_COLORS = {"error": "31", "warning": "33", "info": "36", "bold": "1", "dim": "2"}


def _paint(text: str, style: str, color: bool) -> str:
    return f"\x1b[{_COLORS[style]}m{text}\x1b[0m" if color else text


def _snippet(lines: list[str], finding, color: bool) -> list[str]:
    if finding.start is None or finding.line > len(lines):
        return []
    text = lines[finding.line - 1].expandtabs(1)
    if len(text) > 200:  # keep very long lines readable around the span
        offset = max(0, finding.column - 80)
        text, column = text[offset: offset + 200], finding.column - offset
    else:
        column = finding.column
    width = (finding.end_column - finding.column) if finding.end_line == finding.line else len(text) - column + 1
    gutter = str(finding.line)
    pad = " " * len(gutter)
    underline = " " * (column - 1) + _paint("^" * max(1, width), finding.severity, color)
    return [f"{pad} |", f"{gutter} | {terminal(text)}", f"{pad} | {underline}"]


def format_claims(result) -> list[str]:
    """The claims register as a plain table: line, strength, support, claim, references."""
    if not result.claims:
        return []
    lines = [f"Claims register: {terminal(result.path)}", "  line  strength  support   claim"]
    for claim in result.claims:
        text = terminal(" ".join(claim["text"].split()))
        text = text if len(text) <= 90 else text[:87] + "..."
        lines.append(f"  {claim['line']:>4}  {claim['strength']:<8}  {claim['support']:<8}  {text}")
        if claim["references"]:
            lines.append(f"{'':28}source: {terminal('; '.join(claim['references']))}")
    return lines + [""]


@report_format("text")
def format_text(report: Report, color: bool = False, quiet: bool = False, claims: bool = False,
                **_: object) -> Iterator[str]:
    """Lines per finding, then the summary; written one file at a time. What comes from the checked
    files (paths, messages quoting them, source lines) goes through `terminal`."""
    for result in report.files:
        out: list[str] = []
        path = terminal(result.path)
        if result.error:
            out.append(_paint("error: ", "error", color) + terminal(result.error))
        else:
            lines = result.source.splitlines() if result.findings and not quiet else []
            for finding in result.findings:
                where = _paint(f"{path}:{finding.line}:{finding.column}:", "bold", color)
                severity = _paint(f"[{finding.severity}]", finding.severity, color)
                out.append(f"{where} {terminal(finding.rule)} {severity} {terminal(finding.message)}")
                if not quiet:
                    out.extend(_snippet(lines, finding, color))
                    if finding.suggestion:
                        out.append(f"{' ' * len(str(finding.line))} = suggestion: {terminal(finding.suggestion)}")
                    out.append("")
            if claims:
                out.extend(format_claims(result))
        if out:
            yield "\n".join(out) + "\n"
    out = []
    for problem in report.problems:
        out.append(_paint("error: ", "error", color) + terminal(problem))
    for note in report.notes:
        out.append(_paint(f"note: {terminal(note)}", "dim", color))
    summary = report.summary()
    failed = summary["failed_files"]
    if summary["findings"]:
        line = (f"Found {summary['findings']} finding{'s' if summary['findings'] != 1 else ''} "
                f"({counted(summary['errors'], 'error')}, {counted(summary['warnings'], 'warning')}, "
                f"{counted(summary['infos'], 'info')}) "
                f"in {summary['files']} file{'s' if summary['files'] != 1 else ''}.")
    else:
        line = f"No findings in {summary['files']} file{'s' if summary['files'] != 1 else ''}."
    if failed:
        line += f" {failed} file{'s' if failed != 1 else ''} could not be checked."
    if report.baselined:
        line += f" {report.baselined} more in the baseline."
    out.append(_paint(line, "bold", color))
    yield "\n".join(out) + "\n"


def format_statistics(report: Report, color: bool = False, **_: object) -> str:
    rows = sorted(report.tally().by_rule.items(), key=lambda item: (-item[1], item[0]))
    width = max((len(str(n)) for _, n in rows), default=1)
    lines = [f"{n:>{width}}  {rule}  [{severity}] {category}" for (rule, severity, category), n in rows]
    return "\n".join(lines) + ("\n" if lines else "")
