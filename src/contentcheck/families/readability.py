"""Reading level: document metrics for the report, the grade against the audience's target, and the
sentences that drag it up.

Counts come from one pass over the prose (paragraphs, list items, quotes; not headings, tables, code,
navigation, front matter or a References section), with syllables cached per word. Dale-Chall comes from textstat in one
call per document. The consensus grade is the median of five grade estimates.
"""

from __future__ import annotations

import re
import statistics

from ..document import Document
from ..errors import ConfigError
from ..ruletypes.base import Rule, field_line
from ..textstats import TextStats, combined, sentence_stats

METRIC_KINDS = ("paragraph", "list_item", "blockquote")
FORMULAS = ("consensus_grade", "flesch_kincaid_grade", "smog", "gunning_fog", "coleman_liau", "dale_chall_grade")
DEFAULT_AUDIENCE = "patients"


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
    for token in sentence.split():
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
    from textstat.backend.utils import get_lang_easy_words

    words = _textstat_words(text)
    if not words:
        return 0.0
    easy = get_lang_easy_words("en")
    difficult = len(words) - sum(map(easy.__contains__, map(str.lower, words)))
    share = 100 * difficult / len(words)
    score = 0.1579 * share + 0.0496 * (len(words) / _textstat_sentence_count(text))
    return round(score + (3.6365 if share > 5 else 0.0), 2)


def metric_blocks(document: Document) -> list:
    """The blocks readability is measured on: prose, not headings, tables or a References section."""
    references = document.reference_blocks()
    return [b for b in document.blocks if b.kind in METRIC_KINDS and id(b) not in references]


def document_metrics(document: Document) -> dict:
    """Readability figures for the report's `metrics`, computed once per document."""
    if "metrics" not in document.cache:
        texts, parts = [], []
        for block in metric_blocks(document):
            parts.extend(sentence_stats(document, block))
            texts.extend(sentence.text for sentence in block.sentences)
        stats = combined(parts)
        if not stats.words:
            document.cache["metrics"] = {"words": 0, "sentences": 0, "syllables": 0}
            return document.cache["metrics"]
        dale_chall = dale_chall_score(" ".join(texts))
        grades = [stats.flesch_kincaid_grade(), stats.smog(), stats.gunning_fog(), stats.coleman_liau(),
                  dale_chall_grade(dale_chall)]
        document.cache["metrics"] = {
            "words": stats.words, "sentences": stats.sentences, "syllables": stats.syllables,
            "flesch_reading_ease": round(stats.flesch_reading_ease(), 2),
            "flesch_kincaid_grade": round(stats.flesch_kincaid_grade(), 2),
            "smog": round(stats.smog(), 2), "gunning_fog": round(stats.gunning_fog(), 2),
            "coleman_liau": round(stats.coleman_liau(), 2), "dale_chall": round(dale_chall, 2),
            "dale_chall_grade": dale_chall_grade(dale_chall),
            "consensus_grade": round(statistics.median(grades), 2),
        }
    return document.cache["metrics"]


def audience_of(document: Document) -> str:
    declared = document.metadata.get("audience")
    if isinstance(declared, str) and declared.strip():
        return declared.strip().lower()
    return document.audience or DEFAULT_AUDIENCE


class ReadingLevelRule(Rule):
    """The grade of the article (`report: document`) or of single sentences (`report: sentences`)
    against the target for the document's audience."""

    kind = "reading-level"
    TYPE_FIELDS = {"formula": str, "targets": dict, "min_words": int, "report": str, "margin": (int, float),
                   "sentence_min_words": int}

    def prepare(self, data, path):
        self.formula = data.get("formula", "consensus_grade")
        if self.formula not in FORMULAS:
            raise ConfigError(f"formula must be one of {', '.join(FORMULAS)}", path, field_line(data, "formula"))
        self.targets = dict(data.get("targets") or {DEFAULT_AUDIENCE: 8})
        for audience, target in self.targets.items():
            if target is not None and not isinstance(target, (int, float)):
                raise ConfigError(f"target for '{audience}' must be a number or null (off)", path, field_line(data, "targets"))
        self.min_words = data.get("min_words", 100)
        self.report = data.get("report", "document")
        if self.report not in ("document", "sentences"):
            raise ConfigError("report must be document or sentences", path, field_line(data, "report"))
        self.margin = float(data.get("margin", 6))
        self.sentence_min_words = data.get("sentence_min_words", 12)

    def target_for(self, document: Document) -> float | None:
        declared = document.metadata.get("target_grade")
        if isinstance(declared, (int, float)) and not isinstance(declared, bool):
            return float(declared)
        audience = audience_of(document)
        return self.targets.get(audience, self.targets.get(DEFAULT_AUDIENCE))

    def check(self, document):
        target = self.target_for(document)
        if target is None:
            return  # this audience has no target (professionals, by default)
        metrics = document_metrics(document)
        if self.report == "document":
            value = metrics.get(self.formula)
            if metrics["words"] >= self.min_words and value is not None and value > target:
                name = self.formula.replace("_", " ")
                message = (self.message.replace("{value}", f"{value:.1f}").replace("{target}", f"{target:g}")
                           .replace("{formula}", name).replace("{audience}", audience_of(document)))
                yield self.finding(message, value=value, target=target)
            return
        limit = target + self.margin
        for block in metric_blocks(document):
            for sentence, stats in zip(block.sentences, sentence_stats(document, block)):
                grade = stats.flesch_kincaid_grade()
                if stats.words >= self.sentence_min_words and grade > limit:
                    start, end = block.to_source(sentence.start, sentence.end)
                    message = self.message.replace("{value}", f"{grade:.1f}").replace("{target}", f"{target:g}")
                    yield self.finding(message, start, end, value=round(grade, 2),
                                       suggestion="Split the sentence and use shorter, everyday words.")
