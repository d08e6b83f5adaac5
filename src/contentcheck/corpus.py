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


@dataclass
class CorpusPayload:
    """What one file gives the corpus stage: each corpus rule's extract (packed, as `CorpusRule.pack`
    makes it) and where the file's suppression comments silence findings."""

    extracts: dict[str, Any]
    regions: list[Region] = field(default_factory=list)


class Corpus:
    """Files checked together, for rules that compare files."""

    def __init__(self) -> None:
        self.reducers: dict[str, Reducer] = {}
        self.regions: dict[int, list[Region]] = {}

    def add(self, file: int, path: str, payload: CorpusPayload, rules: dict[str, CorpusRule]) -> None:
        """One file's extracts, in file order; `rules` are the file's corpus rules by id (each file's
        config may set them differently; the first file's makes the rule's reducer)."""
        if payload.regions:
            self.regions[file] = payload.regions
        for rule_id, packed in payload.extracts.items():
            rule = rules[rule_id]
            if rule_id not in self.reducers:
                self.reducers[rule_id] = rule.reducer()
            self.reducers[rule_id].add(file, path, packed, rule)

    def findings(self) -> Iterator[tuple[int, list[Finding]]]:
        """(file index, findings) in file order, every reducer's findings for a file together."""
        streams = [reducer.findings() for reducer in self.reducers.values()]
        merged = heapq.merge(*streams, key=lambda item: item[0]) if len(streams) > 1 else chain(*streams)
        for file, items in groupby(merged, key=lambda item: item[0]):
            findings = [finding for _, found in items for finding in found]
            kept = [f for f in findings if not is_suppressed(f, self.regions.get(file, []))]
            if kept:
                yield file, kept

    def merge_into(self, results: Results) -> Iterator[tuple[int, list[Finding]]]:
        """Merge the findings into the results they belong to, yielding what was merged (for the
        cache) as it goes."""
        for file, findings in self.findings():
            add_findings(results, file, findings)
            yield file, findings


def add_findings(results: Results, file: int, findings: list[Finding]) -> None:
    """Add findings made after a file's own check to its result, in position order."""
    if isinstance(results, SpooledResults):
        results.add_findings(file, findings)  # kept beside the result, not a rewrite of it
    elif findings:
        result = results[file]
        result.add_findings(findings)
        results[file] = result  # counted as a write, so a tally taken before is not reused
