"""Results: one FileResult per checked file, gathered into a Report that formatters read."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

import orjson

from .finding import INTERNAL_ERROR_RULE, SEVERITY_RANK, Finding
from .version import __version__

# 2: claims carry coding, absolute, kind, support_kind and reported; 3: facts carry genre, genre_evidence, audience;
# 4: facts carry publisher ("public-body" or null) and publisher_evidence; cross-file findings may carry
# shared_passages
SCHEMA_VERSION = 4


@dataclass
class FileResult:
    path: str
    findings: list[Finding] = field(default_factory=list)
    claims: list[dict[str, Any]] = field(default_factory=list)
    metrics: dict[str, Any] = field(default_factory=dict)
    error: str | None = None  # the file could not be read, parsed or configured
    source: str = ""  # the decoded text, for formatters that quote lines
    notes: list[str] = field(default_factory=list)  # said once per run, e.g. "grammar: skipped ..."
    facts: dict[str, Any] = field(default_factory=dict)  # health_content, disclaimer, promoted_brand, disclosure
    fixed: int = 0  # fixes --fix wrote to the file (its findings are those of the fixed text)
    diff: str | None = None  # what --diff would change, as a unified diff

    @property
    def verdict(self) -> str:
        """ready, needs changes, or blocked (could not be checked, or an error-level finding)."""
        if self.error or any(f.severity == "error" for f in self.findings):
            return "blocked"
        return "needs changes" if any(f.severity == "warning" for f in self.findings) else "ready"

    def add_findings(self, findings: list[Finding]) -> None:
        """Findings made after the file's own check (cross-file ones), merged in position order."""
        if findings:
            self.findings = sorted(self.findings + findings, key=Finding.sort_key)

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "error": self.error,
            "findings": [f.to_json() for f in self.findings],
            "claims": self.claims,
            "metrics": self.metrics,
            "facts": self.facts,
        }


class Results(Protocol):
    """Per-file results as a run keeps them: a list, or a spool on disk that reads like one
    (spool.SpooledResults). What is appended may be a result already pickled by a worker."""

    def append(self, result: Any, /) -> None: ...
    def __getitem__(self, index: int, /) -> FileResult: ...
    def __setitem__(self, index: int, result: FileResult, /) -> None: ...
    def __len__(self) -> int: ...
    def __iter__(self) -> Iterator[FileResult]: ...


def in_memory() -> Results:
    results: list[Any] = []
    return results


@dataclass
class Tally:
    """Counts over every file's findings, taken in one pass (the results may sit on disk)."""

    files: int = 0
    failed_files: int = 0
    by_severity: Counter = field(default_factory=Counter)
    by_rule: Counter = field(default_factory=Counter)  # (rule, severity, category) -> count
    notes: list[str] = field(default_factory=list)  # each distinct note once, in first-seen order
    _seen_notes: set[str] = field(default_factory=set, repr=False)

    @property
    def findings(self) -> int:
        return sum(self.by_severity.values())

    def add(self, result: FileResult) -> None:
        self.failed_files += bool(result.error)
        for note in result.notes:
            if note not in self._seen_notes:
                self._seen_notes.add(note)
                self.notes.append(note)
        for f in result.findings:
            self.by_severity[f.severity] += 1
            self.by_rule[f.rule, f.severity, f.category] += 1


@dataclass
class Report:
    files: Results = field(default_factory=in_memory)
    problems: list[str] = field(default_factory=list)  # errors not tied to one file
    fail_on: str | None = None  # from the configuration, when it sets one
    rules: dict = field(default_factory=dict)  # id -> Rule for every rule that ran, for formats that document them
    baselined: int = 0  # findings left out because the baseline has them
    run_notes: list[str] = field(default_factory=list)  # notes of the run, not of one file (a link skipped)
    _tally: tuple | None = field(default=None, repr=False, compare=False)

    def tally(self) -> Tally:
        """Counts for the summary and exit code; reused while results that count their writes (spooled, or
        kept in memory by an unchanged re-run) stay unchanged."""
        version = getattr(self.files, "version", None)
        if version is not None and self._tally and self._tally[0] == version:
            return self._tally[1]
        tally = Tally(files=len(self.files))
        for result in self.files:
            tally.add(result)
        self._tally = (version, tally) if version is not None else None
        return tally

    @property
    def notes(self) -> list[str]:
        """Each distinct note from any file, once, in first-seen order."""
        return self.run_notes + self.tally().notes

    @property
    def findings(self) -> list[Finding]:
        """Every finding in memory at once: for the API and small runs; formats use `tally()`."""
        return [f for result in self.files for f in result.findings]

    @property
    def has_errors(self) -> bool:
        """True when any file or the configuration could not be fully checked (exit code 2)."""
        tally = self.tally()
        return bool(self.problems) or bool(tally.failed_files) or any(
            rule == INTERNAL_ERROR_RULE for rule, _, _ in tally.by_rule)

    def count(self, severity: str) -> int:
        return self.tally().by_severity[severity]

    def count_at_or_above(self, fail_on: str) -> int:
        threshold = SEVERITY_RANK[fail_on]
        return sum(n for severity, n in self.tally().by_severity.items() if SEVERITY_RANK[severity] >= threshold)

    def fails(self, fail_on: str) -> bool:
        return self.count_at_or_above(fail_on) > 0

    def summary(self, tally: Tally | None = None) -> dict[str, int]:
        """The report's summary counts, from `tally` when the caller has just taken one."""
        tally = tally or self.tally()
        return {
            "files": tally.files,
            "findings": tally.findings,
            "errors": tally.by_severity["error"],
            "warnings": tally.by_severity["warning"],
            "infos": tally.by_severity["info"],
            "failed_files": tally.failed_files,
        }

    def json_chunks(self) -> Iterator[str]:
        """The JSON report in pieces, one file at a time, so it never sits in memory whole."""
        head = {"schema_version": SCHEMA_VERSION, "tool": {"name": "contentcheck", "version": __version__}}
        yield _dump(head)[:-1] + ',"files":['
        version = getattr(self.files, "version", None)
        tally = Tally(files=len(self.files))  # the summary's counts, from the same pass over the results
        for i, result in enumerate(self.files):
            yield ("," if i else "") + _dump(result.to_json())
            tally.add(result)
        if version is not None and getattr(self.files, "version", None) == version:
            self._tally = (version, tally)
        tail = {"problems": list(self.problems), "notes": self.run_notes + tally.notes, "summary": self.summary(tally)}
        yield "]," + _dump(tail)[1:]

    def to_json(self) -> dict[str, Any]:
        """The JSON report as Python data (the API's view); `json_chunks` alone defines its shape."""
        return orjson.loads("".join(self.json_chunks()))


def _dump(data) -> str:
    """Compact JSON (use jq to read it), by orjson: 8x faster than json.dumps on a file's entry, which
    counted in the report of an unchanged re-run. json takes what orjson refuses: a file name that is
    not valid UTF-8 reaches Python with lone surrogates."""
    try:
        return orjson.dumps(data, option=orjson.OPT_NON_STR_KEYS).decode("utf-8")
    except TypeError:
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def counted(number: int, noun: str) -> str:
    """'1 warning', '3 warnings': the summary lines an editor reads."""
    return f"{number} {noun}{'' if number == 1 else 's'}"
