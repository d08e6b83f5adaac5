"""A Markdown summary for a pull-request comment: counts by file and category, the top findings,
and the claims that still need a source."""

from __future__ import annotations

from collections import Counter

from ..finding import CATEGORIES, SEVERITY_RANK
from ..registry import report_format
from ..report import Report, counted
from .escaping import markdown


def _cell(text) -> str:
    return markdown(str(text))


@report_format("markdown")
def format_markdown(report: Report, top: int = 20, **_: object) -> str:
    summary = report.summary()
    out = ["## contentcheck", "",
           f"**{counted(summary['findings'], 'finding')}** ({counted(summary['errors'], 'error')}, "
           f"{counted(summary['warnings'], 'warning')}, {counted(summary['infos'], 'info')}) in "
           f"{counted(summary['files'], 'file')}."]
    if summary["failed_files"]:
        out.append(f"{summary['failed_files']} file(s) could not be checked.")
    categories = {category for _, _, category in report.tally().by_rule}
    used = [c for c in CATEGORIES if c in categories]
    if report.files and used:
        out += ["", "| file | " + " | ".join(used) + " |", "|---|" + "---:|" * len(used)]
        for result in report.files:
            counts = Counter(f.category for f in result.findings)
            if counts:
                out.append(f"| {_cell(result.path)} | " + " | ".join(str(counts.get(c, 0)) for c in used) + " |")
    ranked = sorted(((r, f) for r in report.files for f in r.findings),
                    key=lambda rf: (-SEVERITY_RANK[rf[1].severity], rf[0].path, rf[1].sort_key()))
    if ranked:
        out += ["", "### Top findings", "", "| severity | where | rule | message |", "|---|---|---|---|"]
        for result, f in ranked[:top]:
            out.append(f"| {f.severity} | {_cell(result.path)}:{f.line} | {_cell(f.rule)} | {_cell(f.message)} |")
        if len(ranked) > top:
            out.append(f"\n…and {len(ranked) - top} more.")
    uncited = [(r, c) for r in report.files for c in r.claims if c.get("support") == "uncited"]
    if uncited:
        out += ["", "### Claims needing a source", "", "| where | strength | claim |", "|---|---|---|"]
        for result, claim in uncited:
            where = f"{_cell(result.path)}:{_cell(claim['line'])}"
            out.append(f"| {where} | {_cell(claim['strength'])} | {_cell(claim['text'])} |")
    for note in report.notes:
        out += ["", f"> note: {_cell(note)}"]
    return "\n".join(out) + "\n"
