"""Checks one document. The fields every rule has are applied here, for every rule type alike: a
rule runs only for the audiences it names, on a view of the document cut to its scope; a rule that
crashes becomes a finding; corpus rules hand over their extract. Then the findings pass through
small filters in order: findings that give way to another rule's, accepted vocabulary, inline
suppressions, repeats, position."""

from __future__ import annotations

import traceback
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from .document import Document
from .finding import INTERNAL_ERROR_RULE, Finding
from .metrics import document_metrics
from .publisher import PUBLIC_BODY
from .rule import CorpusRule, Rule
from .suppressions import Region, find_regions, is_suppressed

# No editor reads more than this many findings of one rule in one file; a page of 40,000 'best's made
# 80,000 findings (2.6 s, 300 MB). The rule stops there, and a note says so.
MAX_FINDINGS_PER_RULE = 1000


@dataclass
class Checked:
    """One document's findings, and what its corpus rules took from it (with where suppression
    comments silence findings, for the corpus rules' findings to come)."""

    findings: list[Finding]
    extracts: dict[str, Any] = field(default_factory=dict)  # corpus rule id -> its extract
    regions: list[Region] = field(default_factory=list)


def run_rules(document: Document, rules: Iterable[Rule], extract: bool = False) -> tuple[list[Finding], dict[str, Any]]:
    """Every rule that applies to the document's audience, each on its view; with `extract`, the
    corpus rules' extracts too."""
    findings: list[Finding] = []
    extracts: dict[str, Any] = {}
    views: dict[Hashable, Document] = {}
    audience, genre, publisher = document.audience, document.genre, document.publisher[0]
    for rule in rules:
        if rule.audiences and audience not in rule.audiences:
            continue
        if rule.genres and genre is not None and genre not in rule.genres:
            continue
        view = views.get(rule.view_key)
        if view is None:
            view = views[rule.view_key] = document.in_scope(rule.scope, rule.SKIP_REFERENCES)
        try:
            found = list(islice(rule.check(view), MAX_FINDINGS_PER_RULE + 1))
            if len(found) > MAX_FINDINGS_PER_RULE:
                found.pop()
                document.note(f"{rule.id}: only the first {MAX_FINDINGS_PER_RULE:,} findings in {document.path} "
                              "are reported")
            severity = severity_here(rule, publisher, genre)
            if severity == "off":
                found = []  # the rule still ran: what it records (the claims register) stays in the report
            elif severity:
                for finding in found:
                    finding.severity = severity
            findings.extend(found)
            if extract and isinstance(rule, CorpusRule):
                extracts[rule.id] = rule.extract(view)
        except Exception as exc:  # a crashing rule must not stop the others
            findings.append(_crash(rule, exc))
    return findings, extracts


def severity_here(rule: Rule, publisher: str | None, genre: str | None) -> str | None:
    """The severity the rule's findings take in a document of this publisher and genre, "off" for
    none, or None to keep each finding's own."""
    if rule.public_body_severity and publisher == PUBLIC_BODY:
        return rule.public_body_severity
    return rule.genre_severity.get(genre or "")


def _crash(rule: Rule, exc: Exception) -> Finding:
    frame = traceback.extract_tb(exc.__traceback__)[-1]
    hint = f"{type(exc).__name__}: {exc} (at {frame.filename.rsplit('/', 1)[-1]}:{frame.lineno})"
    return Finding(INTERNAL_ERROR_RULE, "style", "error", f"rule {rule.id} crashed on this file: {hint}",
                   extra={"crashed_rule": rule.id})


def drop_yielded(findings: list[Finding], rules: Iterable[Rule]) -> list[Finding]:
    """A rule that `yields_to` others drops each finding that overlaps one of theirs: one sentence, one
    readability finding (the long-sentence rule's, not also the hard-sentence rule's)."""
    yielding = {rule.id: rule.yields_to for rule in rules if rule.yields_to}
    if not yielding:
        return findings
    spans: dict[str, list[tuple[int, int]]] = {}
    for finding in findings:
        if finding.span is not None:
            spans.setdefault(finding.rule, []).append(finding.span)

    def gives_way(finding: Finding) -> bool:
        if finding.rule not in yielding or finding.span is None:
            return False
        start, end = finding.span
        return any(s < end and start < e for other in yielding[finding.rule] for s, e in spans.get(other, ()))

    return [finding for finding in findings if not gives_way(finding)]


def drop_accepted(findings: list[Finding], document: Document, accepted: frozenset[str]) -> list[Finding]:
    if not accepted:
        return findings
    return [f for f in findings
            if f.start is None or " ".join(document.source[f.start:f.end].lower().split()) not in accepted]


def drop_suppressed(findings: list[Finding], regions: list[Region]) -> list[Finding]:
    return [f for f in findings if not is_suppressed(f, regions)] if regions else findings


def drop_repeats(findings: list[Finding]) -> list[Finding]:
    seen = set()
    kept = []
    for finding in findings:
        key = (finding.rule, finding.start, finding.end, finding.message)
        if key not in seen:
            seen.add(key)
            kept.append(finding)
    return kept


def check_document(document: Document, rules: Iterable[Rule], known_ids: frozenset[str],
                   accepted: frozenset[str], extract: bool = False) -> Checked:
    """Run the rules, filter and order their findings, fill in lines and columns, and measure the
    document's readability for the report."""
    rules = list(rules)
    findings, extracts = run_rules(document, rules, extract)
    findings = drop_yielded(findings, rules)
    regions, problems = find_regions(document, known_ids)
    findings = drop_accepted(findings, document, accepted)
    findings = drop_suppressed(findings, regions) + problems
    findings = drop_repeats(findings)
    findings.sort(key=Finding.sort_key)
    for finding in findings:
        finding.locate(document)
    document.artefacts.metrics = document_metrics(document)
    return Checked(findings, extracts, regions)
