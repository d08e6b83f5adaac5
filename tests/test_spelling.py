"""Spelling: the words flagged, and the links and addresses left alone, whatever script the page uses."""

from hypothesis import given, settings
from hypothesis import strategies as st

from contentcheck import Config, check_text

SPELLING = Config(select=["grammar.spelling"])
WORDS = ["Patients", "recieve", "the", "medicine", "Ibuprofen", "helps", "write", "to", "drjonez@clinic.healthmaill",
         "see", "www.nhs.uk/conditions", "https://example.com/trestment", "mycliniq.com", "anti-inflamatory",
         "paracetamol", "colour", "it's", "Definately", ",", "."]


def flagged(text: str, within: int | None = None) -> list[str]:
    """The flagged words, those starting before `within` if it is given."""
    findings = check_text(text, "a.txt", SPELLING).findings
    return [text[f.start:f.end] for f in findings if within is None or f.start < within]


def test_misspellings_are_flagged_and_addresses_are_not():
    text = "Patients recieve help at www.mycliniqe.com or drjonez@cliniqe.healthmaill. Definately, it helps."
    assert flagged(text) == ["recieve", "Definately"]
    assert flagged("Café notes: " + text) == ["recieve", "Definately"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=30))
def test_an_accented_word_elsewhere_does_not_change_what_is_flagged(words):
    """Plain-ASCII paragraphs take a faster path than paragraphs with other letters; both must agree."""
    text = " ".join(words)
    assert flagged(f"{text} Café crème.", within=len(text)) == flagged(text)
