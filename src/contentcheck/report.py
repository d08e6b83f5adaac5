"""Results: one FileResult per checked file, gathered into a Report that formatters read."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from . import __version__
from .finding import SEVERITY_RANK, Finding

SCHEMA_VERSION = 1


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
    stable_ids: list[str] | None = None  # fingerprints, kept when the source text is dropped to save memory

    def drop_source(self) -> None:
        """Free the text of a checked file (formats that quote it keep it); fingerprints are kept."""
        from .fingerprints import fingerprints

        self.stable_ids = fingerprints(self)
        self.source = ""

    @property
    def verdict(self) -> str:
        """ready, needs changes, or blocked (could not be checked, or an error-level finding)."""
        if self.error or any(f.severity == "error" for f in self.findings):
            return "blocked"
        return "needs changes" if any(f.severity == "warning" for f in self.findings) else "ready"

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "error": self.error,
            "findings": [f.to_json() for f in self.findings],
            "claims": self.claims,
            "metrics": self.metrics,
            "facts": self.facts,
        }


@dataclass
class Report:
    files: list[FileResult] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # errors not tied to one file
    fail_on: str | None = None  # from the configuration, when it sets one
    rules: dict = field(default_factory=dict)  # id -> Rule for every rule that ran, for formats that document them
    baselined: int = 0  # findings left out because the baseline has them

    @property
    def notes(self) -> list[str]:
        """Each distinct note from any file, once, in first-seen order."""
        return list(dict.fromkeys(note for result in self.files for note in result.notes))

    @property
    def findings(self) -> list[Finding]:
        return [f for result in self.files for f in result.findings]

    @property
    def has_errors(self) -> bool:
        """True when any file or the configuration could not be fully checked (exit code 2)."""
        return bool(self.problems) or any(r.error for r in self.files) or any(
            f.rule == "meta.internal-error" for f in self.findings)

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def count_at_or_above(self, fail_on: str) -> int:
        threshold = SEVERITY_RANK[fail_on]
        return sum(1 for f in self.findings if SEVERITY_RANK[f.severity] >= threshold)

    def fails(self, fail_on: str) -> bool:
        threshold = SEVERITY_RANK[fail_on]
        return any(SEVERITY_RANK[f.severity] >= threshold for f in self.findings)

    def summary(self) -> dict[str, int]:
        return {
            "files": len(self.files),
            "findings": len(self.findings),
            "errors": self.count("error"),
            "warnings": self.count("warning"),
            "infos": self.count("info"),
            "failed_files": sum(1 for r in self.files if r.error),
        }

    def to_json(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "tool": {"name": "contentcheck", "version": __version__},
            "files": [r.to_json() for r in self.files],
            "problems": list(self.problems),
            "notes": self.notes,
            "summary": self.summary(),
        }
