"""The pre-commit hook, for real: pre-commit installs this repository (by path, at its HEAD commit)
into a temporary git repository, lets a clean file through and blocks a bad one."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _head():
    try:
        return subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True, text=True,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


@pytest.mark.skipif(shutil.which("pre-commit") is None or _head() is None, reason="needs pre-commit and a git checkout")
def test_hook_passes_clean_files_and_blocks_bad_ones(tmp_path):
    repo = tmp_path / "site"
    repo.mkdir()
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "NO_COLOR": "1"}
    git = lambda *a, check=True: subprocess.run(["git", *a], cwd=repo, capture_output=True, text=True, env=env,  # noqa: E731
                                                check=check)
    git("init", "-q")
    git("config", "user.email", "editor@example.org")
    git("config", "user.name", "Editor")
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {ROOT}\n    rev: {_head()}\n    hooks:\n      - id: contentcheck\n")
    subprocess.run(["pre-commit", "install"], cwd=repo, check=True, capture_output=True, env=env)
    (repo / "clean.md").write_text("# Sleep\n\nMost adults need seven to nine hours of sleep.\n")
    git("add", ".")
    clean = git("commit", "-m", "clean article", check=False)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    (repo / "bad.md").write_text("# Offer\n\nThe best clinic in town. Order now!\n")
    git("add", "bad.md")
    bad = git("commit", "-m", "bad article", check=False)
    assert bad.returncode != 0
    assert "bad.md:3:1: promotional.superlatives [warning]" in bad.stdout + bad.stderr
    assert "bad.md" not in git("log", "--name-only").stdout  # the commit was blocked
