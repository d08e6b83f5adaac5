"""Rule files users write: one-line errors naming the file and line, and RE2-only patterns."""

import textwrap

import pytest

from contentcheck import ConfigError
from contentcheck.packs import load_pack


def pack(tmp_path, body, name="rule.yaml"):
    folder = tmp_path / "house"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(textwrap.dedent(body), encoding="utf-8")
    return str(folder)


@pytest.mark.parametrize("body, message, line", [
    ("extends: existence\ncategory: style\nmessage: m\npatterns: ['(a)\\1']\n", "RE2 rejects the pattern", 4),
    ("extends: existance\ncategory: style\nmessage: m\n", "did you mean 'existence'", 1),
    ("extends: existence\ncategory: style\nmessage: m\ntokens: [x]\ntokns: [y]\n",
     "unknown field 'tokns' for a existence rule; did you mean 'tokens'?", 5),
    ("extends: existence\ncategory: marketing\nmessage: m\ntokens: [x]\n", "category 'marketing' is not one of", 2),
    ("extends: existence\ncategory: style\nseverity: fatal\nmessage: m\ntokens: [x]\n", "severity 'fatal'", 3),
    ("extends: existence\ncategory: style\nmessage: m\ntokens: best\n", "field 'tokens' must be a list", 4),
    ("extends: metric\ncategory: readability\nmessage: m\nformula: __import__('os')\ncondition: '> 1'\n", "formula", 4),
    ("extends: substitution\ncategory: style\nmessage: m\nswap: {a: [b]}\n", "swap value for 'a' must be a string", 4),
    ("extends: metric\ncategory: readability\nmessage: m\nformula: words\ncondition: '> 25'\nunit: sentence\n"
     "margin_shares: {patients: lots}\n", "margin share for 'patients' must be a number from 0 to 10", 7),
    ("extends: existence\ncategory: style\nmessage: [m\n", "invalid YAML", 3),
    ("extends: existence\ncategory: style\nmessage: m\ntokens: [x]\nquoted: {severity: low}\n",
     "quoted.severity must be one of error, warning, info", 5),
    ("extends: existence\ncategory: style\nmessage: m\ntokens: [x]\nquoted: {severity: info, message: '{mach}'}\n",
     "message placeholder '{mach}' is not one the existence rule type fills", 5),
])
def test_broken_rule_file_is_a_one_line_error_naming_file_and_line(tmp_path, body, message, line):
    folder = pack(tmp_path, body)
    load_pack.cache_clear()
    with pytest.raises(ConfigError) as info:
        load_pack(folder)
    text = str(info.value)
    assert message in text and "\n" not in text
    assert text.startswith(f"{folder}/rule.yaml:{line}:")


def test_catastrophic_patterns_are_compiled_by_re2_and_finish(tmp_path):
    """Patterns that backtrack exponentially in Python's re run in RE2, so they cannot hang a run
    (benchmarks/worst_cases.py times them)."""
    import re2

    from contentcheck import Config, check_text

    folder = pack(tmp_path, """\
        extends: existence
        category: style
        message: m
        nonword: true
        patterns: ['(a+)+$', '(a|aa)+b', '(x+x+)+y']
        """)
    load_pack.cache_clear()
    [rule] = load_pack(folder)
    assert isinstance(rule.matcher.regex, re2._Regexp)
    config = Config(extra_packs=[tmp_path / "house"], select=["house"])
    result = check_text("a" * 50_000 + "!" + "x" * 50_000, "a.txt", config=config)
    assert result.error is None
