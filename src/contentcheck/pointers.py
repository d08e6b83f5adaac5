"""Sentences that send the reader elsewhere ("Learn more about fatigue.", "For information on laboratory
studies, see Question 5.", "Trials can be found on the ClinicalTrials.gov website."), not a sentence
that only ends with a cross-reference ("... with potassium (see Question 3)."). They say where
to go, not something to simplify or to cut as a repeat: their hard words are the destination's names,
and each section of a page may point to the same place."""

from __future__ import annotations

import re

_STARTS = re.compile(
    r"^\W*(?:(?:learn|read|find\s+out)\s+more\b|for\s+more\s+(?:information|details|help)\b|"
    r"for\s+(?:information|details)\s+(?:on|about)\b|see\s+also\b)", re.IGNORECASE)
# "... can be found on the ClinicalTrials.gov website": a place to read, not where a thing occurs ("vitamin
# D can be found in oily fish" says something)
_FOUND_AT = re.compile(
    r"\bcan\s+be\s+found\s+(?:on|at|in|through)\s+(?:(?:https?://|www\.)|(?:the\s+|our\s+|this\s+)?"
    r"(?:[\w.'’-]+\s+){0,3}?(?:websites?|web\s+sites?|sites?|web\s+pages?|pages?|publications?|sections?|"
    r"booklets?|guides?|fact\s+sheets?|links?|summar(?:y|ies))\b)", re.IGNORECASE)


def is_pointer(sentence: str) -> bool:
    """Whether the sentence points to more reading or another part of the page."""
    return bool(_STARTS.match(sentence) or _FOUND_AT.search(sentence))
