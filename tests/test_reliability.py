"""Hostile input: every bad file is one line naming the file (and line), exit 2, the rest still
checked; a crashing rule is a finding, not a crash; --fix never loses text."""

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from contentcheck import Config, check_text
from contentcheck.errors import InputError
from contentcheck.fixes import apply_fixes, write_atomically

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from bad_inputs import make_bad_inputs

EXPECTED = {
    "PNG image named .md": "file is binary, not text",
    "PDF named .md": "file is binary, not text",
    "ZIP renamed .md": "file is binary, not text",
    "invalid UTF-8": ":1: file is not valid UTF-8 (byte 0xe9 at offset 3)",
    "UTF-16 with BOM": "file is UTF-16",
    "NUL byte inside text": ":3: file contains a NUL byte at offset 12009",
    "50 MB Markdown (default limit 10 MB)": "over the limit of 10,485,760 (set max_file_size to raise it)",
    "file that disappears before reading": "no such file or directory",
    "a named pipe called .md (would block a naive reader)": "is not a regular file",
}


@pytest.fixture(scope="module")
def bad_inputs(tmp_path_factory):
    return make_bad_inputs(tmp_path_factory.mktemp("bad") / "in")


def run(*args, timeout=120):
    return subprocess.run([sys.executable, "-m", "contentcheck", "check", *args, "--select", "promotional"],
                          capture_output=True, text=True, timeout=timeout)


def test_each_bad_file_is_one_line_error_with_exit_2(bad_inputs):
    for label, path in bad_inputs:
        if label not in EXPECTED:
            continue
        result = run(path)
        errors = [line for line in result.stdout.splitlines() if line.startswith("error:")]
        assert result.returncode == 2, label
        assert len(errors) == 1 and path in errors[0] and EXPECTED[label] in errors[0], (label, errors)
        assert "Traceback" not in result.stderr


def test_inputs_that_are_not_errors_are_checked(bad_inputs):
    by_label = dict(bad_inputs)
    assert run(by_label["empty file"]).returncode == 0
    for label in ("HTML nested 10,000 levels", "file named with spaces", "non-ASCII file name"):
        result = run(by_label[label])
        assert result.returncode == 1 and "promotional.superlatives" in result.stdout, label
    assert run(by_label["a line of 1,000,000 characters"]).returncode == 0  # benchmarks/bad_inputs.py times it
    assert run(by_label["Markdown nested 10,000 levels"]).returncode in (0, 1)


def test_file_name_that_is_not_utf8_gets_a_json_report_cold_and_cached(tmp_path):
    (tmp_path / os.fsdecode(b"bad\xffname.md")).write_text("The best clinic.\n")
    for _ in range(2):  # the second run reads the results cache
        result = subprocess.run([sys.executable, "-m", "contentcheck", "check", ".", "--select", "promotional",
                                 "--format", "json"], cwd=tmp_path, capture_output=True, timeout=120)
        assert result.returncode == 1, result.stderr
        [entry] = json.loads(result.stdout.decode("utf-8", "surrogateescape"))["files"]  # the name as its bytes
        assert entry["path"].startswith("bad") and entry["findings"][0]["rule"] == "promotional.superlatives"


def test_all_bad_inputs_together_still_check_the_good_files(bad_inputs):
    result = run(*[path for _, path in bad_inputs])
    assert result.returncode == 2 and "Traceback" not in result.stdout + result.stderr
    assert "with space.md:3:1: promotional.superlatives" in result.stdout
    assert "loops/good.md:3:1: promotional.superlatives" in result.stdout
    assert "loops/a.md: cannot read file: Too many levels of symbolic links" in result.stdout


def test_crashing_rule_becomes_internal_error_and_exit_2(tmp_path, monkeypatch):
    from contentcheck.ruletypes.existence import ExistenceRule

    def explode(self, document):
        raise ZeroDivisionError("boom")
        yield  # pragma: no cover

    monkeypatch.setattr(ExistenceRule, "check", explode)
    result = check_text("The best clinic. Ambulate prior to bed.", "a.txt",
                        Config(select=["promotional", "plain-language"]))
    crashed = [f for f in result.findings if f.rule == "meta.internal-error"]
    expected = "rule promotional.superlatives crashed on this file: ZeroDivisionError: boom"
    assert any(expected in f.message for f in crashed)
    assert any(f.rule == "plain-language.jargon" for f in result.findings)  # the other rules still ran
    from contentcheck.report import Report

    assert Report(files=[result]).has_errors


def test_fix_removes_only_what_it_names(tmp_path):
    text = "# Title\n\nKnee pain affects many people. It can start at any age. Knee pain affects many people.\n"
    result = check_text(text, "a.md", Config(select=["duplicates"]))
    fixed, applied = apply_fixes(text, result.findings)
    import difflib

    named = result.findings[0].fix
    edits = [op for op in difflib.SequenceMatcher(None, text, fixed, autojunk=False).get_opcodes() if op[0] != "equal"]
    assert applied == 1 and fixed == text.replace(" Knee pain affects many people.\n", "\n")
    # the diff is one deletion, and what it deletes is exactly the span the fix names
    assert [(tag, text[i1:i2], fixed[j1:j2]) for tag, i1, i2, j1, j2 in edits] == [
        ("delete", text[named["start"]:named["end"]], "")]


def test_fix_refuses_a_file_that_changed_on_disk(tmp_path):
    post = tmp_path / "a.md"
    post.write_text("Original text.\n")
    original = post.read_text()
    post.write_text("Someone else's edit.\n")
    with pytest.raises(InputError, match="changed on disk"):
        write_atomically(str(post), original, "Fixed text.\n")
    assert post.read_text() == "Someone else's edit.\n"


def test_fix_keeps_a_utf8_bom_and_crlf(tmp_path):
    post = tmp_path / "a.md"
    post.write_bytes("\ufeffRest helps a lot with pain.\r\n\r\nSleep well. Rest helps a lot with pain.\r\n".encode())
    result = subprocess.run([sys.executable, "-m", "contentcheck", "check", str(post), "--select", "duplicates",
                             "--fix"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
    assert post.read_bytes() == "\ufeffRest helps a lot with pain.\r\n\r\nSleep well.\r\n".encode()


def test_sarif_and_json_are_byte_identical_across_runs_and_jobs():
    outputs = set()
    for jobs in ("1", "2", "1"):
        for fmt in ("json", "sarif"):
            done = subprocess.run([sys.executable, "-m", "contentcheck", "check", "samples", "--format", fmt,
                                   "--jobs", jobs], capture_output=True, text=True,
                                  cwd=Path(__file__).resolve().parents[1])
            outputs.add((fmt, done.stdout))
    assert len(outputs) == 2


def test_a_rule_stops_at_a_thousand_findings_per_file_and_says_so():
    """A page of 40,000 'best's once made 80,000 findings (2.6 s, 300 MB); no editor reads past a thousand."""
    result = check_text("best\n" * 3000, "junk.md", Config())
    counts = Counter(f.rule for f in result.findings)
    assert counts["promotional.superlatives"] == 1000
    assert "promotional.superlatives: only the first 1,000 findings in junk.md are reported" in result.notes
    few = check_text("The best clinic. " * 10, "page.md", Config())
    assert not any("only the first" in note for note in few.notes)
