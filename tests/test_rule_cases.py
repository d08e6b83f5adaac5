"""Every rule's must-flag and must-not-flag cases, as data in tests/rule_cases/*.yaml.

Adding a false-positive case is one YAML entry; the cases double as documentation. A case has:
  name, text, flags (the flagged text of each finding, in order; null for a whole-document finding)
and may add:
  format       markdown, html or text (the default)
  options      the rule's own fields for this case, as `options: {RULE: {...}}` in a config sets them
  messages     the message of each finding
  positions    [line, column] of each finding
  severity     the severity of every finding
  suggestions  the suggestion of each finding
  fixed        the text after --fix applies the findings' fixes (the rule fixes nothing unless given)
  claims_library  approved claims, as a claims library file holds them
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from contentcheck import Config, check_text
from contentcheck.fixes import apply_fixes

SUFFIX = {"markdown": "md", "html": "html", "text": "txt"}
KEYS = {"name", "text", "flags", "format", "options", "messages", "positions", "severity", "suggestions", "fixed",
        "claims_library"}


def _cases():
    for file in sorted((Path(__file__).parent / "rule_cases").glob("*.yaml")):
        for rule_id, cases in yaml.safe_load(file.read_text(encoding="utf-8")).items():
            for case in cases:
                yield pytest.param(rule_id, case, id=f"{rule_id}:{case['name']}")


CASES = list(_cases())


@pytest.mark.parametrize("rule_id, case", CASES)
def test_rule_case(rule_id, case, tmp_path):
    assert set(case) <= KEYS, f"unknown case keys: {set(case) - KEYS}"
    path = f"case.{SUFFIX[case.get('format', 'text')]}"
    config = Config(select=[rule_id], root=tmp_path, options={rule_id: case["options"]} if "options" in case else {})
    if "claims_library" in case:  # a case may carry its own approved-claims library
        (tmp_path / "approved.yaml").write_text(yaml.safe_dump({"claims": case["claims_library"]}))
        config.claims_library = "approved.yaml"
    result = check_text(case["text"], path=path, config=config)
    assert result.error is None
    found = [f for f in result.findings if f.rule == rule_id]
    assert [f.text for f in found] == case["flags"]
    for finding in found:
        if finding.start is not None:
            assert case["text"][finding.start:finding.end] == finding.text
    if "messages" in case:
        assert [f.message for f in found] == case["messages"]
    if "positions" in case:
        assert [[f.line, f.column] for f in found] == case["positions"]
    if "severity" in case:
        assert {f.severity for f in found} == {case["severity"]}
    if "suggestions" in case:
        assert [f.suggestion for f in found] == case["suggestions"]
    fixed, _ = apply_fixes(case["text"], found)
    assert fixed == case.get("fixed", case["text"]), "the fixes changed the text" if "fixed" not in case else ""


def _rules_with_single_file_cases() -> set[str]:
    """Cross-file rules need several files (tests/test_duplicates.py); meta rules are the engine's own."""
    return {r.id for r in Config().all_rules() if r.pack != "meta" and r.kind != "cross-file-duplicate"}


# LanguageTool finds nothing without a server; tests/test_grammar.py runs it against a stand-in server.
NEEDS_A_SERVER = {"grammar.languagetool"}


def test_every_rule_has_cases_that_flag_and_cases_that_do_not():
    flagging = {rule_id for rule_id, case in (p.values for p in CASES) if case["flags"]}
    clean = {rule_id for rule_id, case in (p.values for p in CASES) if not case["flags"]}
    assert _rules_with_single_file_cases() - NEEDS_A_SERVER - flagging == set(), "rules without a must-flag case"
    assert _rules_with_single_file_cases() - clean == set(), "rules without a must-not-flag case"


def test_every_rule_has_a_case_that_pins_its_message_and_position():
    pinned = {rule_id for rule_id, case in (p.values for p in CASES) if "messages" in case and "positions" in case}
    assert _rules_with_single_file_cases() - NEEDS_A_SERVER - pinned == set()


def test_every_rule_that_fixes_has_a_case_of_the_fixed_text():
    fixing = {r.id for r in Config().all_rules() if r.kind in ("duplicate-sentence", "repeated-clause")}
    with_fixed = {rule_id for rule_id, case in (p.values for p in CASES) if "fixed" in case}
    assert fixing - with_fixed == set()
