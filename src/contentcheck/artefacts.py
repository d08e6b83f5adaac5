"""What rules produce besides findings, typed: the claims register, facts about the page, notes
about the run and readability metrics. The engine hands them to the file's result."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any, Final


class _NotChecked:
    """A fact no rule has looked at (left out of the report), as opposed to one looked at and empty."""

    def __repr__(self) -> str:
        return "NOT_CHECKED"


NOT_CHECKED: Final = _NotChecked()


@dataclass
class Facts:
    """What the disclaimer and disclosure rules establish about a page."""

    health_content: bool | _NotChecked = NOT_CHECKED
    disclaimer: bool | _NotChecked = NOT_CHECKED
    promoted_brand: str | _NotChecked | None = NOT_CHECKED  # None: looked, and nothing is promoted
    disclosure: bool | _NotChecked = NOT_CHECKED

    def to_json(self) -> dict[str, Any]:
        return {f.name: value for f in fields(self) if (value := getattr(self, f.name)) is not NOT_CHECKED}


@dataclass
class ClaimRecord:
    """One entry of the claims register, as the report shows it."""

    text: str
    start: int
    end: int
    line: int
    column: int
    strength: str  # hedged, strong, absolute
    support: str  # cited (a reference or a named source), approved, uncited
    references: list[str] = field(default_factory=list)
    approved_text: str | None = None
    coding: str = "direct"  # correlational, conditional, direct: how strongly the relationship is worded
    absolute: bool = False  # promises certainty, totality, permanence, universal safety or speed
    kind: str = "efficacy"  # efficacy, safety, mechanism, comparative, prevention, risk, other
    support_kind: str = "none"  # cited (a reference a machine can find), attributed (named in words), approved, none
    reported: bool = False  # quoted or paraphrased to be criticised: not the publisher's own claim

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end, "line": self.line, "column": self.column,
                "strength": self.strength, "support": self.support, "references": self.references,
                "approved_text": self.approved_text, "coding": self.coding, "absolute": self.absolute,
                "kind": self.kind, "support_kind": self.support_kind, "reported": self.reported}


@dataclass
class Artefacts:
    claims: list[ClaimRecord] = field(default_factory=list)
    facts: Facts = field(default_factory=Facts)
    notes: list[str] = field(default_factory=list)
    metrics: dict[str, Any] = field(default_factory=dict)

    def note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)

    def add_claims(self, claims: list[ClaimRecord]) -> None:
        """Add to the register, once per sentence, in position order (claim rules with different
        scopes may find the same claim)."""
        known = {(c.start, c.end) for c in self.claims}
        fresh = [c for c in claims if (c.start, c.end) not in known]
        if fresh:
            self.claims = sorted(self.claims + fresh, key=lambda c: c.start) if self.claims else fresh
