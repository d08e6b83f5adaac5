"""What every rule has: identity, category, severity, message, scope and documentation, checked when
the rule is built from YAML; and the shape of corpus rules, which need every file of a run.

A rule type is a subclass with a `kind` (the YAML `extends`), its own fields (`TYPE_FIELDS`), the
placeholders its message may use and the blocks it reads by default; it registers itself with
`registry.rule_type`. The engine applies the common fields (scope, audience, suppressions,
severity), so a rule's `check` only looks at `document.blocks` and says what it found.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Hashable, Iterable, Iterator
from dataclasses import dataclass, field
from difflib import get_close_matches
from pathlib import Path
from typing import Any, ClassVar, TypeVar

from .document import DEFAULT_SCOPE, PROSE_KINDS, Block, BlockKind, Document
from .errors import ConfigError
from .finding import CATEGORIES, SEVERITIES, Finding

RuleT = TypeVar("RuleT", bound="Rule")

COMMON_FIELDS = {
    "extends": str, "id": str, "category": str, "severity": str, "message": str, "scope": (list, str),
    "link": str, "description": str, "example": str, "better": str, "why": str, "audiences": list, "genres": list,
    "genre_severity": dict, "yields_to": list, "public_body_severity": str,
}
_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
_SCOPE_WORDS = {"prose": PROSE_KINDS, "document": ()}  # "document": no blocks, for rules about metadata only


@dataclass
class Rule:
    id: str
    category: str
    severity: str
    message: str
    pack: str = ""
    scope: tuple[BlockKind, ...] = DEFAULT_SCOPE
    link: str | None = None
    description: str = ""
    why: str = ""
    example: str | None = None
    better: str | None = None
    source: str | None = None  # the YAML file it came from
    audiences: tuple[str, ...] = ()  # audiences the rule applies to; empty means every audience
    genres: tuple[str, ...] = ()  # genres the rule applies to (and articles of unknown genre); empty: every genre
    genre_severity: dict[str, str] = field(default_factory=dict)  # genre -> severity there (hype in news: info)
    yields_to: tuple[str, ...] = ()  # rule ids whose findings this rule's overlapping findings give way to
    # severity on a public health body's page, or "off" (publisher.py: its site carries the disclaimer)
    public_body_severity: str | None = None
    options: dict[str, Any] = field(default_factory=dict)
    data: dict | None = field(default=None, repr=False)  # the YAML it was built from, for config `options`
    data_files: tuple[str, ...] = ()  # files the rule reads (PATH_FIELDS), hashed into the results-cache key

    kind: ClassVar[str] = "python"
    TYPE_FIELDS: ClassVar[dict[str, Any]] = {}
    PATH_FIELDS: ClassVar[dict[str, str | None]] = {}  # field -> default file; relative to the file that sets it
    PLACEHOLDERS: ClassVar[frozenset[str]] = frozenset()  # what `message` may name in braces
    DEFAULT_SCOPE: ClassVar[tuple[BlockKind, ...]] = DEFAULT_SCOPE  # blocks the type reads unless `scope:` says
    SUGGESTS_REPLACEMENT: ClassVar[bool] = False  # a finding's suggestion is text to put in place of the match
    SKIP_REFERENCES: ClassVar[bool] = True  # a References section is cited titles, not the article's prose
    PACKAGES: ClassVar[tuple[str, ...]] = ()  # distributions whose data decides findings (their versions key the cache)
    SETTINGS: ClassVar[dict[str, str]] = {}  # field -> top-level config setting that fills it when the rule does not
    # field -> (lowest, highest) a number may be: a repository's config must not make a rule take
    # all the memory (num_perm: 200000000 asked numpy for 800 MB per paragraph)
    LIMITS: ClassVar[dict[str, tuple[float, float]]] = {}

    # --- building ----------------------------------------------------------------------------------
    @classmethod
    def from_yaml(cls, data: dict, path: str, pack: str, default_id: str) -> Rule:
        allowed = {**COMMON_FIELDS, **cls.TYPE_FIELDS}
        for key, value in data.items():
            if key not in allowed:
                hint = get_close_matches(str(key), allowed, n=1)
                suggestion = f"; did you mean '{hint[0]}'?" if hint else ""
                raise ConfigError(f"unknown field '{key}' for a {cls.kind} rule{suggestion}", path,
                                  field_line(data, key))
            expected = allowed[key]
            if value is not None and not isinstance(value, expected if isinstance(expected, tuple) else (expected,)):
                raise ConfigError(f"field '{key}' must be {_type_name(expected)}, not {type(value).__name__}", path,
                                  field_line(data, key))
            if key in cls.LIMITS and value is not None:
                lowest, highest = cls.LIMITS[key]
                if not lowest <= value <= highest:
                    raise ConfigError(f"field '{key}' must be between {lowest:g} and {highest:g}, not {value}", path,
                                      field_line(data, key))
        for required in ("category", "message"):
            if required not in data:
                raise ConfigError(f"a rule needs a '{required}' field", path, getattr(data, "line", None))
        category, severity = data["category"], data.get("severity", "warning")
        if category not in CATEGORIES:
            raise ConfigError(f"category '{category}' is not one of {', '.join(CATEGORIES)}", path,
                              field_line(data, "category"))
        if severity not in SEVERITIES:
            raise ConfigError(f"severity '{severity}' is not one of {', '.join(SEVERITIES)}", path,
                              field_line(data, "severity"))
        for genre, genre_severity in (data.get("genre_severity") or {}).items():
            if genre_severity not in SEVERITIES:
                raise ConfigError(f"genre_severity for '{genre}' is not one of {', '.join(SEVERITIES)}", path,
                                  field_line(data, "genre_severity"))
        if data.get("public_body_severity") not in (None, "off", *SEVERITIES):
            raise ConfigError(f"public_body_severity is not one of off, {', '.join(SEVERITIES)}", path,
                              field_line(data, "public_body_severity"))
        cls._check_placeholders(data["message"], path, field_line(data, "message"))
        rule = cls(
            id=data.get("id", default_id), category=category, severity=severity, message=data["message"],
            pack=pack, scope=_scope(data, cls.DEFAULT_SCOPE, path), link=data.get("link"),
            description=data.get("description", ""), why=data.get("why", ""), example=data.get("example"),
            better=data.get("better"), source=path,
            audiences=tuple(str(a).lower() for a in data.get("audiences") or ()),
            genres=tuple(str(g).lower() for g in data.get("genres") or ()),
            genre_severity={str(g).lower(): s for g, s in (data.get("genre_severity") or {}).items()},
            yields_to=tuple(str(r) for r in data.get("yields_to") or ()),
            public_body_severity=data.get("public_body_severity"),
            options={k: v for k, v in data.items() if k in cls.TYPE_FIELDS}, data=data,
            data_files=tuple(str(cls.data_path(data, path, name)) for name in cls.PATH_FIELDS
                             if data.get(name, cls.PATH_FIELDS[name]) is not None),
        )
        rule.prepare(data, path)
        return rule

    @classmethod
    def _check_placeholders(cls, message: str, path: str, line: int | None) -> None:
        for name in _PLACEHOLDER.findall(message):
            if name not in cls.PLACEHOLDERS:
                known = ", ".join("{" + p + "}" for p in sorted(cls.PLACEHOLDERS)) or "none"
                hint = get_close_matches(name, sorted(cls.PLACEHOLDERS), n=1)
                guess = f"; did you mean '{{{hint[0]}}}'?" if hint else ""
                raise ConfigError(f"message placeholder '{{{name}}}' is not one the {cls.kind} rule type fills "
                                  f"(it fills: {known}){guess}", path, line)

    @classmethod
    def data_path(cls, data: dict, path: str, name: str) -> Path:
        """The file a PATH_FIELDS field names, relative to the rule file (absolute when the config set it)."""
        return (Path(path).parent / str(data.get(name, cls.PATH_FIELDS[name]))).resolve()

    def prepare(self, data: dict, path: str) -> None:
        """Compile what the type needs; raise ConfigError naming the field's line."""

    def with_severity(self: RuleT, severity: str) -> RuleT:
        """A copy with another severity; compiled matchers are shared, not rebuilt."""
        rule = copy.copy(self)
        rule.severity = severity
        rule.genre_severity = {}  # a severity the config sets holds in every genre and for every publisher,
        if rule.public_body_severity != "off":  # but a rule that does not apply to a public body still does not
            rule.public_body_severity = None
        return rule

    @property
    def view_key(self) -> Hashable:
        """Which blocks the rule reads: rules with equal keys share one view of a document."""
        return self.scope, self.SKIP_REFERENCES

    # --- checking ----------------------------------------------------------------------------------
    def check(self, document: Document) -> Iterable[Finding]:
        """Findings in `document`, a view holding only the blocks of this rule's scope."""
        raise NotImplementedError

    def render(self, message: str | None = None, **values: object) -> str:
        """The message with each placeholder filled."""
        text = self.message if message is None else message
        for name, value in values.items():
            text = text.replace("{" + name + "}", str(value))
        return text

    def finding(self, message: str, start: int | None = None, end: int | None = None,
                suggestion: str | None = None, **extra: Any) -> Finding:
        fix = extra.pop("fix", None)
        return Finding(self.id, self.category, self.severity, message, start, end, suggestion, extra=extra, fix=fix)

    def match_finding(self, block: Block, start: int, end: int, suggestion: str | None = None,
                      message: str | None = None, **extra: Any) -> Finding:
        """A finding on block text [start, end), placed at its exact source offsets."""
        matched = block.text[start:end]
        text = self.render(message, match=matched).replace("%s", matched)
        if suggestion is not None:
            text = self.render(text, suggestion=suggestion)
        source_start, source_end = block.to_source(start, end)
        return self.finding(text, source_start, source_end, suggestion, **extra)


class CorpusRule(Rule):
    """A rule that compares the files of a run with each other. Its `check` reports nothing alone:
    `extract` takes what it needs from each file where the file is checked (a worker process, or the
    results cache), and a `Reducer` made by the first file's rule gets every file's extract in file
    order, then reports. Extracts travel pickled between processes and as JSON in the cache."""

    def check(self, document: Document) -> Iterable[Finding]:
        return ()

    def extract(self, document: Document) -> Any:
        raise NotImplementedError

    def pack_extract(self, extract: Any) -> Any:
        """The extract as it travels to the parent process (compact, cheap to unpickle)."""
        return extract

    def dump_extract(self, extract: Any) -> Any:
        """The extract as JSON-ready data for the results cache; `load_extract` reverses it."""
        raise NotImplementedError

    def load_extract(self, data: Any) -> Any:
        raise NotImplementedError

    def reducer(self) -> Reducer:
        raise NotImplementedError


class Reducer:
    """Gathers a corpus rule's extracts (packed), then yields (file index, findings) in file order."""

    def add(self, file: int, path: str, packed: Any, rule: CorpusRule) -> None:
        raise NotImplementedError

    def findings(self) -> Iterator[tuple[int, list[Finding]]]:
        raise NotImplementedError

    def templates(self) -> dict[int, list[tuple[int, int]]]:
        """Source spans, by file index, of text an earlier file carries too, shared so widely that it
        is a template: findings inside them are reported on the first copy only. None by default."""
        return {}


def _scope(data: dict, default: tuple[BlockKind, ...], path: str) -> tuple[BlockKind, ...]:
    scope = data.get("scope")
    if scope is None:
        return default
    kinds: list[BlockKind] = []
    for name in (scope,) if isinstance(scope, str) else scope:
        if name in _SCOPE_WORDS:
            kinds.extend(_SCOPE_WORDS[name])
            continue
        try:
            kinds.append(BlockKind(name))
        except ValueError:
            raise ConfigError(f"scope '{name}' is not one of {', '.join(k.value for k in PROSE_KINDS)}", path,
                              field_line(data, "scope")) from None
    return tuple(dict.fromkeys(kinds))


def _type_name(expected) -> str:
    names = {str: "a string", list: "a list", dict: "a mapping", int: "a whole number", float: "a number",
             bool: "true or false"}
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
