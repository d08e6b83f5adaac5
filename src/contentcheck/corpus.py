"""The corpus stage of a run: every file's corpus-rule extracts go, in file order, to one reducer per
rule; once all are in, their findings (suppression comments applied) are merged into the results of
the files they belong to. No rule is named here: any CorpusRule works the same way."""

from __future__ import annotations

import heapq
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import chain, groupby
from typing import Any

from .finding import Finding
from .report import Results
from .rule import CorpusRule, Reducer
from .spool import SpooledResults
from .suppressions import Region, is_suppressed

Span = tuple[int, int]


@dataclass
class CorpusPayload:
    """What one file gives the corpus stage: each corpus rule's extract (packed, as `CorpusRule.pack`
    makes it), where the file's suppression comments silence findings, and the severity a corpus
    rule's findings take in this file when its publisher or genre sets one ("off": none)."""

    extracts: dict[str, Any]
    regions: list[Region] = field(default_factory=list)
    severities: dict[str, str] = field(default_factory=dict)


class Corpus:
    """Files checked together, for rules that compare files."""

    def __init__(self) -> None:
        self.reducers: dict[str, Reducer] = {}
        self.regions: dict[int, list[Region]] = {}
        self.severities: dict[int, dict[str, str]] = {}  # file -> rule id -> severity there

    def add(self, file: int, path: str, payload: CorpusPayload, rules: dict[str, CorpusRule]) -> None:
        """One file's extracts, in file order; `rules` are the file's corpus rules by id (each file's
        config may set them differently; the first file's makes the rule's reducer)."""
        if payload.regions:
            self.regions[file] = payload.regions
        if payload.severities:
            self.severities[file] = payload.severities
        for rule_id, packed in payload.extracts.items():
            rule = rules[rule_id]
            if rule_id not in self.reducers:
                self.reducers[rule_id] = rule.reducer()
            self.reducers[rule_id].add(file, path, packed, rule)

    def findings(self) -> Iterator[tuple[int, list[Finding], list[Span]]]:
        """(file index, findings, template spans) in file order: every reducer's findings for a file
        together, and the spans of text the file shares with so many earlier files that it is a
        template, whose findings were reported on the first copy."""
        templates: dict[int, list[Span]] = {}
        for reducer in self.reducers.values():
            for file, spans in reducer.templates().items():
                templates.setdefault(file, []).extend(spans)
        streams = [reducer.findings() for reducer in self.reducers.values()]
        merged = heapq.merge(*streams, key=lambda item: item[0]) if len(streams) > 1 else chain(*streams)
        with_templates = heapq.merge(((file, []) for file in sorted(templates)), merged, key=lambda item: item[0])
        for file, items in groupby(with_templates, key=lambda item: item[0]):
            findings = self._at_file_severity(file, [finding for _, found in items for finding in found])
            kept = [f for f in findings if not is_suppressed(f, self.regions.get(file, []))]
            spans = templates.get(file, [])
            if kept or spans:
                yield file, kept, spans

    def _at_file_severity(self, file: int, findings: list[Finding]) -> list[Finding]:
        """The findings at the severity their rule takes in this file; none of a rule that is off there."""
        severities = self.severities.get(file)
        if not severities:
            return findings
        kept = []
        for finding in findings:
            severity = severities.get(finding.rule)
            if severity != "off":
                if severity:
                    finding.severity = severity
                kept.append(finding)
        return kept

    def merge_into(self, results: Results) -> Iterator[tuple[int, list[Finding], list[Span]]]:
        """Merge the findings into the results they belong to, and drop those inside template text,
        yielding what was merged (for the cache) as it goes."""
        for file, findings, spans in self.findings():
            merge_corpus_findings(results, file, findings, spans)
            yield file, findings, spans


def merge_corpus_findings(results: Results, file: int, findings: list[Finding], spans: list[Span]) -> None:
    """Drop the file's findings inside template spans, then add the corpus findings."""
    if spans:
        result = results[file]
        kept = outside_templates(result.findings, spans)
        if len(kept) < len(result.findings):
            result.findings = kept
            results[file] = result
    add_findings(results, file, findings)


def outside_templates(findings: list[Finding], spans: list[Span]) -> list[Finding]:
    """The findings not inside any of the spans (a whole-document finding is inside none)."""
    if not spans:
        return findings
    return [f for f in findings
            if f.start is None or f.end is None or not any(s <= f.start and f.end <= e for s, e in spans)]


def add_findings(results: Results, file: int, findings: list[Finding]) -> None:
    """Add findings made after a file's own check to its result, in position order."""
    if isinstance(results, SpooledResults):
        results.add_findings(file, findings)  # kept beside the result, not a rewrite of it
    elif findings:
        result = results[file]
        result.add_findings(findings)
        results[file] = result  # counted as a write, so a tally taken before is not reused
