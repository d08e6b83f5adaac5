"""Configuration discovery, selection and the one-line errors users see for broken configs."""

import textwrap

import pytest

from contentcheck import ConfigError, check_paths
from contentcheck.cli import main
from contentcheck.config import load_config_file


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


PROMO = "We are the best clinic. Ambulate prior to discharge.\n"


def rules_hit(report):
    return sorted({f.rule for f in report.findings})


def test_config_is_found_upward_from_each_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # outside git, configs are found up to the current folder
    write(tmp_path / ".contentcheck.yaml", "select: [promotional]\n")
    write(tmp_path / "a" / "b" / "post.md", PROMO)
    assert rules_hit(check_paths([str(tmp_path / "a")])) == ["promotional.superlatives"]


def test_nearest_config_wins(tmp_path):
    write(tmp_path / ".contentcheck.yaml", "select: [promotional]\n")
    write(tmp_path / "pro" / ".contentcheck.yaml", "select: [plain-language]\n")
    write(tmp_path / "post.md", PROMO)
    write(tmp_path / "pro" / "post.md", PROMO)
    report = check_paths([str(tmp_path)])
    by_file = {r.path.rsplit("/", 2)[-2]: sorted({f.rule for f in r.findings}) for r in report.files}
    assert by_file["pro"] == ["plain-language.jargon"]
    assert by_file[tmp_path.name] == ["promotional.superlatives"]


def test_pyproject_tool_section(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.contentcheck]\nselect = ["plain-language"]\n')
    write(tmp_path / "post.md", PROMO)
    assert rules_hit(check_paths([str(tmp_path)])) == ["plain-language.jargon"]


def test_ignore_severity_and_overrides(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # outside git, configs are found up to the current folder
    write(tmp_path / ".contentcheck.yaml", """\
        select: [promotional, plain-language]
        severity: {promotional.superlatives: error}
        overrides:
          - files: ["pro/**"]
            ignore: [plain-language]
        """)
    write(tmp_path / "post.md", PROMO)
    write(tmp_path / "pro" / "post.md", PROMO)
    report = check_paths([str(tmp_path)])
    top = next(r for r in report.files if "/pro/" not in r.path)
    pro = next(r for r in report.files if "/pro/" in r.path)
    assert {(f.rule, f.severity) for f in top.findings} == {("promotional.superlatives", "error"),
                                                            ("plain-language.jargon", "info")}
    assert {f.rule for f in pro.findings} == {"promotional.superlatives"}


def test_vocabulary_accept_and_reject(tmp_path):
    write(tmp_path / ".contentcheck.yaml", """\
        select: [promotional, vocabulary]
        vocabulary:
          accept: [the best]
          reject: [wellness journey]
        """)
    write(tmp_path / "post.md", "We are the best. Start your wellness journey.\n")
    findings = check_paths([str(tmp_path)]).findings
    assert [(f.rule, f.text) for f in findings] == [("vocabulary.rejected", "wellness journey")]


def test_extra_pack_folder(tmp_path):
    write(tmp_path / "house" / "no-wellness.yaml", """\
        extends: existence
        category: style
        message: "Avoid '{match}'."
        tokens: [wellness]
        """)
    write(tmp_path / ".contentcheck.yaml", "extra_packs: [house]\nselect: [house]\n")
    write(tmp_path / "post.md", "A wellness plan.\n")
    findings = check_paths([str(tmp_path)]).findings
    assert [(f.rule, f.message) for f in findings] == [("house.no-wellness", "Avoid 'wellness'.")]


@pytest.mark.parametrize("config, message, line", [
    ("selct: [promotional]\n", "unknown key 'selct'; did you mean 'select'?", 1),
    ("fail_on: warning\nignore: promotional\n", "'ignore' must be a list, not str", 2),
    ("select: [promotionl]\n", "unknown rule id, pack or category 'promotionl' in select; did you mean 'promotional'?",
     None),
    ("select: [a\n", "invalid YAML", 1),
    ("fail_on: sometimes\n", "fail_on must be one of", 1),
    ("vocabulary:\n  acept: [x]\n", "unknown key 'acept'; did you mean 'accept'?", 2),
    ("fail_on: info\npacks: [promotionl]\n", "unknown rule pack 'promotionl'; did you mean 'promotional'?", 2),
    ("genre: newz\n", "genre 'newz' is not one of patient-info, news, press-release", 1),
    ("overrides:\n  - files: ['*.md']\n    audience: patiens\n", "did you mean 'patients'?", 3),
])
def test_bad_config_is_one_line_error_with_file_and_line(tmp_path, config, message, line):
    path = write(tmp_path / ".contentcheck.yaml", config)
    with pytest.raises(ConfigError) as info:
        load_config_file(path)
    text = str(info.value)
    assert "\n" not in text and message in text
    assert text.startswith(f"{path}:{line}:" if line else f"{path}:")


def test_alias_bomb_is_refused_before_it_is_built(tmp_path):
    """Aliases are refused from the parse events, so nothing is expanded (benchmarks/worst_cases.py times it)."""
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 4)}]\n" for i in range(9))
    path = write(tmp_path / ".contentcheck.yaml", bomb)
    with pytest.raises(ConfigError, match="aliases"):
        load_config_file(path)


def test_an_unknown_audience_or_genre_on_the_command_line_is_a_usage_error(tmp_path):
    write(tmp_path / "a.md", "# Walking\n\nWalk every day.\n")
    assert main(["check", "--genre", "newz", str(tmp_path / "a.md")]) == 2
    assert main(["check", "--genre", "News release", "--audience", "general", str(tmp_path / "a.md")]) == 0


def test_a_nested_config_extends_its_parent_and_says_only_what_it_changes(tmp_path):
    (tmp_path / ".git").mkdir()  # the repository the configs belong to
    write(tmp_path / "approved.yaml",
          "claims:\n  - text: Walking lowers blood pressure.\n    references: [NICE NG136]\n")
    write(tmp_path / ".contentcheck.yaml", """\
        severity: {promotional.superlatives: error}
        claims_library: approved.yaml
        vocabulary: {accept: [zylofen]}
        overrides:
          - files: ["news/**"]
            audience: general
        """)
    write(tmp_path / "news" / ".contentcheck.yaml", """\
        extends: ../.contentcheck.yaml
        ignore: [readability]
        vocabulary: {accept: [brivex]}
        """)
    article = write(tmp_path / "news" / "story.md",
                    "# Story\n\nWe are the best clinic. Walking lowers blood pressure. Take zylofen or brivex daily.\n")
    [result] = check_paths([str(article)]).files
    by_rule = {f.rule: f for f in result.findings}
    assert by_rule["promotional.superlatives"].severity == "error"  # the parent's severity holds
    assert not any(rule.startswith("readability") for rule in by_rule)  # the child's own ignore
    assert "grammar.spelling" not in by_rule  # both vocabularies add up
    assert "claims.unsupported" not in by_rule  # the library, relative to the parent's folder
    assert result.facts["audience"] == "general"  # the parent's override glob, relative to the parent


@pytest.mark.parametrize("extends, message, where", [
    ("../.contentcheck.yaml", "leads back to a config already in the chain", ".contentcheck.yaml:1:"),
    ("../../../outside.yaml", "outside the repository", "sub/.contentcheck.yaml:2:"),
    ("../missing.yaml", "does not exist", "sub/.contentcheck.yaml:2:"),
])
def test_a_broken_extends_is_an_error_naming_the_file_and_line(tmp_path, extends, message, where):
    (tmp_path / ".git").mkdir()
    write(tmp_path / ".contentcheck.yaml", "extends: sub/.contentcheck.yaml\n")
    child = write(tmp_path / "sub" / ".contentcheck.yaml", f"fail_on: info\nextends: {extends}\n")
    with pytest.raises(ConfigError) as raised:
        load_config_file(child)
    assert message in str(raised.value) and str(raised.value).startswith(f"{tmp_path}/{where}")
