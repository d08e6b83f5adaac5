"""Bugs the tangle of layers caused (issue 17), each through the real command line as a user meets it.
Each of these failed before the core was rebuilt."""

import ast
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
CLAIM = "Spinal decompression relieves back pain in most patients."


def run(*args, cwd):
    environment = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "contentcheck", *args], capture_output=True, text=True, cwd=cwd,
                          env=environment)


def findings(result) -> list[tuple[str, str, str]]:
    report = json.loads(result.stdout)
    return [(Path(f["path"]).name, finding["rule"], finding["text"])
            for f in report["files"] for finding in f["findings"]]


# 1. The results cache went stale when a data file a rule reads changed.
def test_cached_run_sees_a_claim_approved_in_the_library_since(tmp_path):
    (tmp_path / ".contentcheck.yaml").write_text("select: [claims]\nclaims_library: approved.yaml\n")
    (tmp_path / "approved.yaml").write_text(yaml.safe_dump({"claims": [
        {"text": "Walking helps most people sleep.", "references": ["Smith 2020"]}]}))
    (tmp_path / "a.md").write_text(f"# Back pain\n\n{CLAIM}\n")
    args = ("check", "a.md", "--format", "json")
    assert ("a.md", "claims.unsupported", CLAIM) in findings(run(*args, cwd=tmp_path))  # also fills the cache
    (tmp_path / "approved.yaml").write_text(yaml.safe_dump({"claims": [
        {"text": CLAIM, "references": ["Apfel CC et al. Spine J, 2010"]}]}))
    cached = run(*args, cwd=tmp_path)
    assert findings(cached) == [] and cached.returncode == 0
    assert findings(cached) == findings(run(*args, "--no-cache", cwd=tmp_path))


def test_cached_run_sees_a_word_added_to_a_rule_packs_data_file(tmp_path):
    """A pack's data file (here the claims vocabulary a house rule points at), not only its rule files."""
    house = tmp_path / "house"
    house.mkdir()
    vocabulary = (ROOT / "rules" / "claims" / "_vocabulary.yaml").read_text()
    (house / "_vocabulary.yaml").write_text(vocabulary)
    (house / "claims.yaml").write_text("extends: health-claim\ncategory: claim\nstrengths: [strong, absolute]\n"
                                       "message: 'Unsourced ({strength})'\n")
    (tmp_path / ".contentcheck.yaml").write_text("extra_packs: [house]\nselect: [house]\n")
    (tmp_path / "a.md").write_text("# Joints\n\nThis tea greases stiff joints overnight.\n")
    args = ("check", "a.md", "--format", "json")
    assert findings(run(*args, cwd=tmp_path)) == []  # "grease" is no effect verb yet
    data = yaml.safe_load(vocabulary)
    data["effect_verbs"].append("grease")  # a lemma: "greases" is found through it
    (house / "_vocabulary.yaml").write_text(yaml.safe_dump(data))
    assert findings(run(*args, cwd=tmp_path)) == [("a.md", "house.claims", "This tea greases stiff joints overnight.")]


# 2. --fix checked again with fewer options than the run had.
def _git(cwd, *args):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def test_fix_with_changed_since_reports_only_the_changed_files(tmp_path):
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "config", "user.email", "t@example.org")
    _git(tmp_path, "config", "user.name", "t")
    (tmp_path / "old.md").write_text("The best clinic in town.\n")
    (tmp_path / "edited.md").write_text("Rest helps.\n")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-qm", "start")
    (tmp_path / "edited.md").write_text("Knee pain affects many people. Rest helps. Knee pain affects many people.\n")
    result = run("check", ".", "--select", "duplicates,promotional", "--changed-since", "HEAD", "--fix",
                 "--format", "json", cwd=tmp_path)
    assert [Path(f["path"]).name for f in json.loads(result.stdout)["files"]] == ["edited.md"]
    assert (tmp_path / "edited.md").read_text() == "Knee pain affects many people. Rest helps.\n"
    assert result.returncode == 0 and "fixed 1 finding in" in result.stderr


def test_fix_with_a_baseline_keeps_the_baselined_findings_out(tmp_path):
    (tmp_path / "a.md").write_text("The best clinic in town.\n")
    assert run("check", ".", "--select", "duplicates,promotional", "--write-baseline", "base.json",
               cwd=tmp_path).returncode == 0
    pasted = "Rest helps your back heal."
    (tmp_path / "a.md").write_text(f"The best clinic in town.\n\n{pasted} {pasted}\n")
    result = run("check", ".", "--select", "duplicates,promotional", "--baseline", "base.json", "--fix",
                 "--format", "json", cwd=tmp_path)
    assert findings(result) == [] and result.returncode == 0, result.stdout
    assert (tmp_path / "a.md").read_text() == "The best clinic in town.\n\nRest helps your back heal.\n"


# 3. `scope:` was ignored by the rule types written in Python, and message placeholders were unchecked.
def test_scope_applies_to_rule_types_written_in_python(tmp_path):
    pasted = "Walking every day keeps your back strong and flexible."
    (tmp_path / "a.md").write_text(f"# Back care\n\n{pasted} Rest helps. {pasted}\n\n{CLAIM}\n")
    scoped = ("options:\n"
              "  duplicates.sentence: {scope: [heading]}\n"
              "  claims.unsupported: {scope: [heading]}\n"
              "  readability.hard-sentence: {scope: [heading]}\n")
    (tmp_path / ".contentcheck.yaml").write_text("select: [duplicates.sentence, claims.unsupported]\n")
    assert {rule for _, rule, _ in findings(run("check", "a.md", "--format", "json", cwd=tmp_path))} == {
        "duplicates.sentence", "claims.unsupported"}
    (tmp_path / ".contentcheck.yaml").write_text("select: [duplicates.sentence, claims.unsupported]\n" + scoped)
    assert findings(run("check", "a.md", "--format", "json", cwd=tmp_path)) == []


def test_scope_can_point_a_python_rule_type_at_other_blocks(tmp_path):
    """duplicates.sentence compares headings when told to (by default it compares running text only)."""
    heading = "Symptoms of the common cold in adults"
    (tmp_path / "a.md").write_text(f"## {heading}\n\nA cough.\n\n## {heading}\n\nA sore throat.\n")
    (tmp_path / ".contentcheck.yaml").write_text("select: [duplicates.sentence]\n"
                                                 "options:\n  duplicates.sentence: {scope: [heading]}\n")
    result = run("check", "a.md", "--format", "json", cwd=tmp_path)
    assert findings(result) == [("a.md", "duplicates.sentence", heading)]


def test_message_placeholder_with_a_typo_is_a_config_error(tmp_path):
    (tmp_path / "house").mkdir()
    (tmp_path / "house" / "miracle.yaml").write_text("extends: existence\ncategory: promotional\n"
                                                     "message: 'Avoid {mtach}'\ntokens: [miracle]\n")
    (tmp_path / ".contentcheck.yaml").write_text("extra_packs: [house]\n")
    (tmp_path / "a.md").write_text("A miracle cure.\n")
    result = run("check", "a.md", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == (f"error: {tmp_path}/house/miracle.yaml:3: message placeholder '{{mtach}}' is not "
                                     "one the existence rule type fills (it fills: {match}); did you mean '{match}'?")


# 4. Walking a folder skipped suffixes that naming the file directly accepted.
def test_folder_walk_checks_every_suffix_a_parser_claims(tmp_path):
    for name in ("a.mdown", "b.mkd", "c.xhtml", "d.text"):
        (tmp_path / name).write_text("The best clinic in town.\n")
    (tmp_path / "e.rst").write_text("The best clinic in town.\n")  # no parser claims .rst
    walked = findings(run("check", ".", "--select", "promotional.superlatives", "--format", "json", cwd=tmp_path))
    named = findings(run("check", "a.mdown", "b.mkd", "c.xhtml", "d.text", "--select", "promotional.superlatives",
                         "--format", "json", cwd=tmp_path))
    assert sorted(walked) == sorted(named) == [(name, "promotional.superlatives", "The best")
                                               for name in ("a.mdown", "b.mkd", "c.xhtml", "d.text")]


def test_pre_commit_hook_files_pattern_is_the_parsers_suffixes():
    from contentcheck.registry import suffix_pattern, suffixes

    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert hook["files"] == suffix_pattern(), "set files: in .pre-commit-hooks.yaml to registry.suffix_pattern()"
    pattern = re.compile(hook["files"])
    for suffix in suffixes():
        assert pattern.search(f"content/post{suffix}"), suffix
        assert pattern.search(f"content/post{suffix.upper()}"), suffix  # suffixes are matched in any case
    for other in (".rst", ".py", ".md.bak", ".yaml"):
        assert not pattern.search(f"content/post{other}"), other


# 5. The test command failed on a loaded machine: tests asserted on wall-clock time.
def test_no_test_asserts_on_wall_clock_time():
    """Speed targets live in benchmarks/; a timed assert in a unit test measures the machine's load."""
    clocks = {"time", "perf_counter", "monotonic", "process_time", "perf_counter_ns", "monotonic_ns", "time_ns"}
    offenders = []
    for path in sorted((ROOT / "tests").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Assert):
                for call in ast.walk(node.test):
                    if (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)
                            and call.func.attr in clocks):
                        offenders.append(f"{path.name}:{node.lineno}")
    assert offenders == []
