"""Every rule is documented like a ruff rule, and its own example and fix behave as documented."""

import pytest

from contentcheck import Config, check_text
from contentcheck.explain import explain

RULES = Config().all_rules()
TEXT_RULES = [r for r in RULES if r.kind in ("existence", "substitution", "conditional")]


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_has_documentation(rule):
    assert rule.description and rule.why and rule.example and rule.better
    page = explain(rule.id, RULES)
    assert f"# {rule.id}" in page and "## Why it matters" in page and "## Use instead" in page


@pytest.mark.parametrize("rule", TEXT_RULES, ids=lambda r: r.id)
def test_example_is_flagged_and_better_is_not(rule):
    config = Config(select=[rule.id])
    assert [f for f in check_text(rule.example, "a.txt", config).findings if f.rule == rule.id]
    assert not [f for f in check_text(rule.better, "a.txt", config).findings if f.rule == rule.id]
