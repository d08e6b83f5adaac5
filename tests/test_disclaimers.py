"""Disclaimers recognised by meaning, health content detection, placement, disclosure, house rules."""

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from contentcheck import Config, check_text
from contentcheck.families.disclaimers import DisclaimerModel, _disclaimer_model, _load
from contentcheck.packs import builtin_rules_dir

WORDINGS = yaml.safe_load((Path(__file__).parent / "disclaimer_wordings.yaml").read_text(encoding="utf-8"))
MODEL: DisclaimerModel = _load(str((builtin_rules_dir() / "disclaimers" / "_elements.yaml").resolve()),
                               _disclaimer_model)
HEALTH_BODY = ("Back pain is common. Most people get better with gentle exercise, heat and simple painkillers such as "
               "ibuprofen. The symptoms usually ease within a few weeks without any treatment.")


def test_wording_sets_are_large_enough():
    assert len(WORDINGS["accept"]) >= 25 and len(WORDINGS["reject"]) >= 15


@pytest.mark.parametrize("wording", WORDINGS["accept"])
def test_accepted_wording(wording):
    score, elements = MODEL.score(wording)
    assert score >= MODEL.threshold, elements
    result = check_text(f"{HEALTH_BODY}\n\n{wording}\n", "a.md", Config(select=["disclaimers.medical-disclaimer"]))
    assert result.findings == []


@pytest.mark.parametrize("wording", WORDINGS["reject"])
def test_rejected_wording(wording):
    score, elements = MODEL.score(wording)
    assert score < MODEL.threshold, elements
    result = check_text(f"{HEALTH_BODY}\n\n{wording}\n", "a.md", Config(select=["disclaimers.medical-disclaimer"]))
    assert [f.rule for f in result.findings] == ["disclaimers.medical-disclaimer"]


def test_missing_disclaimer_suggests_configured_text():
    [finding] = check_text(HEALTH_BODY, "a.txt", Config(select=["disclaimers.medical-disclaimer"])).findings
    assert finding.scope == "document"
    assert finding.suggestion.startswith("This article is for general information only.")


def test_placement_top_reports_a_disclaimer_at_the_bottom(tmp_path):
    (tmp_path / ".contentcheck.yaml").write_text(
        "select: [disclaimers]\noptions:\n  disclaimers.disclaimer-placement: {placement: top}\n")
    body = "\n\n".join([HEALTH_BODY] * 1 + [f"Paragraph {i} about stretching the back gently." for i in range(5)])
    (tmp_path / "a.md").write_text(body + "\n\nNothing on this page replaces a conversation with your GP.\n")
    from contentcheck import check_paths

    findings = check_paths([str(tmp_path / "a.md")]).findings
    assert [(f.rule, f.line) for f in findings] == [("disclaimers.disclaimer-placement", 13)]


def test_config_override_can_declare_health_content(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # outside git, configs are found up to the current folder
    (tmp_path / ".contentcheck.yaml").write_text(
        "select: [disclaimers.medical-disclaimer]\noverrides:\n  - files: ['clinic/**']\n    health: true\n")
    (tmp_path / "clinic").mkdir()
    (tmp_path / "clinic" / "opening-hours.md").write_text("We are open from nine until five.\n")
    (tmp_path / "opening-hours.md").write_text("We are open from nine until five.\n")
    from contentcheck import check_paths

    report = check_paths([str(tmp_path)])
    assert [(Path(r.path).parent.name, len(r.findings)) for r in report.files] == [
        (tmp_path.name, 0), ("clinic", 1)]


def test_required_elements_from_config(tmp_path):
    (tmp_path / ".contentcheck.yaml").write_text(
        "select: [disclaimers.required-elements]\n"
        "options:\n  disclaimers.required-elements: {require: [author, reviewer, last_reviewed, sources]}\n")
    (tmp_path / "a.md").write_text("---\nauthor: Priya\n---\n# Title\n\nText.\n\n## Sources\n\n1. A source.\n")
    from contentcheck import check_paths

    messages = [f.message for f in check_paths([str(tmp_path / "a.md")]).findings]
    assert messages == ["Missing a last-reviewed date: house rules ask every article to have one.",
                        "Missing a medical reviewer: house rules ask every article to have one."]


def test_own_products_from_config_need_disclosure(tmp_path):
    (tmp_path / ".contentcheck.yaml").write_text(
        "select: [disclaimers.sponsorship-disclosure]\n"
        "options:\n  disclaimers.sponsorship-disclosure: {products: [SpineAlign]}\n")
    (tmp_path / "a.md").write_text(f"{HEALTH_BODY} Many patients try SpineAlign for their back pain.\n")
    from contentcheck import check_paths

    [finding] = check_paths([str(tmp_path / "a.md")]).findings
    assert "'SpineAlign'" in finding.message and "one of your products" in finding.message


COMMERCIAL_WORDS = ["Order", "buy", "JointFlex", "now", "today", "online", "for", "$30", "25 dollars", "12.50 USD",
                    "free trial", "promo code", "money-back", "Sign up", "call", "us", "Contact", "the", "clinic",
                    "at", "www.example.com", "info@example.org", ".", "!", "?", "\n", ",", "30", "pounds"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(COMMERCIAL_WORDS), max_size=40))
def test_calls_to_action_and_prices_do_not_depend_on_an_accent_elsewhere(words):
    """Plain-ASCII pages take a faster path; a page that also holds an accented letter must give the
    same calls to action and prices."""
    from contentcheck.families.disclaimers import calls_to_action, prices

    text = " ".join(words)
    accented = text + " \n\nCafé"
    assert calls_to_action(accented) == calls_to_action(text)
    assert prices(accented) == prices(text)
    assert calls_to_action("Order JointFlex now for $30 today.") == ["Order JointFlex now for $30 today"]
    assert prices("Order JointFlex now for $30 today, or 25 dollars a month.") == ["$3", "25 dollars"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=60))
def test_health_density_counts_words_as_the_unicode_path_does(text):
    """ASCII pages count their words by a faster path; it must count what the regex counts."""
    import re

    from contentcheck.families.disclaimers import count_words

    assert count_words(text) == len(re.findall(r"[^\W_]+", text))
    assert count_words(text + " é") == count_words(text) + 1
