"""Every rule's must-flag and must-not-flag cases, as data in tests/rule_cases/*.yaml.

Adding a false-positive case is one YAML entry; the cases double as documentation.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from contentcheck import Config, check_text

SUFFIX = {"markdown": "md", "html": "html", "text": "txt"}


def _cases():
    for file in sorted((Path(__file__).parent / "rule_cases").glob("*.yaml")):
        for rule_id, cases in yaml.safe_load(file.read_text(encoding="utf-8")).items():
            for case in cases:
                yield pytest.param(rule_id, case, id=f"{rule_id}:{case['name']}")


@pytest.mark.parametrize("rule_id, case", list(_cases()))
def test_rule_case(rule_id, case, tmp_path):
    path = f"case.{SUFFIX[case.get('format', 'text')]}"
    config = Config(select=[rule_id], root=tmp_path)
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
    if "suggestions" in case:
        assert [f.suggestion for f in found] == case["suggestions"]


def test_every_rule_has_cases():
    covered = {param.values[0] for param in _cases()}
    # Cross-file rules need several files; tests/test_duplicates.py covers them.
    rule_ids = {r.id for r in Config().all_rules() if r.pack != "meta" and r.kind != "cross-file-duplicate"}
    assert rule_ids - covered == set(), "rules without must-flag / must-not-flag cases"
