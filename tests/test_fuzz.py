"""Fuzzing the whole pipeline with Hypothesis: random Markdown, HTML and text (random Unicode,
control characters, unbalanced markup, random suppression comments) through every rule and every
report format. Nothing may raise; every finding's offsets lie inside the text, `text` is the source
slice, and line/column agree with the offsets.

CI runs a short profile (tests/conftest.py); `HYPOTHESIS_PROFILE=long pytest tests/test_fuzz.py` runs a long one.
"""

import json

from hypothesis import given
from hypothesis import strategies as st

from contentcheck import Config, check_text
from contentcheck.document import LineIndex
from contentcheck.registry import REPORT_FORMATS, render
from contentcheck.report import Report

CONFIG = Config(select=["duplicates", "promotional", "claims", "disclaimers", "readability", "plain-language",
                        "style", "grammar.spelling", "meta"])
WORDS = ["the best", "guaranteed", "Order now", "cures", "back pain", "Dr.", "e.g.", "3.5 mg", "may help",
         "[1]", "hypertension", "(Smith, 2020)", "JointFlex", "is prescribed", "Knee pain affects many people."]
MARKUP = ["\n", "\n\n", "\r\n", "\r", "# ", "## ", "> ", "- ", "1. ", "* ", "**", "_", "`", "```\n", "---\n",
          "[", "](", ")", "![", "<", ">", "</p>", "<p>", "<div>", "<script>", "</script>", "<nav>", "</nav>",
          "<br>", "&amp;", "&#x1F48A;", "&bogus", "| a | b |\n|---|---|\n", "\t", "\x0b", "\x7f", "\u200b",
          "💊", "é", "\ufeff", "<!-- contentcheck: disable=promotional.superlatives -->",
          "<!-- contentcheck: disable-next-line -->", "<!-- contentcheck: enable=nope -->", "<!--", "-->"]
pieces = st.one_of(st.sampled_from(WORDS), st.sampled_from(MARKUP), st.text(max_size=12))
documents = st.lists(pieces, max_size=60).map(" ".join)


def check_invariants(text: str, suffix: str) -> None:
    result = check_text(text, f"fuzz.{suffix}", CONFIG)
    lines = LineIndex(text)
    for finding in result.findings:
        if finding.start is None:
            assert finding.end is None and finding.line == 1
            continue
        assert 0 <= finding.start <= finding.end <= len(text)
        assert finding.text == text[finding.start:finding.end]
        assert (finding.line, finding.column) == lines.position(finding.start)
        assert (finding.end_line, finding.end_column) == lines.position(finding.end)
    report = Report(files=[result])
    for name in REPORT_FORMATS:
        output = render(report, name)
        if name in ("json", "sarif"):
            json.loads(output)


@given(documents)
def test_markdown(text):
    check_invariants(text, "md")


@given(documents)
def test_html(text):
    check_invariants(text, "html")


@given(documents)
def test_text(text):
    check_invariants(text, "txt")


@given(st.text(max_size=300))
def test_arbitrary_unicode(text):
    for suffix in ("md", "html", "txt"):
        check_invariants(text, suffix)
