"""Inline suppression comments in Markdown, HTML and text:

    <!-- contentcheck: disable=promotional.superlatives -->  ...  <!-- contentcheck: enable=... -->
    <!-- contentcheck: disable-next-line=ID[,ID] -->
A directive with no ids applies to every rule. A directive naming an unknown id is reported.
"""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from .document import Document
from .finding import UNKNOWN_ID_RULE, Finding

# matched against the stripped comment: a lazy `.*?` before `\s*$` on the raw one was quadratic in
# trailing spaces (a comment padded with 50,000 took 15 s)
_DIRECTIVE = re.compile(r"contentcheck\s*:\s*(disable-next-line|disable|enable)\s*(?:=\s*(\S.*))?", re.DOTALL)
ALL = "*"


@dataclass
class Region:
    rule: str
    start: int
    end: int
    to_end_of_file: bool = False  # an unclosed disable: it silences document-level findings too


def _next_nonblank_line(document: Document, offset: int) -> tuple[int, int]:
    line, _ = document.lines.position(offset)
    starts = document.lines.line_starts + [len(document.source) + 1]
    for index in range(line, len(starts) - 1):
        text = document.source[starts[index] : starts[index + 1] - 1]
        if text.strip():
            return starts[index], min(starts[index + 1], len(document.source) + 1)
    return len(document.source), len(document.source)


def find_regions(document: Document, known_ids: AbstractSet[str]) -> tuple[list[Region], list[Finding]]:
    regions: list[Region] = []
    problems: list[Finding] = []
    open_at: dict[str, int] = {}
    for start, end, body in sorted(document.comments):
        match = _DIRECTIVE.fullmatch(body.strip())
        if not match:
            continue
        action = match.group(1)
        ids = [i.strip() for i in (match.group(2) or "").split(",") if i.strip()] or [ALL]
        for rule_id in ids:
            if rule_id != ALL and rule_id not in known_ids:
                problems.append(Finding(UNKNOWN_ID_RULE, "style", "warning",
                                        f"suppression comment names unknown rule '{_shortened(rule_id)}'", start, end))
                continue
            if action == "disable-next-line":
                line_start, line_end = _next_nonblank_line(document, end)
                regions.append(Region(rule_id, line_start, line_end))
            elif action == "disable":
                open_at.setdefault(rule_id, end)
            elif rule_id in open_at:
                regions.append(Region(rule_id, open_at.pop(rule_id), start))
            elif rule_id == ALL:
                for other, opened in list(open_at.items()):
                    regions.append(Region(other, opened, start))
                open_at.clear()
    for rule_id, opened in open_at.items():
        regions.append(Region(rule_id, opened, len(document.source) + 1, to_end_of_file=True))
    return regions, problems


def is_suppressed(finding: Finding, regions: list[Region]) -> bool:
    for region in regions:
        if region.rule not in (ALL, finding.rule):
            continue
        if finding.start is None:
            if region.to_end_of_file:
                return True
        elif region.start <= finding.start < region.end:
            return True
    return False


def _shortened(rule_id: str) -> str:
    """A rule id as a message quotes it: a comment padded with thousands of spaces is not echoed whole."""
    rule_id = " ".join(rule_id.split())
    return rule_id if len(rule_id) <= 80 else rule_id[:77] + "..."
