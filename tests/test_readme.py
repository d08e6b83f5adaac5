"""The README's copy-paste integration blocks are valid YAML with the keys each tool needs."""

import re
from pathlib import Path

import yaml

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def block_after(heading: str) -> dict:
    section = README.split(f"### {heading}\n", 1)[1]
    return yaml.safe_load(re.search(r"```yaml\n(.*?)```", section, re.DOTALL).group(1))


def test_pre_commit_block():
    hook = block_after("Use in pre-commit")["repos"][0]["hooks"][0]
    hooks_file = yaml.safe_load((Path(__file__).resolve().parents[1] / ".pre-commit-hooks.yaml").read_text())
    assert hook["id"] == hooks_file[0]["id"] == "contentcheck"


def test_github_actions_block_uploads_sarif():
    steps = block_after("Use in GitHub Actions")["jobs"]["lint"]["steps"]
    assert any("--format sarif" in step.get("run", "") for step in steps)
    assert any(step.get("uses", "").startswith("github/codeql-action/upload-sarif") for step in steps)


def test_gitlab_block_reports_junit():
    job = block_after("Use in GitLab CI")["contentcheck"]
    assert job["artifacts"]["reports"]["junit"] == "contentcheck-junit.xml"
    assert any("--format junit" in line for line in job["script"])
