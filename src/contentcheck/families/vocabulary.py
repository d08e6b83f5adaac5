"""The config's rejected terms become one existence rule; accepted terms are filtered in the engine."""

from __future__ import annotations

from ..patterns import Matcher
from ..ruletypes import Rule
from ..ruletypes.existence import ExistenceRule


def vocabulary_rules(config) -> list[Rule]:
    if not config.reject:
        return []
    rule = ExistenceRule(
        id="vocabulary.rejected", category="style", severity="warning", pack="vocabulary",
        message="'{match}' is on this project's list of rejected terms.",
        description="A term listed under `vocabulary.reject` in the configuration.",
        why="House style: terms the publisher has decided never to use.",
        example="vocabulary: {reject: [breakthrough]}", better="Rephrase without the rejected term.",
        source=config.path,
    )
    rule.matcher = Matcher(config.reject, (), True, True, config.path, None)
    rule.exceptions = Matcher((), (), True, True)
    return [rule]
