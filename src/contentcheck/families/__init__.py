"""Rules written in Python, for what YAML cannot say. Each is a Rule with the same documentation fields."""

from __future__ import annotations

from ..ruletypes import Rule
from .meta import meta_rules
from .vocabulary import vocabulary_rules


def python_rules(config) -> list[Rule]:
    return meta_rules() + vocabulary_rules(config)
