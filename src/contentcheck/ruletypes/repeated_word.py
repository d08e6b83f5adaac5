"""repeated-word: the same word twice in a row ("at at the clinic", "the the"), a slip that survives
proofreading because the eye skips it. Only white space may stand between the two (a line break
included), so "no, no" and "very, very" are left alone; `exceptions` lists words that are correctly
doubled ("had had", "that that"). Deleting the second copy is a safe fix.
"""

from __future__ import annotations

import re

from ..registry import rule_type
from ..rule import Rule

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


@rule_type
class RepeatedWordRule(Rule):
    kind = "repeated-word"
    TYPE_FIELDS = {"exceptions": list}
    PLACEHOLDERS = frozenset({"match", "word"})

    def prepare(self, data, path):
        self.exceptions = {str(word).lower() for word in data.get("exceptions") or []}

    def check(self, document):
        for block in document.blocks:
            text = block.text
            previous = None
            for match in _WORD.finditer(text):
                if previous is not None and match.group().lower() == previous.group().lower() \
                        and text[previous.end():match.start()].isspace() \
                        and not match.group().isdigit() and match.group().lower() not in self.exceptions:
                    start, end = block.to_source(previous.end(), match.end())
                    finding = self.match_finding(block, previous.start(), match.end(),
                                                 message=self.render(word=match.group()))
                    finding.fix = {"start": start, "end": end, "replacement": ""}
                    yield finding
                previous = match
