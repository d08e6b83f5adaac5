"""Inline suppression comments, and a warning for ids that do not exist."""

from contentcheck import Config, check_text

CONFIG = Config(select=["promotional", "meta"])


def rules_and_lines(text, path="a.md"):
    return [(f.rule, f.line) for f in check_text(text, path, CONFIG).findings]


def test_disable_enable_region():
    text = ("The best.\n\n<!-- contentcheck: disable=promotional.superlatives -->\n\nThe best.\n\n"
            "<!-- contentcheck: enable=promotional.superlatives -->\n\nThe best.\n")
    assert rules_and_lines(text) == [("promotional.superlatives", 1), ("promotional.superlatives", 9)]


def test_disable_next_line_only_affects_that_line():
    text = "<!-- contentcheck: disable-next-line=promotional.superlatives -->\nThe best.\nThe best.\n"
    assert rules_and_lines(text) == [("promotional.superlatives", 3)]


def test_disable_without_ids_silences_everything_after_it():
    text = "Order now.\n\n<!-- contentcheck: disable -->\n\nThe best. Order now.\n"
    assert rules_and_lines(text) == [("promotional.calls-to-action", 1)]


def test_html_comment_directives():
    text = "<p>The best.</p><!-- contentcheck: disable-next-line=promotional.superlatives -->\n<p>The best.</p>"
    assert rules_and_lines(text, "a.html") == [("promotional.superlatives", 1)]


def test_unknown_id_in_directive_is_reported():
    text = "<!-- contentcheck: disable=promotional.superlative -->\nThe best.\n"
    findings = check_text(text, "a.md", CONFIG).findings
    assert [(f.rule, f.line) for f in findings] == [("meta.unknown-rule-id", 1), ("promotional.superlatives", 2)]
    assert "promotional.superlative'" in findings[0].message


def test_directive_inside_code_block_does_nothing():
    text = "```\n<!-- contentcheck: disable -->\n```\n\nThe best.\n"
    assert rules_and_lines(text) == [("promotional.superlatives", 5)]


def test_a_directive_in_a_text_file_works_and_is_never_linted():
    text = "<!-- contentcheck: disable-next-line=promotional.superlatives -->\nThe best clinic.\n\nThe best care.\n"
    result = check_text(text, "notes.txt", Config(select=["promotional.superlatives", "grammar.spelling"]))
    assert [(f.rule, f.line) for f in result.findings] == [("promotional.superlatives", 4)]
