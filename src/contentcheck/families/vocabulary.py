"""The config's rejected terms become one existence rule; accepted terms are filtered in the engine."""

from __future__ import annotations

from ..ruletypes import Rule
from ..ruletypes.existence import ExistenceRule
from ..yamlload import LineDict


def vocabulary_rules(config) -> list[Rule]:
    if not config.reject:
        return []
    data = LineDict(
        extends="existence", category="style", severity="warning", tokens=list(config.reject),
        message="'{match}' is on this project's list of rejected terms.",
        description="A term listed under `vocabulary.reject` in the configuration.",
        why="House style: terms the publisher has decided never to use.",
        example="vocabulary: {reject: [breakthrough]}", better="Rephrase without the rejected term.",
    )
    data.key_lines = {}
    return [ExistenceRule.from_yaml(data, config.path or "<config>", "vocabulary", "vocabulary.rejected")]
