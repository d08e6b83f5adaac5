"""repeated-word: the same word twice in a row ("at at the clinic", "the the"), a slip that survives
proofreading because the eye skips it. Only white space may stand between the two (a line break
included), so "no, no" and "very, very" are left alone; `exceptions` lists words that are correctly
doubled ("had had", "that that"). Deleting the second copy is a safe fix.
"""

from __future__ import annotations

import re
from itertools import islice
from operator import eq

from ..registry import rule_type
from ..rule import Rule

# A whole word (letters and digits, inner apostrophes) followed by white space and the same word,
# in any case. The second copy sits in a lookahead so "the the the" gives two pairs, as it reads.
_WORD = r"[^\W_]+(?:['’][^\W_]+)*"
_DOUBLED = re.compile(rf"(?<![^\W_])(?<![^\W_]['’])({_WORD})(?=(\s+)(\1)(?![^\W_]|['’][^\W_]))", re.IGNORECASE)


@rule_type
class RepeatedWordRule(Rule):
    kind = "repeated-word"
    TYPE_FIELDS = {"exceptions": list}
    PLACEHOLDERS = frozenset({"match", "word"})

    def prepare(self, data, path):
        self.exceptions = {str(word).lower() for word in data.get("exceptions") or []}

    def check(self, document):
        for block in document.blocks:
            words = block.words  # lower-cased, shared with other rules: most blocks have no word twice in a row
            if not any(map(eq, words, islice(words, 1, None))):
                continue
            for match in _DOUBLED.finditer(block.text):
                first, second = match.group(1), match.group(3)
                if first.lower() != second.lower() or first.isdigit() or second.lower() in self.exceptions:
                    continue
                start, end = block.to_source(match.end(1), match.end(3))
                finding = self.match_finding(block, match.start(1), match.end(3), message=self.render(word=second))
                finding.fix = {"start": start, "end": end, "replacement": ""}
                yield finding
