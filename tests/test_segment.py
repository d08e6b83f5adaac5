"""Sentence boundaries in the kind of text health articles contain."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contentcheck.segment import split_sentences


def sentences(text):
    return [text[s:e] for s, e in split_sentences(text)]


@pytest.mark.parametrize("text, expected", [
    ("Rest helps. Heat helps too.", ["Rest helps.", "Heat helps too."]),
    ("Dr. Okafor said so. Ask her.", ["Dr. Okafor said so.", "Ask her."]),
    ("Take 3.5 mg daily. Then stop.", ["Take 3.5 mg daily.", "Then stop."]),
    ("Use a painkiller, e.g. ibuprofen, if needed.", ["Use a painkiller, e.g. ibuprofen, if needed."]),
    ("Use a painkiller, i.e. Ibuprofen, if needed.", ["Use a painkiller, i.e. Ibuprofen, if needed."]),
    ("See Fig. 2 for the dose.", ["See Fig. 2 for the dose."]),
    ("Take 5 mg. twice a day.", ["Take 5 mg. twice a day."]),
    ("It was approved in the U.S. in 2019.", ["It was approved in the U.S. in 2019."]),
    ("I live in the U.S. How about you?", ["I live in the U.S.", "How about you?"]),
    ("Written by J. K. Smith for patients.", ["Written by J. K. Smith for patients."]),
    ('"Is it safe?" she asked. "Yes."', ['"Is it safe?" she asked.', '"Yes."']),
    ("Stop! Is it worse? Call 111.", ["Stop!", "Is it worse?", "Call 111."]),
    ("It helps… Then it stops.", ["It helps…", "Then it stops."]),
    ("Some were given vitamin C. IV vitamin C was given for 6 months.",
     ["Some were given vitamin C.", "IV vitamin C was given for 6 months."]),
    ("It spreads like hepatitis B. Vaccines prevent it.", ["It spreads like hepatitis B.", "Vaccines prevent it."]),
    ("Jonas E. Smith led it.", ["Jonas E. Smith led it."]),
])
def test_sentence_boundaries(text, expected):
    assert sentences(text) == expected


def test_offsets_exclude_surrounding_space():
    text = "  One.   Two.  "
    assert split_sentences(text) == ((2, 6), (9, 13))


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="ab.&'’-_ \n\tXé1!", max_size=60), st.integers(min_value=0, max_value=60))
def test_the_word_before_a_full_stop_is_the_run_the_regex_would_find(text, end):
    """_token_before scans backwards for speed; its answer is defined by this regex over a 40-character window."""
    import re

    from contentcheck.segment import _token_before

    end = min(end, len(text))
    match = re.compile(r"([\w.&'’-]*)$").search(text, max(0, end - 40), end)
    assert _token_before(text, end) == (match.group(1) if match else "")
