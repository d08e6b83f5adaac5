"""Runs the rules over one document, then passes the findings through small filters in order:
accepted vocabulary, inline suppressions, duplicates, then position order."""

from __future__ import annotations

import traceback

from .document import Document
from .families.meta import INTERNAL_ERROR_RULE
from .finding import Finding
from .ruletypes import Rule
from .suppressions import find_regions, is_suppressed


def run_rules(document: Document, rules: list[Rule]) -> list[Finding]:
    from .families.readability import audience_of

    findings: list[Finding] = []
    audience = audience_of(document)
    for rule in rules:
        if rule.audiences and audience not in rule.audiences:
            continue
        try:
            findings.extend(rule.check(document))
        except Exception as exc:  # a crashing rule must not stop the others
            frame = traceback.extract_tb(exc.__traceback__)[-1]
            hint = f"{type(exc).__name__}: {exc} (at {frame.filename.rsplit('/', 1)[-1]}:{frame.lineno})"
            findings.append(Finding(INTERNAL_ERROR_RULE, "style", "error",
                                    f"rule {rule.id} crashed on this file: {hint}", extra={"crashed_rule": rule.id}))
    return findings


def drop_accepted(findings: list[Finding], document: Document, accepted: set[str]) -> list[Finding]:
    if not accepted:
        return findings
    return [f for f in findings if f.start is None or " ".join(document.source[f.start:f.end].lower().split()) not in accepted]


def drop_suppressed(findings: list[Finding], document: Document, known_ids: set[str]) -> list[Finding]:
    regions, problems = find_regions(document, known_ids)
    kept = [f for f in findings if not is_suppressed(f, regions)]
    return kept + problems


def drop_repeats(findings: list[Finding]) -> list[Finding]:
    seen = set()
    kept = []
    for finding in findings:
        key = (finding.rule, finding.start, finding.end, finding.message)
        if key not in seen:
            seen.add(key)
            kept.append(finding)
    return kept


def check_document(document: Document, rules: list[Rule], known_ids: set[str], accepted: set[str]) -> list[Finding]:
    findings = run_rules(document, rules)
    findings = drop_accepted(findings, document, accepted)
    findings = drop_suppressed(findings, document, known_ids)
    findings = drop_repeats(findings)
    findings.sort(key=Finding.sort_key)
    for finding in findings:
        finding.locate(document)
    return findings
