"""A public health body's page (a government agency, a national health service) needs no medical
disclaimer, sponsorship disclosure or inline claim references: its site footer carries the
disclaimer and its review stands behind the claims (issue 21). The same page from anyone else
still gets every finding."""

import html
import json
import re
import subprocess
import sys

import pytest

from contentcheck import Config, check_paths, check_text
from contentcheck.registry import render

BODY = ("# Shingles\n\n"
        "Shingles is caused by the same virus that causes chickenpox. A vaccine lowers your risk of shingles "
        "and of the nerve pain that can follow it. Antiviral medicines shorten an attack and ease the pain. "
        "Most people feel better within a few weeks. Talk to your doctor if the rash is near your eye.\n")
OWN_RULES = {"disclaimers.medical-disclaimer", "claims.unsupported", "claims.unsupported-hedged"}


def check(front_matter: str, config: Config | None = None):
    result = check_text(f"---\nhealth: true\ngenre: patient-info\n{front_matter}---\n{BODY}", "page.md",
                        config or Config())
    return result.facts, {f.rule for f in result.findings}, result.claims


@pytest.mark.parametrize("front_matter, evidence", [
    ('source: "https://www.nlm.nih.gov/medlineplus/shingles.html"\n', "published at www.nlm.nih.gov"),
    ("url: https://www.nhs.uk/conditions/shingles/\n", "published at www.nhs.uk"),
    ("canonical: https://www.canada.ca/en/public-health/services/diseases/shingles.html\n",
     "published at www.canada.ca"),
    ('publisher: "Ministry of Health, New Zealand"\n', "publisher 'Ministry of Health, New Zealand'"),
    ("public_body: true\n", "front matter"),
])
def test_a_public_body_page_needs_no_disclaimer_or_inline_references(front_matter, evidence):
    facts, rules, claims = check(front_matter)
    assert (facts["publisher"], facts["publisher_evidence"]) == ("public-body", [evidence])
    assert not rules & OWN_RULES
    assert claims  # the register still lists the page's claims for its editors


@pytest.mark.parametrize("front_matter", [
    "",
    "source: https://www.spineclinic-london.co.uk/shingles\n",
    "url: https://example.com/gov/shingles\n",  # 'gov' in the path, not the host
    "source: https://governmentsupplements.com/shingles\n",  # a shop whose name starts with 'government'
    'publisher: "Healthy Living Desk"\n',
    'source: "https://www.cdc.gov/shingles/"\npublic_body: false\n',  # the front matter says no
])
def test_anyone_else_still_needs_them(front_matter):
    facts, rules, _ = check(front_matter)
    assert facts["publisher"] is None
    assert {"disclaimers.medical-disclaimer", "claims.unsupported"} <= rules


def test_only_the_rules_that_say_so_change_on_a_public_body_page():
    _, private, _ = check("")
    _, public, _ = check("public_body: true\n")
    assert private - public == OWN_RULES & private
    assert public <= private


def test_config_sets_it_per_glob_and_the_front_matter_wins(tmp_path):
    (tmp_path / ".contentcheck.yaml").write_text("overrides:\n  - files: ['agency/**']\n    public_body: true\n")
    (tmp_path / "agency").mkdir()
    page = f"---\nhealth: true\ngenre: patient-info\n---\n{BODY}"
    (tmp_path / "agency" / "a.md").write_text(page)
    (tmp_path / "agency" / "b.md").write_text(page.replace("---\nhealth", "---\npublic_body: false\nhealth"))
    (tmp_path / "c.md").write_text(page)
    result = subprocess.run([sys.executable, "-m", "contentcheck", "check", ".", "--format", "json", "--no-cache"],
                            capture_output=True, text=True, cwd=tmp_path)
    by_name = {f["path"].split("/")[-1]: f for f in json.loads(result.stdout)["files"]}
    assert by_name["a.md"]["facts"]["publisher_evidence"] == ["configuration"]
    assert by_name["b.md"]["facts"]["publisher"] is None
    assert by_name["c.md"]["facts"]["publisher"] is None
    rules = {name: {f["rule"] for f in file["findings"]} for name, file in by_name.items()}
    assert "disclaimers.medical-disclaimer" not in rules["a.md"]
    assert "disclaimers.medical-disclaimer" in rules["b.md"] and "disclaimers.medical-disclaimer" in rules["c.md"]


def test_a_wrong_value_is_a_config_error_with_its_line(tmp_path):
    (tmp_path / ".contentcheck.yaml").write_text("fail_on: warning\npublic_body: yes please\n")
    (tmp_path / "a.md").write_text(BODY)
    result = subprocess.run([sys.executable, "-m", "contentcheck", "check", "a.md"], capture_output=True, text=True,
                            cwd=tmp_path)
    assert result.returncode == 2
    assert ".contentcheck.yaml:2" in result.stderr and "public_body" in result.stderr


def test_a_rule_of_ones_own_may_set_public_body_severity_and_a_bad_value_is_refused(tmp_path):
    pack = tmp_path / "house"
    pack.mkdir()
    (pack / "wellness.yaml").write_text("extends: existence\ncategory: style\nmessage: 'Avoid {match}.'\n"
                                        "tokens: [wellness]\npublic_body_severity: info\n")
    config_file = tmp_path / ".contentcheck.yaml"
    config_file.write_text("extra_packs: [house]\nselect: [house]\n")
    (tmp_path / "a.md").write_text("---\npublic_body: true\n---\nA wellness plan.\n")
    (tmp_path / "b.md").write_text("A wellness plan.\n")
    result = subprocess.run([sys.executable, "-m", "contentcheck", "check", ".", "--format", "json", "--no-cache"],
                            capture_output=True, text=True, cwd=tmp_path)
    severities = {f["path"].split("/")[-1]: [x["severity"] for x in f["findings"]]
                  for f in json.loads(result.stdout)["files"]}
    assert severities == {"a.md": ["info"], "b.md": ["warning"]}
    (pack / "wellness.yaml").write_text("extends: existence\ncategory: style\nmessage: 'Avoid {match}.'\n"
                                        "tokens: [wellness]\npublic_body_severity: quiet\n")
    result = subprocess.run([sys.executable, "-m", "contentcheck", "check", "b.md"], capture_output=True, text=True,
                            cwd=tmp_path)
    assert result.returncode == 2 and "wellness.yaml:5" in result.stderr and "public_body_severity" in result.stderr


def test_the_html_review_says_who_published_the_page(tmp_path):
    page = tmp_path / "page.html"
    page.write_text("<html><head><meta property='og:url' content='https://www.health.gov.au/topics/shingles'>"
                    f"</head><body><p>{BODY.splitlines()[2]}</p></body></html>")
    shown = html.unescape(re.sub(r"<[^>]+>", "", render(check_paths([str(page)]), "html")))
    assert "Published by a public body (published at www.health.gov.au)." in shown


def test_a_severity_set_in_the_config_does_not_bring_back_a_rule_that_is_off_for_public_bodies():
    config = Config(severity={"disclaimers.medical-disclaimer": "error", "readability.grade-level": "info"})
    _, rules, _ = check("public_body: true\n", config)
    assert "disclaimers.medical-disclaimer" not in rules
    _, private, _ = check("", config)
    assert "disclaimers.medical-disclaimer" in private
