"""The closed set of rule types a YAML rule can `extend`, and the function that builds one."""

from __future__ import annotations

from ..errors import ConfigError
from .base import Rule
from .conditional import ConditionalRule
from .existence import ExistenceRule
from .metric import MetricRule
from .occurrence import OccurrenceRule
from .substitution import SubstitutionRule

RULE_TYPES: dict[str, type[Rule]] = {
    "existence": ExistenceRule,
    "substitution": SubstitutionRule,
    "occurrence": OccurrenceRule,
    "conditional": ConditionalRule,
    "metric": MetricRule,
}


def build_rule(data, path: str, pack: str, default_id: str) -> Rule:
    """Build a rule from one parsed YAML mapping; every problem names the file and line."""
    if not isinstance(data, dict):
        raise ConfigError("a rule file must be a mapping of fields", path, getattr(data, "line", 1))
    kind = data.get("extends")
    _register_family_types()
    if kind not in RULE_TYPES:
        from difflib import get_close_matches

        hint = get_close_matches(str(kind), RULE_TYPES, n=1)
        extra = f" (did you mean '{hint[0]}'?)" if hint else f" (one of: {', '.join(RULE_TYPES)})"
        raise ConfigError(f"unknown rule type 'extends: {kind}'{extra}", path, _line(data, "extends"))
    return RULE_TYPES[kind].from_yaml(data, path, pack, default_id)


def _register_family_types() -> None:
    """Rule types whose logic lives in families/ (imported late: they build on the types above)."""
    if "duplicate-sentence" in RULE_TYPES:
        return
    from ..families.claims import CitationsRule, HealthClaimRule
    from ..families.crossfile import CrossFileDuplicateRule
    from ..families.disclaimers import DisclaimerRule, DisclosureRule, RequiredElementsRule
    from ..families.grammar import LanguageToolRule
    from ..families.readability import ReadingLevelRule
    from ..families.spelling import SpellingRule
    from ..families.duplicates import (DuplicateParagraphRule, DuplicateSentenceRule, NearDuplicateSentenceRule,
                                       RepeatedClauseRule)

    for rule_type in (DuplicateSentenceRule, RepeatedClauseRule, NearDuplicateSentenceRule, DuplicateParagraphRule,
                      CrossFileDuplicateRule, HealthClaimRule, CitationsRule, DisclaimerRule, DisclosureRule,
                      RequiredElementsRule, ReadingLevelRule, SpellingRule, LanguageToolRule):
        RULE_TYPES[rule_type.kind] = rule_type


def _line(data, key: str) -> int | None:
    return data.line_of(key) if hasattr(data, "line_of") else None


__all__ = ["Rule", "RULE_TYPES", "build_rule"]
