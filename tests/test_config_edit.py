"""Accepting a word from the editor edits the config's text in place: comments and layout stay."""

from __future__ import annotations

import pytest
import yaml

from contentcheck.config import starter_config
from contentcheck.config_edit import add_accepted_term
from contentcheck.errors import ConfigError


@pytest.mark.parametrize("before, after", [
    (None, 'vocabulary:\n  accept: ["Zylo"]\n'),
    ("# only a comment\n", '# only a comment\nvocabulary:\n  accept: ["Zylo"]\n'),
    ("fail_on: info  # strict\n", 'fail_on: info  # strict\nvocabulary:\n  accept: ["Zylo"]\n'),
    ("vocabulary:\n  reject: [x]  # never\n", 'vocabulary:\n  accept: ["Zylo"]\n  reject: [x]  # never\n'),
    ("vocabulary:\n  accept: [A, b]\n", 'vocabulary:\n  accept: [A, b, "Zylo"]\n'),
    ("vocabulary:\n  accept:\n    - A  # product\n    - b\nfail_on: info\n",
     'vocabulary:\n  accept:\n    - A  # product\n    - b\n    - "Zylo"\nfail_on: info\n'),
    ("vocabulary:\n  accept:\n  reject: [x]\n", 'vocabulary:\n  accept: ["Zylo"]\n  reject: [x]\n'),
])
def test_the_word_goes_into_the_accept_list_where_it_stands(before, after):
    assert add_accepted_term(before, "Zylo", ".contentcheck.yaml") == after


def test_the_starter_config_keeps_every_comment():
    before = starter_config()
    after = add_accepted_term(before, "Zylo", ".contentcheck.yaml")
    assert [line for line in before.splitlines() if line.startswith("#")] == \
        [line for line in after.splitlines() if line.startswith("#")]
    assert yaml.safe_load(after)["vocabulary"]["accept"] == ["Zylo"]


@pytest.mark.parametrize("config, where", [
    ("vocabulary: {accept: [a]}\n", ".contentcheck.yaml"),
    ("[tool.contentcheck]\n", "pyproject.toml"),
])
def test_a_layout_it_cannot_edit_safely_is_refused_with_the_file_named(config, where):
    with pytest.raises(ConfigError, match="by hand") as raised:
        add_accepted_term(config, "Zylo", where)
    assert where in str(raised.value)
