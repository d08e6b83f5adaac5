"""Document metrics against the published formulas, computed by hand here, and the audience targets."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contentcheck import Config, check_text
from contentcheck.textstats import TextStats, syllables

TEXT = "The cat sat on the mat. It was a sunny day. The cat was happy."


def test_counts_of_a_known_text():
    stats = TextStats()
    for sentence in ("The cat sat on the mat.", "It was a sunny day.", "The cat was happy."):
        stats.add_text(sentence)
    assert (stats.words, stats.sentences, stats.syllables) == (15, 3, 17)
    assert [syllables(w) for w in ("sunny", "happy", "medication", "ibuprofen")] == [2, 2, 4, 4]


def test_letters_and_long_words_count_joined_words_once():
    stats = TextStats()
    stats.add_text("Anti-inflammatory drugs don't suit everyone, e.g. U.S. patients.")
    # joiners (- ' .) are not letters; "e.g" and "U.S" are one word each
    assert (stats.words, stats.letters, stats.long_words) == (8, 49, 3)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["The", "cat", "medication", "isn't", "U.S.", "e.g.", "anti-inflammatory",
                                 "ibuprofen", "3.5", "mg", "naïve", "rock’n’roll", "—", ",", "(see", "2020."]),
                max_size=40))
def test_sentence_totals_are_the_sums_of_each_words_counts(words):
    import re

    from contentcheck import textstats

    text = " ".join(words)
    stats = TextStats()
    stats.add_text(text)
    found = textstats.words(text)
    assert stats.words == len(found)
    assert stats.syllables == sum(syllables(w) for w in found)
    assert stats.polysyllables == sum(syllables(w) >= 3 for w in found)
    assert stats.letters == sum(len(re.findall(r"[^\W_]", w)) for w in found)
    assert stats.long_words == sum(len(w) > 6 for w in found)


def test_formulas_match_the_published_definitions():
    stats = TextStats(words=100, sentences=5, syllables=150, polysyllables=10, letters=450)
    # Flesch reading ease: 206.835 - 1.015 (words/sentences) - 84.6 (syllables/words)
    assert stats.flesch_reading_ease() == pytest.approx(206.835 - 1.015 * 20 - 84.6 * 1.5)
    # Flesch-Kincaid grade: 0.39 (words/sentences) + 11.8 (syllables/words) - 15.59
    assert stats.flesch_kincaid_grade() == pytest.approx(0.39 * 20 + 11.8 * 1.5 - 15.59)
    # SMOG: 1.0430 sqrt(polysyllables x 30 / sentences) + 3.1291
    assert stats.smog() == pytest.approx(1.0430 * math.sqrt(10 * 30 / 5) + 3.1291)
    # Gunning fog: 0.4 (words/sentences + 100 complex/words)
    assert stats.gunning_fog() == pytest.approx(0.4 * (20 + 10))
    # Coleman-Liau: 0.0588 L - 0.296 S - 15.8 (L letters, S sentences per 100 words)
    assert stats.coleman_liau() == pytest.approx(0.0588 * 450 - 0.296 * 5 - 15.8)


def test_report_metrics_agree_with_textstat_for_flesch_kincaid():
    import textstat

    metrics = check_text(TEXT, "a.txt").metrics
    assert metrics["flesch_kincaid_grade"] == pytest.approx(textstat.flesch_kincaid_grade(TEXT), abs=0.01)
    assert set(metrics) >= {"words", "sentences", "syllables", "flesch_reading_ease", "flesch_kincaid_grade",
                            "smog", "gunning_fog", "coleman_liau", "dale_chall", "consensus_grade"}


def test_dale_chall_matches_textstat_on_the_samples():
    import textstat

    from contentcheck.metrics import dale_chall_score
    from contentcheck.registry import parse

    for path in sorted((__import__("pathlib").Path(__file__).resolve().parents[1] / "samples").glob("*.*")):
        if path.suffix in (".md", ".html", ".txt"):
            text = " ".join(b.text for b in parse(path.read_text(), str(path)).blocks)
            assert dale_chall_score(text) == pytest.approx(textstat.dale_chall_readability_score(text), abs=0.01), path


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["The", "cat", "medication", "isn't", "'twas", "rock 'n' roll", "U.S.", "e.g.",
                                 "Dr.", "it's", "-", "--", "...", "!", "?", ".", "3.5", "mg", "(see", "below)",
                                 "“quoted”", "Smith,", "2020.", "a", "ok?", "\n"]), max_size=60))
def test_dale_chall_matches_textstat_on_any_text(words):
    """The score is textstat's own steps written out for speed; any text must score the same."""
    import textstat

    from contentcheck.metrics import dale_chall_score

    text = " ".join(words)
    assert dale_chall_score(text) == round(textstat.dale_chall_readability_score(text), 2)


def test_metrics_cover_prose_only():
    markdown = "---\ntitle: Extraordinarily complicated pharmacological considerations\n---\n# Heading words\n\n" \
               "The cat sat on the mat.\n\n```\nextraordinarily complicated pharmacological code\n```\n\n" \
               "## References\n\n1. Extraordinarily complicated pharmacological considerations, 2020.\n"
    assert check_text(markdown, "a.md").metrics["words"] == 6


HARD = ("Individuals experiencing persistent musculoskeletal discomfort frequently demonstrate considerable "
        "functional limitation. ") * 12


@pytest.mark.parametrize("front_matter, expected", [
    ("", ["readability.grade-level"]),
    ("audience: professionals\n", []),
    ("target_grade: 40\n", []),
])
def test_grade_target_follows_audience_and_front_matter(front_matter, expected):
    text = f"---\n{front_matter}health: false\n---\n{HARD}\n" if front_matter else HARD
    rules = [f.rule for f in check_text(text, "a.md", Config(select=["readability.grade-level"])).findings]
    assert rules == expected


def test_audience_per_glob_from_config(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # outside git, configs are found up to the current folder
    (tmp_path / ".contentcheck.yaml").write_text(
        "select: [readability.grade-level]\noverrides:\n  - files: ['pro/**']\n    audience: professionals\n")
    (tmp_path / "pro").mkdir()
    for folder in (tmp_path, tmp_path / "pro"):
        (folder / "a.md").write_text(HARD)
    from contentcheck import check_paths

    report = check_paths([str(tmp_path)])
    assert [(r.path.endswith("pro/a.md"), len(r.findings)) for r in report.files] == [(False, 1), (True, 0)]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=60))
def test_textstat_words_of_ascii_text_are_the_regex_steps(text):
    """ASCII text drops its punctuation by a faster path than textstat's regex; the words must be the same."""
    from contentcheck import metrics

    expected = metrics._PUNCTUATION.sub("", metrics._NON_CONTRACTION_APOSTROPHE.sub("", text)).split()
    assert metrics._textstat_words(text) == expected


HARD_AND_LONG = ("Individuals experiencing persistent musculoskeletal discomfort frequently demonstrate considerable "
                 "functional limitation during occupational activities and recreational pursuits, necessitating "
                 "comprehensive multidisciplinary evaluation, individualised physiotherapeutic intervention and "
                 "occasionally pharmacological optimisation in specialist settings.")


def test_a_long_hard_sentence_gets_one_finding_the_long_sentence_rules():
    both = ["readability.long-sentence", "readability.hard-sentence"]
    found = check_text(HARD_AND_LONG, path="a.txt", config=Config(select=both)).findings
    assert [f.rule for f in found] == ["readability.long-sentence"]


def test_with_the_long_sentence_rule_off_the_hard_sentence_rule_reports_it():
    config = Config(select=["readability"], ignore=["readability.long-sentence"])
    found = check_text(HARD_AND_LONG, path="a.txt", config=config).findings
    assert [f.rule for f in found] == ["readability.hard-sentence"]
