"""Fingerprints that survive unrelated edits: the rule, the flagged text, the sentence around it, and
which repeat of that triple it is. Line numbers are left out, so adding a paragraph above a finding,
or a sentence beside it, does not make it look new (baselines, SARIF partialFingerprints)."""

from __future__ import annotations

import hashlib
import re

from .report import FileResult

_FIGURE = re.compile(r"\d+(?:[.,]\d+)*")
_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n\s*\n")


def _sentence_text(source: str, start: int, end: int) -> str:
    """The sentence (or paragraph piece) that holds [start, end), white space folded."""
    window_start = max(0, start - 400)
    before = [m.end() for m in _SENTENCE_END.finditer(source, window_start, start)]
    left = before[-1] if before else window_start
    after = _SENTENCE_END.search(source, end, end + 400)
    right = after.end() if after else min(len(source), end + 400)
    return " ".join(source[left:right].split())


def fingerprints(result: FileResult) -> list[str]:
    """One fingerprint per finding of the file, in the same order."""
    seen: dict[str, int] = {}
    prints = []
    for finding in result.findings:
        if finding.span is None:
            # the message names what is missing ("no disclaimer", "no author"), but its figures change
            # with every edit ("grade 14.4"): a figure is not part of what the finding is
            basis = f"{finding.rule}\x00document\x00{_FIGURE.sub('#', finding.message)}"
        else:
            text = " ".join((finding.text or "").split())
            basis = f"{finding.rule}\x00{text}\x00{_sentence_text(result.source, *finding.span)}"
        occurrence = seen.get(basis, 0)
        seen[basis] = occurrence + 1
        prints.append(hashlib.sha256(f"{basis}\x00{occurrence}".encode()).hexdigest()[:32])
    return prints
