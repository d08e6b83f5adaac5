"""Grammar through language-tool-python against a stand-in LanguageTool server.

A real LanguageTool server cannot run here (it is a Java download), so tests/languagetool_standin.py
implements the documented /v2 HTTP protocol; everything on our side (language-tool-python, offsets,
mapping back to the Markdown source) is the real code.
"""

import subprocess
import sys

from languagetool_standin import StandInLanguageTool

from contentcheck import Config, check_text

ENV_URL = "CONTENTCHECK_LANGUAGETOOL_URL"  # read by the command line

CONFIG = Config(select=["grammar.languagetool"])
TEXT = "# Visits\n\nSome text 💊 first. He **go** to the clinic every weeks.\n"


def test_matches_become_findings_at_exact_source_offsets():
    with StandInLanguageTool() as server:
        result = check_text(TEXT, "a.md", Config(select=["grammar.languagetool"], languagetool_url=server.url))
        assert server.requests and server.requests[0]["language"] == "en-US"
        assert "**" not in server.requests[0]["text"]  # LanguageTool sees prose, not markup
    found = [(f.text, f.line, f.column, f.suggestion, f.extra["languagetool_rule"]) for f in result.findings]
    assert found == [("go", 3, 25, "goes", "HE_VERB_AGR"), ("weeks", 3, 50, "week", "EVERY_NNS")]
    assert result.notes == []


def test_no_server_configured_is_one_note_and_no_network(monkeypatch):
    monkeypatch.delenv(ENV_URL, raising=False)
    monkeypatch.delenv("LTP_PATH", raising=False)
    result = check_text(TEXT, "a.md", CONFIG)
    assert result.findings == []
    assert result.notes == ["grammar: skipped, no LanguageTool server configured (use --languagetool-url "
                            f"or {ENV_URL})"]


def test_server_that_is_down_is_a_note_not_a_crash():
    with StandInLanguageTool() as server:
        url = server.url  # the server is stopped when the block ends
    result = check_text(TEXT, "b.md", Config(select=["grammar.languagetool"], languagetool_url=url + "/down"))
    assert result.findings == [] and len(result.notes) == 1 and "failed" in result.notes[0]


def test_cli_flag_and_summary(tmp_path):
    (tmp_path / "a.md").write_text(TEXT)
    with StandInLanguageTool() as server:
        result = subprocess.run([sys.executable, "-m", "contentcheck", "check", str(tmp_path / "a.md"),
                                 "--select", "grammar.languagetool", "--languagetool-url", server.url],
                                capture_output=True, text=True)
    assert result.returncode == 1
    expected = f"{tmp_path}/a.md:3:25: grammar.languagetool [warning] The pronoun and the verb 'go' do not agree."
    assert expected in result.stdout
    without = subprocess.run([sys.executable, "-m", "contentcheck", "check", str(tmp_path / "a.md"),
                              "--select", "grammar.languagetool"], capture_output=True, text=True,
                             env={"PATH": "/usr/bin:/bin"})
    assert without.returncode == 0 and without.stdout.count("note: grammar: skipped") == 1
