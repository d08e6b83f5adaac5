"""Duplicated text inside one article: sentences pasted twice, clauses repeated back to back,
sentences and paragraphs left in twice with a few words changed.

Sentences are compared as word sequences (case, punctuation and quote style ignored). Near
duplicates use word-level edit similarity (rapidfuzz) over content words, so "a few words changed,
added or dropped" is measured directly; sentences that merely share a long medical term, or share
a sentence skeleton with different facts, score low.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from ..document import RUNNING_TEXT, Block, BlockKind, Document
from ..errors import ConfigError
from ..finding import SEVERITIES
from ..pointers import is_pointer
from ..registry import rule_type
from ..rule import Rule, field_line
from ..words import WORD, words_with_offsets

# Function words carry no facts; near-duplicates are compared on the other words, so sentences that
# share a skeleton ("For about 37% of children, X may ease Y") but not their facts are told apart.
STOPWORDS = frozenset("""
    a about above after again against all also am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have having
    he her here hers herself him himself his how i if in into is it its itself just may me might more most must
    my myself no nor not now of off on once only or other our ours ourselves out over own same shall she should
    so some such than that the their theirs them themselves then there these they this those through to too
    under until up very was we were what when where which while who whom why will with would you your yours
    yourself yourselves
""".split())
_OPENING_QUOTES = "\"“‘'«"
MAX_NEAR_UNITS = 3000  # near-duplicate comparison is all pairs within one document; longer ones get a note
# Earlier sentences kept per sentence, for near and exact copies alike: a page that repeats one
# sentence 3,000 times made 4.5 million pairs (2 GB); the findings need one, the paragraph rule a few.
MATCHES_PER_SENTENCE = 20
# A reworded copy keeps much of its whole wording, function words and order included; the same content
# words arranged into another statement ("A baby can have a cleft lip, a cleft palate, or both." /
# "Children with a cleft lip also can have a cleft palate.": 25%) are not one.
WHOLE_SENTENCE_FLOOR = 0.5
CLAUSE_WINDOW = 200  # a repeated clause is local: within this many words of its first copy


@dataclass
class Unit:
    """One sentence as the duplicate checks see it."""

    block: Block
    start: int  # offsets in block text
    end: int
    words: tuple[str, ...]
    index_in_block: int
    key: str  # the words joined by spaces: exact repeats are equal keys (every unit needs it, so no lazy property)


def is_quotation(text: str) -> bool:
    stripped = text.strip()
    return len(stripped) > 1 and stripped[0] in _OPENING_QUOTES


def sentence_units(document: Document, include_quotes=False, min_words=1) -> list[Unit]:
    """Sentences of the document's blocks that the duplicate checks compare; computed once per scope and
    settings, from one list of every sentence (the rules differ only in the shortest they compare)."""
    if min_words <= 1:
        return document.scoped_memo((sentence_units, include_quotes), lambda: _sentence_units(document, include_quotes))
    return document.scoped_memo((sentence_units, include_quotes, min_words),
                                lambda: [unit for unit in sentence_units(document, include_quotes)
                                         if len(unit.words) >= min_words])


def _sentence_units(document: Document, include_quotes) -> list[Unit]:
    units = []
    for block in document.blocks:
        if block.quoted and not include_quotes:
            continue
        for index, (sentence, words) in enumerate(zip(block.sentences, block.sentence_words)):
            if not include_quotes and is_quotation(sentence.text):
                continue
            if words:
                units.append(Unit(block, sentence.start, sentence.end, words, index, " ".join(words)))
    return units


_ITEM_MARKER = re.compile(r"[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+$")


def _whole_item_line(source: str, start: int, end: int) -> tuple[int, int]:
    """A list item deleted whole goes with its marker and line ("- item\n"), not leaving "- " behind;
    when the line holds more than the item and its marker (HTML), only the item's text goes."""
    line_start = source.rfind("\n", 0, start) + 1
    line_end = source.find("\n", end)
    line_end = len(source) if line_end < 0 else line_end + 1
    if _ITEM_MARKER.fullmatch(source, line_start, start) and not source[end:line_end].strip():
        return line_start, line_end
    return start, end


def removal_span(unit: Unit) -> tuple[int, int]:
    """Block-text span that deletes a sentence and the space that joined it to its neighbour."""
    sentences = unit.block.sentences
    if unit.index_in_block > 0:
        return sentences[unit.index_in_block - 1].end, unit.end
    if len(sentences) > 1:
        return unit.start, sentences[1].start
    return 0, len(unit.block.text)


class DuplicateRuleBase(Rule):
    TYPE_FIELDS = {"min_words": int, "threshold": float, "include_quotes": bool, "min_share": float}
    DEFAULT_SCOPE = RUNNING_TEXT
    SKIP_REFERENCES = False  # a reference pasted twice is a duplicate too

    def prepare(self, data, path):
        self.min_words = data.get("min_words", 6)
        self.threshold = float(data.get("threshold", 0.8))
        self.include_quotes = data.get("include_quotes", False)
        self.min_share = float(data.get("min_share", 0.5))
        if not 0 < self.threshold <= 1:
            raise ConfigError("threshold must be between 0 and 1", path, field_line(data, "threshold"))

    def units(self, document: Document) -> list[Unit]:
        return sentence_units(document, self.include_quotes, self.min_words)

    def paragraph_duplicates(self, document: Document):
        return paragraph_duplicates(document, self.include_quotes, self.min_words, self.threshold, self.min_share)

    def fix_for(self, unit: Unit, source: str) -> dict:
        start, end = removal_span(unit)
        source_start, source_end = unit.block.to_source(start, end)
        if unit.block.kind == BlockKind.LIST_ITEM and (start, end) == (0, len(unit.block.text)):
            source_start, source_end = _whole_item_line(source, source_start, source_end)
        return {"start": source_start, "end": source_end, "replacement": ""}


@rule_type
class DuplicateSentenceRule(DuplicateRuleBase):
    """The same sentence twice in one article; the finding sits on the later copy."""

    kind = "duplicate-sentence"
    PLACEHOLDERS = frozenset({"line"})

    def check(self, document):
        first_seen: dict[str, Unit] = {}
        units = self.units(document)
        for index, unit in enumerate(units):
            earlier = first_seen.setdefault(unit.key, unit)
            if earlier is unit:
                continue
            if deliberate_repeat(document, earlier, unit):
                continue
            line = document.lines.position(earlier.block.source_offset(earlier.start))[0]
            start, end = unit.block.to_source(unit.start, unit.end)
            fix = self.fix_for(unit, document.source)
            if earlier.block is not unit.block and units[index - 1] is not earlier:
                # copies in different paragraphs ("Notes to editors" repeating the lead): which one
                # to keep is the editor's call, so --fix leaves it unless told --unsafe-fixes
                fix["applicability"] = "unsafe"
            yield self.finding(self.render(line=line), start, end,
                               suggestion="Delete this copy of the sentence.", fix=fix, duplicate_of={"line": line})


# Sections that restate the article in brief: a point made there is made again, on purpose, below.
SUMMARY_HEADING = re.compile(r"^\s*(?:overview|(?:quick |short )?summary|in (?:brief|short|summary)|at a glance|"
                             r"(?:key|main|quick) (?:points|facts|messages|takeaways|findings)|(?:key )?takeaways|"
                             r"highlights|tl;? ?dr|what you need to know)\s*:?\s*$", re.IGNORECASE)
_NEGATORS = frozenset({"no", "not", "never", "none", "without", "nor"})
_NEGATING_PREFIXES = ("un", "in", "im", "ir", "il", "ab", "non", "dis", "a")


# A restatement the writer announces: "As a reminder, ...", "As previously mentioned, ...", "Again, ..."
_ANNOUNCED_RESTATEMENT = re.compile(
    r"\W*(?:as\s+(?:a\s+reminder|(?:previously|already|earlier)\s+(?:mentioned|stated|noted|discussed|said|explained)|"
    r"(?:mentioned|stated|noted|discussed|said|explained)\s+(?:above|earlier|before)|we\s+(?:said|mentioned|noted))|"
    r"(?:once\s+)?again|to\s+(?:repeat|recap|reiterate|sum\s+up)|remember)\b", re.IGNORECASE)


def deliberate_repeat(document: Document, first: Unit, second: Unit) -> bool:
    """A repeat a writer makes on purpose, not a paste: a point restated from (or in) a summary
    section or announced as one ("As a reminder, ..."), a lead-in label ("Tips on when to eat:")
    opening two lists, a pointer to more reading, the same entry in two checklists, and, for sentences
    that differ, two items of one list ("False-negative results can occur." / "False-positive results
    can occur.") or a pair that says the opposite."""
    if any(SUMMARY_HEADING.match(document.heading_of(unit.block)) for unit in (first, second)):
        return True
    text = second.block.text[second.start:second.end]
    if text.rstrip().endswith(":") or is_pointer(text) or _ANNOUNCED_RESTATEMENT.match(text):
        return True
    if _items_of_two_lists(document, first, second):
        return True
    return first.key != second.key and (_items_of_one_list(document, first, second) or _opposites(first, second))


def _list_items_between(document: Document, first: Unit, second: Unit) -> list[Block] | None:
    """The blocks from the first copy's to the second's, both included, when both are list items."""
    if first.block.kind != BlockKind.LIST_ITEM or second.block.kind != BlockKind.LIST_ITEM:
        return None
    order = document.memo("block order", lambda: {id(b): i for i, b in enumerate(document.whole.blocks)})
    low, high = sorted(order.get(id(b), -1) for b in (first.block, second.block))
    return document.whole.blocks[low:high + 1] if low >= 0 else None


def _items_of_two_lists(document: Document, first: Unit, second: Unit) -> bool:
    """Both copies are in list items, in lists with something else (a heading, a paragraph, an item
    that opens a sub-list: "Risk factors for melanoma:") between them: the same entry in two
    checklists is written twice on purpose; the same entry twice in one list is a paste."""
    between = _list_items_between(document, first, second)
    return between is not None and any(b.kind != BlockKind.LIST_ITEM or b.text.rstrip().rstrip("*_").endswith(":")
                                       for b in between[1:-1])


def _items_of_one_list(document: Document, first: Unit, second: Unit) -> bool:
    """Two items of one list: a list names different things in the same form."""
    between = _list_items_between(document, first, second)
    return (between is not None and first.block is not second.block
            and all(b.kind == BlockKind.LIST_ITEM for b in between))


def _opposites(first: Unit, second: Unit) -> bool:
    """The words that differ turn one sentence into its opposite: a negation added or dropped, or a
    word against its negative ("normal" / "abnormal", "likely" / "unlikely")."""
    one, other = set(first.words), set(second.words)
    if (one ^ other) & _NEGATORS:
        return True
    return any(word == prefix + base or base == prefix + word
               for word in one - other for base in other - one for prefix in _NEGATING_PREFIXES)


@rule_type
class RepeatedClauseRule(DuplicateRuleBase):
    """A run of words repeated back to back (a paste: the rule's severity, fixable), or twice inside one
    sentence (often a parallel an editor may keep: `within_sentence_severity`)."""

    kind = "repeated-clause"
    PLACEHOLDERS = frozenset({"words", "repeated", "where"})
    TYPE_FIELDS = {**DuplicateRuleBase.TYPE_FIELDS, "within_sentence_severity": str}

    def prepare(self, data, path):
        super().prepare(data, path)
        self.within_sentence_severity = data.get("within_sentence_severity", self.severity)
        if self.within_sentence_severity not in SEVERITIES:
            raise ConfigError(f"within_sentence_severity must be one of {', '.join(SEVERITIES)}", path,
                              field_line(data, "within_sentence_severity"))

    def with_severity(self, severity: str) -> RepeatedClauseRule:
        rule = super().with_severity(severity)
        rule.within_sentence_severity = severity  # a severity the config sets holds for both kinds
        return rule

    def check(self, document):
        for block in document.blocks:
            yield from self._check_block(block)

    def _check_block(self, block: Block):
        n = self.min_words
        words = block.words
        grams = list(zip(*(words[i:] for i in range(n))))
        if len(grams) < n + 1:
            return
        counts = Counter(grams)
        if len(counts) == len(grams):
            return  # no run of n words occurs twice: the usual case
        per_sentence = block.sentence_words
        sentence_of = [index for index, sentence in enumerate(per_sentence) for _ in sentence]
        tokens = None  # word offsets, found only when a repeat is reported
        seen: dict[tuple[str, ...], list[int]] = {}
        covered_until = -1
        for q, gram in enumerate(grams):
            if counts[gram] < 2:
                continue  # a run of words found once is no one's copy
            judged_until = -1  # the end of a run judged no paste here: its shorter tails are not either
            for p in seen.get(gram, ()):
                if q < p + n or q <= covered_until or q - p > CLAUSE_WINDOW:
                    continue
                length = n
                while q + length < len(words) and p + length < q and words[p + length] == words[q + length]:
                    length += 1
                back_to_back = q == p + length
                same_sentence = sentence_of[p] == sentence_of[q + length - 1]
                if not (back_to_back or same_sentence):
                    continue
                judged_until = max(judged_until, q + length - 1)
                if back_to_back and sentence_of[q - 1] != sentence_of[q]:
                    continue  # a sentence's last words open the next: "... under section 5. Under section 5, a drug"
                if not back_to_back and _parallel(words, p, q, length):
                    continue  # "79 percent of patients in the drug group and 77 percent of patients in ..."
                tokens = tokens or words_with_offsets(block.text)
                if not back_to_back and ";" in block.text[tokens[p + length - 1][2]:tokens[q][1]]:
                    continue  # clauses of a list, each its own part: "were assigned to X; others were assigned to X"
                if self._whole_sentences(block, p, q, length, sentence_of):
                    continue  # two identical sentences: duplicates.sentence reports those
                start, end = tokens[q][1], tokens[q + length - 1][2]
                if not back_to_back and _title_case(block.text[start:end]):
                    continue  # a title's words in two titles ("Yoga: What You Need to Know", a list of page titles)
                covered_until = q + length - 1
                source_start, source_end = block.to_source(start, end)
                extra = {}
                if back_to_back:
                    fix_start, _ = block.to_source(tokens[q - 1][2], tokens[q - 1][2])
                    extra["fix"] = {"start": fix_start, "end": source_end, "replacement": ""}
                suggestion = "Delete the repeated words." if back_to_back else "Rephrase so the words appear once."
                message = self.render(words=length, repeated=block.text[start:end],
                                      where="back to back" if back_to_back else "in this sentence")
                finding = self.finding(message, source_start, source_end, suggestion=suggestion, **extra)
                if not back_to_back:
                    finding.severity = self.within_sentence_severity
                yield finding
                break
            else:
                covered_until = max(covered_until, judged_until)
            positions = seen.setdefault(gram, [])
            positions.append(q)
            if len(positions) > 4:
                del positions[0]  # only recent copies can be local repeats; keeps a long text linear

    @staticmethod
    def _whole_sentences(block, p, q, length, sentence_of) -> bool:
        """Words p.. and q.. are two whole sentences, each starting right at its first word."""
        first, second = sentence_of[p], sentence_of[q]
        if first == second:
            return False
        words = block.sentence_words
        return (p == sentence_of.index(first) and q == sentence_of.index(second)
                and len(words[first]) == length and len(words[second]) == length
                and _starts_with_word(block.sentences[first].text) and _starts_with_word(block.sentences[second].text))


def _title_case(text: str) -> bool:
    """Every word of four letters or more starts with a capital, and two or more do: a title's words."""
    long_words = [word for word in WORD.findall(text) if len(word) >= 4]
    return len(long_words) >= 2 and all(word[0].isupper() for word in long_words)


def _parallel(words: list[str], p: int, q: int, length: int) -> bool:
    """The two copies differ in one of the three words before them and in what follows them (a word,
    or the end of the text after the second): a parallel comparison ("in men aged 35 or older and in
    women aged 35 or older", "a bivalent vaccine that protects against infection with HPV types 16 and
    18, and a quadrivalent vaccine that protects against infection with HPV types 6, 11...") or a list
    of like items ("(used in 3 percent of the patients), or other treatments (used in 3 percent of the
    patients)") has other slots filled; a clause pasted twice does not."""
    after_p, after_q = p + length, q + length
    before_differs = any(p >= back and words[p - back] != words[q - back] for back in (1, 2, 3))
    return before_differs and (after_q >= len(words) or words[after_p] != words[after_q])


def _starts_with_word(text: str) -> bool:
    return WORD.match(text) is not None


def _as_strings(units: list[Unit]) -> list[str]:
    """Each unit's content words as one character each, so rapidfuzz's C++ edit distance works on
    words. Only whether two characters are equal matters, so the document's words get theirs in any
    order; stop words map to nothing, which leaves them out."""
    words = set().union(*(unit.words for unit in units))
    codes = {word: "" if word in STOPWORDS else chr(0x4E00 + index) for index, word in enumerate(words)}
    return ["".join(map(codes.__getitem__, unit.words)) for unit in units]


def near_pairs(document: Document, include_quotes: bool, min_words: int,
               threshold: float) -> list[tuple[int, int, float]]:
    """(earlier, later, similarity) between sentence_units that differ by a few words, exact copies excluded."""
    units = sentence_units(document, include_quotes, min_words)
    return document.scoped_memo((near_pairs, include_quotes, min_words, threshold),
                                lambda: _near_pairs(units, threshold))


def _near_pairs(units: list[Unit], threshold: float) -> list[tuple[int, int, float]]:
    if len(units) < 2 or len(units) > MAX_NEAR_UNITS:
        return []
    strings = _as_strings(units)
    pairs = []
    for later in range(1, len(units)):
        if len(strings[later]) < 3:
            continue
        # One C++ call per sentence against every earlier one, keeping those at or above the threshold.
        for _, score, earlier in process.extract(strings[later], strings[:later],
                                                 scorer=Levenshtein.normalized_similarity,
                                                 score_cutoff=threshold, limit=MATCHES_PER_SENTENCE):
            if units[later].key != units[earlier].key and Levenshtein.normalized_similarity(
                    units[later].words, units[earlier].words) >= WHOLE_SENTENCE_FLOOR:
                pairs.append((earlier, later, float(score)))
    pairs.sort(key=lambda pair: (pair[1], pair[0]))
    return pairs


@rule_type
class NearDuplicateSentenceRule(DuplicateRuleBase):
    """The same sentence left in twice with a few words changed, added or dropped."""

    kind = "near-duplicate-sentence"
    PLACEHOLDERS = frozenset({"line", "similarity"})

    def check(self, document):
        units = self.units(document)
        if len(units) > MAX_NEAR_UNITS:
            document.note(f"duplicates: near-duplicate sentences not compared in {document.path} "
                          f"({len(units):,} sentences; the limit is {MAX_NEAR_UNITS:,})")
        reported = set()
        paragraph_dups = self.paragraph_duplicates(document)
        in_dup_paragraph = {block for block, *_ in paragraph_dups}
        for earlier, later, score in near_pairs(document, self.include_quotes, self.min_words, self.threshold):
            unit = units[later]
            if later in reported or unit.block in in_dup_paragraph:
                continue
            first = units[earlier]
            if deliberate_repeat(document, first, unit):
                continue
            reported.add(later)
            line = document.lines.position(first.block.source_offset(first.start))[0]
            start, end = unit.block.to_source(unit.start, unit.end)
            yield self.finding(self.render(line=line, similarity=f"{score:.0%}"), start, end,
                               suggestion="Keep one version of this sentence.",
                               similarity=round(score, 3), duplicate_of={"line": line})


def paragraph_duplicates(document: Document, include_quotes: bool, min_words: int, threshold: float, min_share: float):
    """Later paragraphs most of whose sentences re-appear (exactly or reworded) in one earlier paragraph."""
    return document.scoped_memo(
        (paragraph_duplicates, include_quotes, min_words, threshold, min_share),
        lambda: _paragraph_duplicates(document, include_quotes, min_words, threshold, min_share))


def _paragraph_duplicates(document: Document, include_quotes: bool, min_words: int, threshold: float, min_share: float):
    units = sentence_units(document, include_quotes, min_words)
    by_block: dict[Block, list[int]] = {}
    for index, unit in enumerate(units):
        by_block.setdefault(unit.block, []).append(index)
    matches: dict[tuple[Block, Block], set[int]] = {}
    pairs = list(near_pairs(document, include_quotes, min_words, threshold))
    exact: dict[str, list[int]] = {}
    for index, unit in enumerate(units):
        exact.setdefault(unit.key, []).append(index)
    for indexes in exact.values():
        if len(indexes) > 1:  # most sentences occur once
            pairs += [(a, b, 1.0) for i, b in enumerate(indexes) for a in indexes[:min(i, MATCHES_PER_SENTENCE)]]
    for earlier, later, _ in pairs:
        a, b = units[earlier].block, units[later].block
        if a is not b:
            matches.setdefault((b, a), set()).add(later)
    results = []
    for (later_block, earlier_block), matched in matches.items():
        total = len(by_block[later_block])
        if total >= 2 and len(matched) >= 2 and len(matched) / total >= min_share:
            results.append((later_block, earlier_block, len(matched), total))
    return results


@rule_type
class DuplicateParagraphRule(DuplicateRuleBase):
    """A paragraph whose sentences mostly re-appear, reworded, in an earlier paragraph."""

    kind = "duplicate-paragraph"
    PLACEHOLDERS = frozenset({"line", "matched", "total"})

    def check(self, document):
        for block, earlier, matched, total in self.paragraph_duplicates(document):
            line = document.lines.position(earlier.source_start)[0]
            yield self.finding(self.render(line=line, matched=matched, total=total), block.source_start,
                               block.source_end,
                               suggestion="Merge the two paragraphs or delete one.", duplicate_of={"line": line})
