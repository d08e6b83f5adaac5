"""End to end through the real `python -m contentcheck` process, on the bundled samples."""

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from contentcheck import check_paths

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SCHEMA = json.loads((ROOT / "schema" / "contentcheck-report.schema.json").read_text())


def run(*args, cwd=None, stdin=None, env=None):
    environment = {**os.environ, "NO_COLOR": "", **(env or {})}
    return subprocess.run([sys.executable, "-m", "contentcheck", *args], cwd=cwd or ROOT, input=stdin,
                          capture_output=True, text=True, env=environment)


def test_samples_json_report_matches_schema_and_api():
    result = run("check", "samples", "--format", "json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    jsonschema.validate(report, SCHEMA)
    assert report["schema_version"] == 4 and report["tool"]["name"] == "contentcheck"
    api = check_paths(["samples"]).to_json()
    assert report["files"] == api["files"]
    for file in report["files"]:
        source = (ROOT / file["path"]).read_text(encoding="utf-8")
        for finding in file["findings"]:
            if finding["scope"] == "text":
                assert source[finding["start"]:finding["end"]] == finding["text"]


def test_clean_samples_exit_zero():
    result = run("check", "samples/back-pain-clean.md", "samples/hydration-clean.txt", "samples/sleep-and-screens.html")
    assert result.returncode == 0, result.stdout
    assert "No findings in 3 files." in result.stdout


def test_text_format_line_snippet_and_summary():
    result = run("check", "samples/spine-clinic-promo.md", "--select", "promotional.superlatives")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0] == ("samples/spine-clinic-promo.md:6:3: promotional.superlatives [warning] 'The best' is a "
                        "superlative claim; health content should not rank itself without evidence.")
    assert lines[2] == "6 | # The best chiropractic care in Springfield"
    assert lines[3] == "  |   ^^^^^^^^"
    assert lines[-1].startswith("Found 3 findings (0 errors, 3 warnings, 0 infos) in 1 file.")


def test_fail_on_and_exit_zero():
    infos_only = ["check", "samples/knee-clinic-blog.txt", "--select", "plain-language"]
    assert run(*infos_only).returncode == 0  # infos are below the default --fail-on warning
    assert run(*infos_only, "--fail-on", "info").returncode == 1
    assert run("check", "samples", "--exit-zero").returncode == 0
    assert run("check", "samples", "--fail-on", "none").returncode == 0


def test_bad_file_is_one_line_error_exit_2_and_other_files_still_checked(tmp_path):
    (tmp_path / "broken.md").write_bytes(b"---\ntitle: [x\n---\nText\n")
    (tmp_path / "image.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (tmp_path / "good.md").write_text("We are the best.\n")
    result = run("check", str(tmp_path), "--select", "promotional")
    assert result.returncode == 2
    errors = [line for line in result.stdout.splitlines() if line.startswith("error:")]
    assert errors == [f"error: {tmp_path}/broken.md:2: invalid YAML: did not find expected ',' or ']'",
                      f"error: {tmp_path}/image.md: file is binary, not text (an image, PDF, archive or similar)"]
    assert f"{tmp_path}/good.md:1:8: promotional.superlatives" in result.stdout


def test_missing_path_and_unknown_select_are_usage_errors():
    missing = run("check", "no/such/file.md")
    assert missing.returncode == 2 and "no/such/file.md: no such file or directory" in missing.stdout
    unknown = run("check", "samples", "--select", "promotionl")
    assert unknown.returncode == 2
    assert unknown.stderr.strip() == ("error: unknown rule id, pack or category 'promotionl' in select; "
                                      "did you mean 'promotional'?")
    option = run("check", "--format", "yaml")
    assert option.returncode == 2 and "Invalid value for '--format'" in option.stderr


def test_stdin_with_filename_picks_the_parser():
    result = run("check", "-", "--stdin-filename", "post.html", "--format", "json", "--select", "promotional",
                 stdin="<nav>Best deals</nav><p>Order now.</p>")
    files = json.loads(result.stdout)["files"]
    assert [(f["path"], [x["text"] for x in f["findings"]]) for f in files] == [("post.html", ["Order now"])]


def test_piped_html_without_a_name_is_read_as_html_not_as_text():
    page = ("<!-- saved from the CMS -->\n<!DOCTYPE html><html><head><title>Knee care</title></head><body>"
            "<nav>Best deals</nav><p>Walking helps stiff knees. Order now.</p></body></html>")
    result = run("check", "-", "--format", "json", "--select", "promotional,grammar.spelling", stdin=page)
    findings = json.loads(result.stdout)["files"][0]["findings"]
    assert [f["text"] for f in findings] == ["Order now"]  # no 'html', 'nav' or 'DOCTYPE' misspelt, no <nav>


def test_output_file_statistics_and_quiet(tmp_path):
    out = tmp_path / "report.json"
    assert run("check", "samples", "--format", "json", "--output", str(out)).returncode == 1
    assert json.loads(out.read_text())["summary"]["findings"] > 0
    stats = run("check", "samples/spine-clinic-promo.md", "--statistics", "--quiet", "--select", "promotional")
    assert stats.stdout.splitlines()[0].split() == ["7", "promotional.calls-to-action", "[warning]", "promotional"]
    assert " | " not in stats.stdout  # --quiet drops the source snippets


def test_colour_only_when_forced_and_never_with_no_color():
    assert "\x1b[" not in run("check", "samples").stdout
    assert "\x1b[" in run("check", "samples", env={"FORCE_COLOR": "1"}).stdout
    assert "\x1b[" not in run("check", "samples", env={"FORCE_COLOR": "1", "NO_COLOR": "1"}).stdout


def test_rules_list_and_explain():
    listing = run("rules")
    assert listing.returncode == 0 and "promotional.superlatives" in listing.stdout
    page = run("rules", "--explain", "plain-language.jargon")
    assert page.returncode == 0
    assert "## Why it matters" in page.stdout and "## Example" in page.stdout and "## Use instead" in page.stdout
    unknown = run("rules", "--explain", "plain-language.jargn")
    assert unknown.returncode == 2 and "did you mean 'plain-language.jargon'" in unknown.stderr


def test_init_writes_a_config_that_loads(tmp_path):
    assert run("init", cwd=tmp_path).returncode == 0
    assert run("init", cwd=tmp_path).returncode == 2  # refuses to overwrite
    (tmp_path / "post.md").write_text("Rest helps.\n")
    result = run("check", ".", cwd=tmp_path)
    assert result.returncode in (0, 1), result.stdout + result.stderr


def test_folder_walk_honours_gitignore_and_exclude(tmp_path):
    (tmp_path / ".gitignore").write_text("drafts/\n")
    for name in ("post.md", "drafts/old.md", "build/page.html", "notes.rst"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("The best.\n")
    result = run("check", str(tmp_path), "--exclude", "build/**", "--format", "json")
    paths = [f["path"] for f in json.loads(result.stdout)["files"]]
    assert paths == [f"{tmp_path}/post.md"]


@pytest.mark.parametrize("name", ["with space.md", "naïve-ünïcode.md"])
def test_unusual_file_names(tmp_path, name):
    (tmp_path / name).write_text("The best.\n")
    result = run("check", str(tmp_path / name), "--select", "promotional")
    assert result.returncode == 1 and f"{name}:1:1:" in result.stdout


def test_a_reader_that_stops_early_gets_no_traceback_and_the_exit_code_stands():
    """`contentcheck rules | grep -q ...` and `contentcheck check site/ | head`: the reader closes the
    pipe before the output ends (here `true`, which closes it before contentcheck has started)."""
    for command, code in (("rules", 0), ("check samples", 1)):
        shell = f"{sys.executable} -m contentcheck {command} | true; echo \"status=${{PIPESTATUS[0]}}\""
        done = subprocess.run(["bash", "-c", shell], capture_output=True, text=True, cwd=ROOT,
                              env={**os.environ, "NO_COLOR": ""})
        assert done.stdout.strip() == f"status={code}", (command, done.stdout, done.stderr)
        assert "Traceback" not in done.stderr and "Broken pipe" not in done.stderr


def test_audience_and_genre_from_the_command_line(tmp_path):
    (tmp_path / "a.md").write_text("The tablets should be taken with food.\n")
    patients = run("check", "a.md", "--select", "style.passive-voice", "--no-cache", cwd=tmp_path)
    general = run("check", "a.md", "--select", "style.passive-voice", "--audience", "general", "--no-cache",
                  cwd=tmp_path)
    assert patients.returncode == 0 and "should be taken" in patients.stdout  # info: below the warning gate
    assert "No findings in 1 file." in general.stdout
    report = json.loads(run("check", "a.md", "--genre", "News release", "--format", "json", "--no-cache",
                            cwd=tmp_path).stdout)
    assert report["files"][0]["facts"]["genre"] == "press-release"


def test_rules_lists_and_explains_what_the_config_makes_of_each_rule(tmp_path):
    (tmp_path / ".contentcheck.yaml").write_text("severity: {promotional.superlatives: error}\n"
                                                  "ignore: [style.passive-voice]\n")
    listing = run("rules", cwd=tmp_path).stdout.splitlines()
    assert next(line for line in listing if line.startswith("promotional.superlatives ")).split()[2] == "error"
    assert next(line for line in listing if line.startswith("style.passive-voice ")).split()[2] == "off"
    page = run("rules", "--explain", "promotional.superlatives", cwd=tmp_path).stdout
    assert "Default severity: warning" in page and "Your config: error" in page
    pack = run("rules", "--explain", "promotional", cwd=tmp_path).stdout
    assert pack.startswith("# promotional: 6 rules") and "promotional.superlatives     error" in pack


def test_the_summary_counts_in_the_singular_too(tmp_path):
    (tmp_path / "a.md").write_text("The best clinic.\n")
    result = run("check", "a.md", "--select", "promotional.superlatives", "--no-cache", cwd=tmp_path)
    assert result.stdout.splitlines()[-1] == "Found 1 finding (0 errors, 1 warning, 0 infos) in 1 file."
