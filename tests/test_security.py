"""Attacks from a content repository (issue 18), each through the real command line as CI runs it:
the repository under check writes the articles, the config and anything committed beside them, and
must not be able to read files outside it, send its text elsewhere, forge results or break a report.
Each of these failed on the main of 2026-11-30 (f002672). Time and memory cases are in
benchmarks/adversarial.py."""

import json
import os
import pickle
import re
import subprocess
import sys
import threading
import time
import xml.etree.ElementTree as ET
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib.metadata import version
from pathlib import Path

import pytest
from languagetool_standin import StandInLanguageTool

from contentcheck.finding import Finding
from contentcheck.report import FileResult, Report
from contentcheck.reports.html import format_html

SECRET = "root:x:0:0:secret-token-1234"
BAD = "# Knee care\n\nThis is the best clinic in the world. Our cure works.\n"


def run(*args, cwd, cache=None, **env):
    environment = {**os.environ, "NO_COLOR": "1", "CONTENTCHECK_CACHE_DIR": str(cache or Path(cwd) / ".user-cache"),
                   **env}
    environment.pop("CONTENTCHECK_LANGUAGETOOL_URL", None)
    environment.update(env)
    return subprocess.run([sys.executable, "-m", "contentcheck", *args], capture_output=True, text=True, cwd=cwd,
                          env=environment)


def git_init(folder: Path) -> None:
    subprocess.run(["git", "init", "-q", str(folder)], check=True)


def repository_with_a_bad_article(parent: Path) -> Path:
    """parent/repo, a git repository holding a.md (a superlative and a cure)."""
    repo = parent / "repo"
    repo.mkdir()
    git_init(repo)
    (repo / "a.md").write_text(BAD)
    return repo


# --- reading outside the repository ----------------------------------------------------------------
def test_a_symlink_out_of_the_checked_folder_is_skipped_and_its_text_never_reported(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "passwd").write_text(SECRET + "\n")
    repo = tmp_path / "repo"
    (repo / "content").mkdir(parents=True)
    git_init(repo)
    (repo / ".git" / "config").write_text(f"[http]\n\textraheader = AUTHORIZATION: {SECRET}\n")
    (repo / "content" / "passwd.txt").symlink_to(outside / "passwd")
    (repo / "content" / "config.txt").symlink_to(repo / ".git" / "config")
    (repo / "content" / "ok.md").write_text(BAD)
    for fmt in ("text", "json", "junit", "html", "sarif", "markdown"):
        result = run("check", "content", "--format", fmt, "--no-cache", cwd=repo)
        assert SECRET not in result.stdout and "secret-token" not in result.stdout, fmt
        assert result.returncode == 1, (fmt, result.stderr)  # ok.md is still checked
    text = run("check", "content", "--no-cache", cwd=repo).stdout
    assert "note: content/passwd.txt: skipped, a symbolic link to a file outside content" in text
    named = run("check", "content/config.txt", "--format", "json", "--no-cache", cwd=repo)
    assert "secret-token" not in named.stdout and json.loads(named.stdout)["files"] == []


def test_fix_never_writes_through_a_symlink(tmp_path):
    (tmp_path / "real.md").write_text("Rest helps your back heal. Rest helps your back heal.\n")
    (tmp_path / "link.md").symlink_to("real.md")
    result = run("check", "link.md", "--select", "duplicates", "--fix", cwd=tmp_path)
    assert (tmp_path / "link.md").is_symlink()
    assert (tmp_path / "real.md").read_text() == "Rest helps your back heal. Rest helps your back heal.\n"
    assert "link.md: is a symbolic link; not fixed" in result.stdout + result.stderr


def test_a_config_above_the_repository_is_not_used(tmp_path):
    (tmp_path / ".contentcheck.yaml").write_text("ignore: [promotional]\nfail_on: none\n")
    repo = repository_with_a_bad_article(tmp_path)
    result = run("check", "a.md", "--select", "promotional", "--format", "json", "--no-cache", cwd=repo)
    assert result.returncode == 1
    assert "promotional.superlatives" in {f["rule"] for f in json.loads(result.stdout)["files"][0]["findings"]}


# --- the network -----------------------------------------------------------------------------------
# The LanguageTool server is the stand-in of tests/languagetool_standin.py, which speaks LanguageTool's
# documented /v2 HTTP protocol: a real one cannot run here.
def test_a_server_named_only_in_the_repository_config_gets_no_text(tmp_path):
    (tmp_path / "a.md").write_text("# Visits\n\nHe go to the clinic every weeks.\n")
    with StandInLanguageTool() as server:
        for config in (f"languagetool_url: {server.url}\n",
                       f"options:\n  grammar.languagetool:\n    url: {server.url}\n"):
            (tmp_path / ".contentcheck.yaml").write_text(config + "select: [grammar]\n")
            result = run("check", "a.md", "--no-cache", cwd=tmp_path)
            assert server.requests == [] and result.returncode == 0
            assert f"the LanguageTool server {server.url} comes from a config file" in result.stdout
        consented = run("check", "a.md", "--no-cache", "--languagetool-url", server.url, cwd=tmp_path)
        assert len(server.requests) == 1 and consented.returncode == 1


class _NotLanguageTool(BaseHTTPRequestHandler):
    """Any server a config might name: it answers every request with a page of its own text."""

    def log_message(self, *args):
        pass

    def do_GET(self):
        self._reply()

    def do_POST(self):
        self._reply()

    def _reply(self):
        body = b"<script>ATTACKER-TEXT</script>"
        self.send_response(500)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def test_a_server_reply_is_never_echoed_into_the_report(tmp_path):
    (tmp_path / "a.md").write_text("# Visits\n\nHe go to the clinic every weeks.\n")
    server = ThreadingHTTPServer(("127.0.0.1", 0), _NotLanguageTool)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}"
        result = run("check", "a.md", "--select", "grammar", "--no-cache", "--languagetool-url", url, cwd=tmp_path)
    finally:
        server.shutdown()
        server.server_close()
    assert "grammar was not checked" in result.stdout
    assert "ATTACKER-TEXT" not in result.stdout + result.stderr


# --- the results cache -----------------------------------------------------------------------------
def test_a_cache_committed_to_the_repository_cannot_make_a_bad_article_pass(tmp_path):
    (tmp_path / "a.md").write_text(BAD)
    first = run("check", "a.md", "--format", "json", cwd=tmp_path, cache=tmp_path / "attacker")
    assert first.returncode == 1
    # the attacker rewrites their own cache entries to say "no findings", and commits the folder
    for entry in (tmp_path / ".contentcheck_cache" / "results").rglob("*.json"):
        raw = entry.read_bytes()
        start = raw.index(b"{")
        data = json.loads(raw[start:])
        data["findings"] = []
        entry.write_bytes(raw[:start] + json.dumps(data).encode())
    forged = run("check", "a.md", "--format", "json", cwd=tmp_path, cache=tmp_path / "attacker")
    assert forged.returncode == 1  # even under the key that made them, edited entries fail verification
    ci = run("check", "a.md", "--format", "json", cwd=tmp_path, cache=tmp_path / "ci-runner")
    assert ci.returncode == 1 and json.loads(ci.stdout)["files"][0]["findings"]


def test_the_cache_folder_ignores_itself_in_git(tmp_path):
    (tmp_path / "a.md").write_text(BAD)
    run("check", "a.md", cwd=tmp_path)
    assert (tmp_path / ".contentcheck_cache" / ".gitignore").read_text().splitlines()[-1] == "*"


class _Plant:
    def __reduce__(self):
        return (os.mkdir, (os.environ["PLANT_MARKER"],))


def test_nothing_in_the_user_cache_is_unpickled(tmp_path, monkeypatch):
    cache = tmp_path / "user-cache"
    cache.mkdir()
    marker = tmp_path / "code-ran"
    monkeypatch.setenv("PLANT_MARKER", str(marker))
    planted = pickle.dumps(_Plant())
    for name in (f"pyphen-en_US-{version('pyphen')}.pickle", f"pyphen-en_US-{version('pyphen')}.json"):
        (cache / name).write_bytes(planted)
    (tmp_path / "a.md").write_text("Zyxquorbian flimflammery happens.\n")  # words the CMU table lacks
    result = run("check", "a.md", "--select", "readability", "--no-cache", cwd=tmp_path, cache=cache)
    assert result.returncode in (0, 1) and not marker.exists()


# --- reports ---------------------------------------------------------------------------------------
def test_every_field_of_the_html_report_is_escaped():
    finding = Finding(rule="x.rule", category="<img src=x onerror=alert(1)>", severity="warning",
                      message="m", start=0, end=4, line="<b>1</b>", column=1, end_line=1, end_column=5, text="Best")
    result = FileResult(path="a.md", source="Best clinic.\n", findings=[finding],
                        metrics={"words": "<script>w</script>", "sentences": 1, "consensus_grade": 1,
                                 "flesch_kincaid_grade": "<i>", "smog": 1, "flesch_reading_ease": 1},
                        claims=[{"line": "<svg onload=alert(1)>", "text": "t", "strength": "s", "support": "uncited",
                                 "references": []}])
    page = format_html(Report(files=[result]))
    for raw in ("<img src=x", "<b>1</b>", "<script>w", "<i>", "<svg"):
        assert raw not in page


def test_a_file_name_with_a_newline_cannot_issue_a_workflow_command(tmp_path):
    name = "a\n::error file=x::pwned.md"
    (tmp_path / name).write_text(BAD)
    result = run("check", ".", "--no-cache", cwd=tmp_path)
    assert not any(line.startswith("::") for line in result.stdout.splitlines())
    assert "a\\x0a::error file=x::pwned.md:3:" in result.stdout


def test_terminal_escape_codes_in_an_article_do_not_reach_the_terminal(tmp_path):
    (tmp_path / "a.md").write_text("# Care\n\nThe best \x1b]0;owned\x07\x1b[2Jclinic.\n")
    result = run("check", "a.md", "--select", "promotional", "--no-cache", cwd=tmp_path)
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "\\x1b[2Jclinic" in result.stdout


def test_junit_stays_valid_xml_with_control_characters(tmp_path):
    (tmp_path / "a\x01\x1b.md").write_text("# Care\n\nThe best\x0b clinic in town.\n")
    result = run("check", ".", "--format", "junit", "--no-cache", cwd=tmp_path)
    suite = ET.fromstring(result.stdout).find("testsuite")
    assert suite.get("name") == "a\\x01\\x1b.md"
    assert any("promotional.superlatives" in (f.text or "") for f in suite.iter("failure"))


def test_the_markdown_summary_cannot_mention_people_or_inject_html(tmp_path):
    (tmp_path / "a`b<img src=x>.md").write_text("# Care\n\nAs @octocat says, this <b>tea cures arthritis</b> "
                                                  "in most patients.\n")
    result = run("check", ".", "--format", "markdown", "--no-cache", cwd=tmp_path)
    assert "this \\<b\\>tea cures arthritis\\</b\\>" in result.stdout  # the claim is listed, as text
    assert "@octocat" not in result.stdout and "@\u200boctocat" in result.stdout
    assert re.search(r"(?<!\\)[<`]", result.stdout) is None  # no tag or code span opens anywhere


# --- one bad file costs one file -------------------------------------------------------------------
def test_an_impossible_front_matter_date_is_a_one_line_error_and_the_others_are_checked(tmp_path):
    (tmp_path / "a.md").write_text("---\ntitle: Knees\ndate: 2024-13-45\n---\n# Knees\n\nRest helps.\n")
    (tmp_path / "b.md").write_text(BAD)
    result = run("check", ".", "--format", "json", "--no-cache", cwd=tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    files = {Path(f["path"]).name: f for f in json.loads(result.stdout)["files"]}
    assert files["a.md"]["error"].endswith("a.md:3: invalid YAML: impossible date '2024-13-45': "
                                           "month must be in 1..12")
    assert files["b.md"]["findings"]


def _dying_worker_check(path):
    from contentcheck import runner

    if path.endswith("/3.md"):
        os._exit(9)  # the forked worker dies as a killed one would
    if path.endswith("/2.md"):
        time.sleep(1)  # still being checked by the other worker when 3.md's dies: it must not be blamed
    return runner.real_worker_check(path)


def test_a_worker_that_dies_costs_its_file_only(tmp_path, monkeypatch):
    """A worker process killed mid-run (out of memory, a signal) under --jobs 2."""
    from contentcheck import runner
    from contentcheck.options import Options

    for i in range(12):
        (tmp_path / f"{i}.md").write_text(BAD)
    monkeypatch.setattr(runner, "real_worker_check", runner._worker_check, raising=False)
    monkeypatch.setattr(runner, "_worker_check", _dying_worker_check)
    report = runner.run([str(tmp_path)], Options(jobs=2, select=("promotional",)))
    by_name = {Path(r.path).name: r for r in report.files}
    assert len(by_name) == 12 and "the process checking this file died" in by_name["3.md"].error
    assert all(by_name[f"{i}.md"].findings and not by_name[f"{i}.md"].error for i in range(12) if i != 3)


def test_rule_options_from_a_repository_config_are_bounded(tmp_path):
    (tmp_path / ".contentcheck.yaml").write_text("options:\n  duplicates.cross-file:\n    num_perm: 200000000\n")
    (tmp_path / "a.md").write_text(BAD)
    result = run("check", ".", "--no-cache", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == (f"error: {tmp_path}/.contentcheck.yaml:3: field 'num_perm' must be between "
                                      "16 and 1024, not 200000000")


def test_changed_since_cannot_pass_options_to_git(tmp_path):
    git_init(tmp_path)
    (tmp_path / "a.md").write_text(BAD)
    result = run("check", ".", "--changed-since=--output=written-by-git", cwd=tmp_path)
    assert result.returncode == 2 and not (tmp_path / "written-by-git").exists()
    assert result.stderr.strip() == "error: --changed-since '--output=written-by-git': not a git revision"


def test_config_paths_cannot_read_outside_the_repository(tmp_path):
    (tmp_path / "library.yaml").write_text("claims: []\n")
    repo = repository_with_a_bad_article(tmp_path)
    for setting in ("claims_library: ../library.yaml", "extra_packs: ['..']",
                    "options:\n  claims.unsupported:\n    library: ../library.yaml"):
        (repo / ".contentcheck.yaml").write_text(setting + "\n")
        result = run("check", "a.md", "--no-cache", cwd=repo)
        assert result.returncode == 2 and "is outside the repository" in result.stderr, setting


def test_a_report_is_written_whole_or_not_at_all(tmp_path):
    (tmp_path / "a.md").write_text(BAD)
    (tmp_path / "report.json").write_text("yesterday's report\n")
    full = run("check", "a.md", "--format", "json", "--output", "/dev/full", "--exit-zero", cwd=tmp_path)
    assert full.returncode == 2 and full.stderr == "error: /dev/full: cannot write the file: No space left on device\n"
    missing = run("check", "a.md", "--output", "no/such/folder/report.txt", cwd=tmp_path)
    assert missing.returncode == 2 and "Traceback" not in missing.stderr
    written = run("check", "a.md", "--format", "json", "--output", "report.json", cwd=tmp_path)
    assert written.returncode == 1 and json.loads((tmp_path / "report.json").read_text())["summary"]["findings"]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".report")] == []


def test_hidden_and_look_alike_letters_do_not_get_a_promise_past_the_rules(tmp_path):
    variants = ["mir\u00adacle", "mir\u200dacle", "mir\u200bacle", "ｍｉｒａｃｌｅ", "𝐦𝐢𝐫𝐚𝐜𝐥𝐞", "mir\u0430cle"]
    (tmp_path / "a.md").write_text("# Offer\n\n" + "".join(f"A {word} formula. " for word in variants) + "\n")
    result = run("check", "a.md", "--format", "json", "--no-cache", cwd=tmp_path)
    findings = json.loads(result.stdout)["files"][0]["findings"]
    promises = [f["text"] for f in findings if f["rule"] == "promotional.absolute-claims"]
    assert promises == variants  # each found, and each finding is the source text as written
    hidden = [f["text"] for f in findings if f["rule"] == "style.hidden-characters"]
    assert hidden == ["\u00ad", "\u200d", "\u200b"]


def test_the_results_cache_prunes_entries_a_month_old(tmp_path):
    (tmp_path / "a.md").write_text(BAD)
    (tmp_path / "b.md").write_text("# Knees\n\nRest helps.\n")
    run("check", ".", cwd=tmp_path)
    results = tmp_path / ".contentcheck_cache" / "results"
    entries = sorted(p for p in results.glob("??/*.json") if not p.name.endswith(".corpus.json"))
    assert len(entries) == 2
    month_ago = entries[0].stat().st_mtime - 31 * 86_400
    os.utime(entries[0], (month_ago, month_ago))
    (results / ".pruned").unlink()  # the last pass was more than a day ago
    run("check", "b.md", cwd=tmp_path)
    assert not entries[0].exists() and entries[1].exists()


def test_fix_keeps_an_edit_saved_while_it_was_fixing(tmp_path, monkeypatch):
    """An editor saves the file after --fix compared it and before the fixed text replaces it."""
    from contentcheck import fixes
    from contentcheck.errors import InputError

    path = tmp_path / "a.md"
    path.write_text("Rest helps. Rest helps.\n")
    read = fixes.read_source

    def read_then_editor_saves(name, limit):
        text = read(name, limit)
        path.write_text("Rest helps. Rest helps. And a new paragraph the editor just wrote.\n")
        return text

    monkeypatch.setattr(fixes, "read_source", read_then_editor_saves)
    with pytest.raises(InputError, match=r"a\.md: file changed on disk while it was being fixed; not fixed"):
        fixes.write_atomically(str(path), "Rest helps. Rest helps.\n", "Rest helps.\n")
    assert path.read_text() == "Rest helps. Rest helps. And a new paragraph the editor just wrote.\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.md"]  # no temporary file left behind
