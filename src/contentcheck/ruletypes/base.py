"""What every rule has: identity, category, severity, message, scope and documentation."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from difflib import get_close_matches
from typing import Any, ClassVar, Iterable

from ..document import PROSE_KINDS, Block, Document
from ..errors import ConfigError
from ..finding import CATEGORIES, SEVERITIES, Finding

COMMON_FIELDS = {
    "extends": str, "id": str, "category": str, "severity": str, "message": str, "scope": (list, str),
    "link": str, "description": str, "example": str, "better": str, "why": str, "audiences": list,
}
DEFAULT_SCOPE = tuple(k for k in PROSE_KINDS if k not in ("alt", "title"))


@dataclass
class Rule:
    id: str
    category: str
    severity: str
    message: str
    pack: str = ""
    scope: tuple[str, ...] = DEFAULT_SCOPE
    link: str | None = None
    description: str = ""
    why: str = ""
    example: str | None = None
    better: str | None = None
    source: str | None = None  # the YAML file it came from
    audiences: tuple[str, ...] = ()  # audiences the rule applies to; empty means every audience
    options: dict[str, Any] = field(default_factory=dict)
    data: dict | None = field(default=None, repr=False)  # the YAML it was built from, for config `options`

    TYPE_FIELDS: ClassVar[dict[str, Any]] = {}
    PATH_FIELDS: ClassVar[dict[str, str | None]] = {}  # field -> default; relative to the file that sets it
    kind: ClassVar[str] = "python"

    # --- building ----------------------------------------------------------------------------------
    @classmethod
    def from_yaml(cls, data: dict, path: str, pack: str, default_id: str) -> "Rule":
        allowed = {**COMMON_FIELDS, **cls.TYPE_FIELDS}
        for key, value in data.items():
            line = data.line_of(key) if hasattr(data, "line_of") else None
            if key not in allowed:
                hint = get_close_matches(str(key), allowed, n=1)
                suggestion = f"; did you mean '{hint[0]}'?" if hint else ""
                raise ConfigError(f"unknown field '{key}' for a {cls.kind} rule{suggestion}", path, line)
            expected = allowed[key]
            if value is not None and not isinstance(value, expected if isinstance(expected, tuple) else (expected,)):
                raise ConfigError(f"field '{key}' must be {_type_name(expected)}, not {type(value).__name__}", path, line)
        for required in ("category", "message"):
            if required not in data:
                raise ConfigError(f"a rule needs a '{required}' field", path, getattr(data, "line", None))
        category, severity = data["category"], data.get("severity", "warning")
        if category not in CATEGORIES:
            raise ConfigError(f"category '{category}' is not one of {', '.join(CATEGORIES)}", path, data.line_of("category"))
        if severity not in SEVERITIES:
            raise ConfigError(f"severity '{severity}' is not one of {', '.join(SEVERITIES)}", path, data.line_of("severity"))
        scope = data.get("scope", DEFAULT_SCOPE)
        scope = (scope,) if isinstance(scope, str) else tuple(scope)
        for kind in scope:
            if kind not in PROSE_KINDS + ("prose", "document"):
                raise ConfigError(f"scope '{kind}' is not one of {', '.join(PROSE_KINDS)}", path, data.line_of("scope"))
        if "prose" in scope:
            scope = PROSE_KINDS
        rule = cls(
            id=data.get("id", default_id), category=category, severity=severity, message=data["message"],
            pack=pack, scope=scope, link=data.get("link"), description=data.get("description", ""),
            why=data.get("why", ""), example=data.get("example"), better=data.get("better"), source=path,
            audiences=tuple(str(a).lower() for a in data.get("audiences") or ()),
            options={k: v for k, v in data.items() if k in cls.TYPE_FIELDS}, data=data,
        )
        rule.prepare(data, path)
        return rule

    def prepare(self, data: dict, path: str) -> None:
        """Compile what the type needs; raise ConfigError naming the field's line."""

    def with_severity(self, severity: str) -> "Rule":
        """A copy with another severity; compiled matchers are shared, not rebuilt."""
        rule = copy.copy(self)
        rule.severity = severity
        return rule

    # --- checking ----------------------------------------------------------------------------------
    def check(self, document: Document) -> Iterable[Finding]:
        raise NotImplementedError

    def blocks(self, document: Document) -> list[Block]:
        """Blocks in this rule's scope; a References section is cited titles, not the article's prose."""
        references = document.reference_blocks()
        return [b for b in document.blocks if b.kind in self.scope and id(b) not in references]

    def finding(self, message: str, start: int | None = None, end: int | None = None,
                suggestion: str | None = None, **extra: Any) -> Finding:
        fix = extra.pop("fix", None)
        return Finding(self.id, self.category, self.severity, message, start, end, suggestion, extra=extra, fix=fix)

    def match_finding(self, block: Block, start: int, end: int, suggestion: str | None = None,
                      message: str | None = None, **extra: Any) -> Finding:
        """A finding on block text [start, end), placed at its exact source offsets."""
        matched = block.text[start:end]
        text = (message or self.message).replace("{match}", matched).replace("%s", matched)
        if suggestion is not None:
            text = text.replace("{suggestion}", suggestion)
        source_start, source_end = block.to_source(start, end)
        return self.finding(text, source_start, source_end, suggestion, **extra)


def _type_name(expected) -> str:
    names = {str: "a string", list: "a list", dict: "a mapping", int: "a whole number", float: "a number", bool: "true or false"}
    if isinstance(expected, tuple):
        return " or ".join(names.get(t, t.__name__) for t in expected)
    return names.get(expected, expected.__name__)


def field_line(data: dict, key: str) -> int | None:
    """The line of `key` in a YAML mapping, or None when the key is absent."""
    return data.line_of(key) if hasattr(data, "line_of") and key in data else None


def item_lines(data: dict, key: str) -> list[int | None]:
    """The line of each item of a YAML list field (for errors about one pattern)."""
    items = data.get(key) or []
    return [items.line_of(i) if hasattr(items, "line_of") else field_line(data, key) for i in range(len(items))]
