"""hidden-characters: characters a reader cannot see in the prose (a zero-width space, a soft hyphen,
a word joiner) and bidirectional controls that make text display in another order than it is stored.
Hidden inside a word they get it past a reviewer and a word list ("mir<soft hyphen>acle"); contentcheck
folds them before matching (lookalikes.py), and this rule tells the editor they are there.

Read from the source, since blocks hold the text with them removed. A zero-width joiner between two
symbols is part of an emoji (a health worker, a family) and is left alone. Removing an invisible
character is a safe fix; a bidi control is not removed by --fix (right-to-left text may need it).
"""

from __future__ import annotations

import unicodedata

from ..lookalikes import BIDI_CONTROLS, invisible_characters
from ..registry import rule_type
from ..rule import Rule

ZERO_WIDTH_JOINER = "\u200d"


def _in_emoji(source: str, offset: int) -> bool:
    before = source[offset - 1] if offset else ""
    after = source[offset + 1] if offset + 1 < len(source) else ""
    return bool(before) and bool(after) and not before.isalnum() and not after.isalnum() and not before.isspace()


@rule_type
class HiddenCharactersRule(Rule):
    kind = "hidden-characters"
    PLACEHOLDERS = frozenset({"name", "code"})

    def check(self, document):
        source, seen = document.source, set()
        for block in document.blocks:
            start = block.source_start
            for offset in invisible_characters(source[start:block.source_end]):
                where = start + offset
                character = source[where]
                if where in seen or (character == ZERO_WIDTH_JOINER and _in_emoji(source, where)):
                    continue
                seen.add(where)
                name = unicodedata.name(character, "UNKNOWN").lower()
                fix = None if character in BIDI_CONTROLS else {"start": where, "end": where + 1, "replacement": ""}
                yield self.finding(self.render(name=name, code=f"U+{ord(character):04X}"), where, where + 1,
                                   fix=fix, character=f"U+{ord(character):04X}")
