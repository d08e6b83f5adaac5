"""existence: flag every occurrence of a phrase or pattern, unless an exception or its context clears it.

Context checks, each switched on per rule in YAML:
- `skip_negated`: a negator shortly before the match ("there is no cure", "does not guarantee");
- `warning_cues`: the sentence warns the reader about the phrase ("be wary of products promising
  'guaranteed results'"), so it is quoted or discussed, not used;
- `skip_quoted`: the phrase stands alone in quotation marks ('A word about "miracle" products'): the
  writer mentions the word, they do not use it. A quoted sentence that uses it is still found.
- `quoted: {severity, message}`: the match is inside someone's quoted words ("'These are the best
  results we have seen,' said Dr Benson"). A page that reports them does not make the claim itself, so
  the finding gets this severity and message, unless the page sells (a quoted testimonial on a sales
  page is the seller's own promotion).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from ..commerce import sells
from ..errors import ConfigError
from ..finding import SEVERITIES
from ..patterns import Matcher, matches_outside_exceptions
from ..registry import rule_type
from ..rule import Rule, field_line, item_lines

NEGATORS = frozenset("no not never without nothing none neither nor cannot can't isn't aren't doesn't don't "
                     "won't wasn't weren't lacks lack".split())
_WORD_BEFORE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
NEGATION_WINDOW = 3  # words before the match
_NEGATION_REACH = 120  # characters before the match to look in: three words fit, and a 40,000-word
# sentence full of matches costs each match this much, not the whole sentence before it


def negated(text: str, sentence_start: int, match_start: int) -> bool:
    start = max(sentence_start, match_start - _NEGATION_REACH)
    words = _WORD_BEFORE.findall(text[start:match_start].lower().replace("’", "'"))
    if start > sentence_start and words and text[start - 1].isalnum():
        words = words[1:]  # the reach cut this word in two: its tail is no word
    return any(w in NEGATORS or w.endswith("n't") for w in words[-NEGATION_WINDOW:])


def scare_quoted(text: str, start: int, end: int) -> bool:
    """The match, and nothing else, stands between quotation marks."""
    return start > 0 and end < len(text) and text[start - 1] in "\"“‘'" and text[end] in "\"”’'"


def inside_quotation(text: str, start: int) -> bool:
    """A quotation mark opened before `start` in the paragraph is not yet closed."""
    opening, closing, straight = _quotation_marks(text)
    last_opening = opening[bisect_left(opening, start) - 1] if bisect_left(opening, start) else -1
    last_closing = closing[bisect_left(closing, start) - 1] if bisect_left(closing, start) else -1
    return last_opening > last_closing or bisect_left(straight, start) % 2 == 1


@lru_cache(maxsize=16)
def _quotation_marks(text: str) -> tuple[list[int], list[int], list[int]]:
    """Where each kind of quotation mark stands in a paragraph, found once for all its matches."""
    return ([m.start() for m in re.finditer("“", text)], [m.start() for m in re.finditer("”", text)],
            [m.start() for m in re.finditer('"', text)])


@rule_type
class ExistenceRule(Rule):
    kind = "existence"
    PLACEHOLDERS = frozenset({"match"})
    TYPE_FIELDS = {"tokens": list, "patterns": list, "ignorecase": bool, "nonword": bool, "exceptions": list,
                   "exception_patterns": list, "skip_negated": bool, "warning_cues": list, "skip_quoted": bool,
                   "quoted": dict}

    def prepare(self, data, path):
        tokens = [str(t) for t in data.get("tokens") or []]
        patterns = [str(p) for p in data.get("patterns") or []]
        if not tokens and not patterns:
            raise ConfigError("an existence rule needs 'tokens' or 'patterns'", path, getattr(data, "line", None))
        ignorecase = data.get("ignorecase", True)
        self.matcher = Matcher(tokens, patterns, ignorecase, not data.get("nonword", False), path,
                               field_line(data, "tokens") or field_line(data, "patterns"),
                               pattern_lines=item_lines(data, "patterns"))
        self.exceptions = Matcher([str(e) for e in data.get("exceptions") or []],
                                  [str(p) for p in data.get("exception_patterns") or []], ignorecase, True, path,
                                  field_line(data, "exceptions"), pattern_lines=item_lines(data, "exception_patterns"))
        self.skip_negated = data.get("skip_negated", False)
        self.skip_quoted = data.get("skip_quoted", False)
        quoted = data.get("quoted") or {}
        self.quoted_severity = quoted.get("severity")
        self.quoted_message = quoted.get("message")
        if quoted and self.quoted_severity not in SEVERITIES:
            raise ConfigError(f"quoted.severity must be one of {', '.join(SEVERITIES)}", path,
                              field_line(data, "quoted"))
        if self.quoted_message:
            self._check_placeholders(str(self.quoted_message), path, field_line(data, "quoted"))
        self.warning_cues = Matcher([str(c) for c in data.get("warning_cues") or []], (), True, True, path,
                                    field_line(data, "warning_cues"))

    def check(self, document):
        cued: dict[tuple[int, int], bool] = {}  # (block, sentence) -> has a warning cue, searched once
        for block, start, end in matches_outside_exceptions(self.matcher, self.exceptions, document,
                                                            document.blocks):
            if self.skip_quoted and scare_quoted(block.text, start, end):
                continue
            if (self.skip_negated or not self.warning_cues.empty) and self._cleared_by_context(block, start, cued):
                continue
            if self.quoted_severity and inside_quotation(block.text, start) and not sells(document):
                finding = self.match_finding(block, start, end, message=self.quoted_message)
                finding.severity = self.quoted_severity
                yield finding
            else:
                yield self.match_finding(block, start, end)

    def _cleared_by_context(self, block, start: int, cued: dict[tuple[int, int], bool]) -> bool:
        index = block.sentence_index(start)
        if index is None:
            return False
        sentence = block.sentences[index]
        if self.skip_negated and negated(block.text, sentence.start, start):
            return True
        if (id(block), index) not in cued:
            cued[id(block), index] = bool(self.warning_cues.search(sentence.text))
        return cued[id(block), index]
