"""Fingerprints that survive unrelated edits: the rule, the flagged text, the text of its line, and
which repeat of that triple it is. Line numbers are left out, so adding a paragraph above a finding
does not make it look new (baselines, SARIF partialFingerprints)."""

from __future__ import annotations

import hashlib

from .report import FileResult


def _line_text(source: str, offset: int) -> str:
    start = source.rfind("\n", 0, offset) + 1
    end = source.find("\n", offset)
    return " ".join(source[start: end if end >= 0 else len(source)].split())


def fingerprints(result: FileResult) -> list[str]:
    """One fingerprint per finding of the file, in the same order."""
    seen: dict[str, int] = {}
    prints = []
    for finding in result.findings:
        if finding.start is None:
            basis = f"{finding.rule}\x00document\x00{finding.message}"
        else:
            text = " ".join((finding.text or "").split())
            basis = f"{finding.rule}\x00{text}\x00{_line_text(result.source, finding.start)}"
        occurrence = seen.get(basis, 0)
        seen[basis] = occurrence + 1
        prints.append(hashlib.sha256(f"{basis}\x00{occurrence}".encode("utf-8")).hexdigest()[:32])
    return prints
