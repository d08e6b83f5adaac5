"""CI gates: --max-findings, baselines, --changed-since, and --jobs giving the serial run's output."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run(*args, cwd):
    return subprocess.run([sys.executable, "-m", "contentcheck", *args], capture_output=True, text=True, cwd=cwd)


def test_max_findings_budget(tmp_path):
    (tmp_path / "a.md").write_text("The best clinic. Order now.\n")
    assert run("check", ".", "--select", "promotional", "--max-findings", "2", cwd=tmp_path).returncode == 0
    assert run("check", ".", "--select", "promotional", "--max-findings", "1", cwd=tmp_path).returncode == 1


def test_baseline_reports_only_new_findings(tmp_path):
    (tmp_path / "a.md").write_text("The best clinic.\n\nOrder now.\n")
    written = run("check", ".", "--select", "promotional", "--write-baseline", "base.json", cwd=tmp_path)
    assert written.returncode == 0 and "wrote 2 findings" in written.stderr
    (tmp_path / "a.md").write_text("A new intro.\n\nThe best clinic.\n\nOrder now. Guaranteed results.\n")
    result = run("check", ".", "--select", "promotional", "--baseline", "base.json", "--format", "json", cwd=tmp_path)
    findings = [f["text"] for f in json.loads(result.stdout)["files"][0]["findings"]]
    assert findings == ["Guaranteed"] and result.returncode == 1
    (tmp_path / "a.md").write_text("The best clinic.\n\nOrder now.\n")
    assert run("check", ".", "--select", "promotional", "--baseline", "base.json", cwd=tmp_path).returncode == 0


def test_a_whole_document_finding_stays_baselined_when_its_figure_changes(tmp_path):
    hard = ("Individuals experiencing persistent musculoskeletal discomfort frequently demonstrate considerable "
            "functional limitation. ")
    (tmp_path / "a.md").write_text(hard * 12 + "\n")
    args = ("check", ".", "--select", "readability.grade-level")
    assert run(*args, "--write-baseline", "base.json", cwd=tmp_path).returncode == 0
    (tmp_path / "a.md").write_text(hard * 12 + "\n\nRest. Walk a bit each day.\n")  # the grade moves a little
    result = run(*args, "--baseline", "base.json", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0 and json.loads(result.stdout)["files"][0]["findings"] == []


def test_bad_baseline_file_is_a_config_error(tmp_path):
    (tmp_path / "a.md").write_text("Text.\n")
    (tmp_path / "base.json").write_text("{not json")
    result = run("check", ".", "--baseline", "base.json", cwd=tmp_path)
    assert result.returncode == 2 and "base.json:1: baseline is not valid JSON" in result.stderr


def test_changed_since_checks_only_changed_files(tmp_path):
    git = lambda *a: subprocess.run(["git", *a], cwd=tmp_path, check=True, capture_output=True)  # noqa: E731
    git("init", "-q")
    git("config", "user.email", "t@example.org")
    git("config", "user.name", "t")
    (tmp_path / "old.md").write_text("The best clinic.\n")
    (tmp_path / "edited.md").write_text("Rest helps.\n")
    git("add", ".")
    git("commit", "-qm", "start")
    (tmp_path / "edited.md").write_text("The best clinic.\n")
    (tmp_path / "new.md").write_text("The best clinic.\n")
    result = run("check", ".", "--select", "promotional", "--changed-since", "HEAD", "--format", "json", cwd=tmp_path)
    assert sorted(Path(f["path"]).name for f in json.loads(result.stdout)["files"]) == ["edited.md", "new.md"]
    bad = run("check", ".", "--changed-since", "no-such-rev", cwd=tmp_path)
    assert bad.returncode == 2 and "--changed-since no-such-rev: git failed" in bad.stderr


def test_jobs_output_is_identical_to_serial(tmp_path):
    for i in range(12):
        shared = ("This paragraph about spinal decompression is shared word for word between several of the "
                  "articles here.")
        (tmp_path / f"p{i:02}.md").write_text(f"# Post {i}\n\nThe best clinic number {i}. Order now.\n\n"
                                              + (shared if i % 4 == 0 else f"Unique text {i}.") + "\n")
    serial = run("check", ".", "--format", "json", "--jobs", "1", cwd=tmp_path).stdout
    parallel = run("check", ".", "--format", "json", "--jobs", "2", cwd=tmp_path).stdout
    assert serial == parallel
    assert "duplicates.cross-file" in serial


def test_results_cache_reuses_unchanged_files_and_misses_changed_ones(tmp_path):
    (tmp_path / "a.md").write_text("The best clinic.\n")
    (tmp_path / "b.md").write_text("Order now.\n")
    first = run("check", ".", "--select", "promotional", "--format", "json", cwd=tmp_path).stdout
    entries = sorted((tmp_path / ".contentcheck_cache" / "results").rglob("*.json"))
    assert len(entries) == 2
    assert run("check", ".", "--select", "promotional", "--format", "json", cwd=tmp_path).stdout == first
    (tmp_path / "b.md").write_text("Order now. Guaranteed.\n")
    changed = run("check", ".", "--select", "promotional", "--format", "json", cwd=tmp_path).stdout
    assert '"Guaranteed"' in changed and len(list((tmp_path / ".contentcheck_cache" / "results").rglob("*.json"))) == 3
    other_rules = run("check", ".", "--select", "plain-language", "--format", "json", cwd=tmp_path).stdout
    assert '"Order now"' not in other_rules  # a different rule set never reuses these results
    assert run("check", ".", "--select", "promotional", "--no-cache", "--format", "json",
               cwd=tmp_path).stdout == changed


def test_unchanged_rerun_gives_the_cold_report_whether_results_stay_in_memory_or_are_spooled(tmp_path, monkeypatch):
    """Small unchanged re-runs keep the cached results in memory, large ones spool them: same report."""
    from contentcheck import api, runner

    shared = "Regular walking lowers the risk of heart disease and helps you keep a healthy weight over time."
    for i in range(6):  # the shared sentence in two files of six: a copy, not boilerplate
        body = shared if i < 2 else f"Something else entirely, topic {i}."
        (tmp_path / f"p{i}.md").write_text(f"# Post {i}\n\n{body}\n\nThe best clinic, number {i}. Order now.\n")

    def report() -> str:
        checked = api.check_paths([str(tmp_path)], cache_dir=str(tmp_path / ".cache"), spool=True)
        return "".join(checked.json_chunks())

    cold = report()
    assert "duplicates.cross-file" in cold and "promotional." in cold
    assert report() == cold  # unchanged: results kept in memory
    kept = api.check_paths([str(tmp_path)], cache_dir=str(tmp_path / ".cache"), spool=True)
    before = kept.tally().findings
    emptied = kept.files[0]
    dropped, emptied.findings = len(emptied.findings), []
    kept.files[0] = emptied  # a replaced result is counted again, as with a spool
    assert dropped and kept.tally().findings == before - dropped
    monkeypatch.setattr(runner, "CACHED_RESULTS_IN_MEMORY", 0)
    assert report() == cold  # unchanged, above the limit: results spooled


def test_cached_rerun_keeps_cross_file_findings_and_updates_them_when_a_file_changes(tmp_path):
    shared = "Regular walking lowers the risk of heart disease and helps you keep a healthy weight over time."
    for name in ("a", "b"):
        (tmp_path / f"{name}.md").write_text(f"# {name}\n\n{shared}\n")
    for i in range(6):
        (tmp_path / f"other{i}.md").write_text(f"# Other {i}\n\nSomething else entirely, topic {i}.\n")
    args = ("check", ".", "--select", "duplicates.cross-file", "--format", "json", "--exit-zero")
    cold = run(*args, "--no-cache", cwd=tmp_path).stdout
    assert "duplicates.cross-file" in cold
    assert run(*args, cwd=tmp_path).stdout == cold  # fills the cache
    assert list((tmp_path / ".contentcheck_cache" / "results" / "corpus").glob("*.jsonl"))
    assert run(*args, cwd=tmp_path).stdout == cold  # unchanged: the stored cross-file findings are reused
    (tmp_path / "b.md").write_text("# b\n\nA different paragraph now.\n")
    assert "duplicates.cross-file" not in run(*args, cwd=tmp_path).stdout


def test_baseline_drops_cross_file_findings_once_and_keeps_new_ones(tmp_path):
    """Cross-file findings join a file's result after it was checked (and spooled); a baseline that
    lists them must drop them for good, and a new finding in the same file must still be reported."""
    shared = "Regular walking lowers the risk of heart disease and helps you keep a healthy weight over time."
    for name in ("a", "b"):
        (tmp_path / f"{name}.md").write_text(f"# {name}\n\n{shared}\n\nThe best clinic.\n")
    for i in range(6):
        (tmp_path / f"other{i}.md").write_text(f"# Other {i}\n\nSomething else entirely, topic {i}.\n")
    args = ("check", ".", "--select", "duplicates.cross-file,promotional", "--no-cache")
    written = run(*args, "--write-baseline", "base.json", cwd=tmp_path)
    assert written.returncode == 0 and "wrote 3 findings" in written.stderr  # two "best", one copy
    (tmp_path / "b.md").write_text(f"# b\n\n{shared}\n\nThe best clinic. Order now.\n")
    result = run(*args, "--baseline", "base.json", "--format", "json", cwd=tmp_path)
    findings = [(Path(file["path"]).name, f["rule"]) for file in json.loads(result.stdout)["files"]
                for f in file["findings"]]
    assert findings == [("b.md", "promotional.calls-to-action")] and result.returncode == 1


def test_jobs_default_to_one_process_per_core_when_there_are_enough_files(monkeypatch):
    """Without --jobs a run of a few files stays in one process (a worker's start costs more than it
    saves) and a run of many takes every core, as ruff and Vale do."""
    from contentcheck import Options
    from contentcheck import options as options_module

    monkeypatch.setattr(options_module.os, "cpu_count", lambda: 4)
    assert [Options().processes(files) for files in (1, 20, 63, 64, 100, 1000)] == [1, 1, 1, 2, 3, 4]
    assert [Options(jobs=jobs).processes(1000) for jobs in (0, 1, 2, 8)] == [4, 1, 2, 8]
    assert Options(jobs=2).processes(1) == 1
