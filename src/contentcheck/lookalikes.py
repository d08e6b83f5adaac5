"""Characters that make a word look the same to a reader but not to a matcher: invisible ones (a soft
hyphen or zero-width joiner inside "mir­acle"), fullwidth and mathematical letters ("ｍｉｒａｃｌｅ",
"𝐦𝐢𝐫𝐚𝐜𝐥𝐞"), ligatures, and Cyrillic or Greek letters inside a Latin word ("mirаcle" with a Cyrillic
а). Blocks hold prose with these replaced, and each replacement maps back to the character it came
from, so rules match what the reader sees and findings still point at the source.

Only these ranges are folded, not all of NFKC: "m²", "½" and "™" stay as written.
"""

from __future__ import annotations

import re
import unicodedata

# soft hyphen, Arabic letter mark, Mongolian vowel separator, zero-width space/joiners, LRM/RLM,
# bidi embeddings and overrides, word joiner and invisible operators, bidi isolates, BOM
INVISIBLE = "\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")

# Letters drawn like Latin ones, from Unicode's confusables data; folded only next to a Latin letter,
# so Russian or Greek text (and "μg", "α-synuclein") is left alone.
_CONFUSABLE = {
    "а": "a", "в": "b", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i", "ј": "j",
    "ѕ": "s", "ԁ": "d", "һ": "h", "ԛ": "q", "ԝ": "w", "ɡ": "g", "ο": "o",
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C", "Т": "T",
    "Х": "X", "І": "I", "Ј": "J", "Ѕ": "S", "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I",
    "Κ": "K", "Μ": "M", "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
}
_FOLDED = "\uff01-\uff5e\ufb00-\ufb06\U0001d400-\U0001d7ff"  # fullwidth ASCII, Latin ligatures, math letters
_SUSPECT = re.compile(f"[{INVISIBLE}{_FOLDED}{''.join(_CONFUSABLE)}]")
_INVISIBLE_CHARACTER = re.compile(f"[{INVISIBLE}]")


def _latin(character: str) -> bool:
    return character.isascii() and character.isalpha()


def replacements(text: str) -> list[tuple[int, str]]:
    """(offset, replacement) for each character of `text` to replace ("" removes it); empty for
    text that needs none (all ASCII text, at the cost of one check)."""
    if text.isascii():
        return []
    found = []
    for match in _SUSPECT.finditer(text):
        offset, character = match.start(), match.group()
        if character in _CONFUSABLE:
            before = text[offset - 1] if offset else ""
            after = text[offset + 1] if offset + 1 < len(text) else ""
            if _latin(before) or _latin(after):
                found.append((offset, _CONFUSABLE[character]))
        elif _INVISIBLE_CHARACTER.match(character):
            found.append((offset, ""))
        else:
            found.append((offset, unicodedata.normalize("NFKC", character)))
    return found


def fold(text: str) -> str:
    """`text` with every replacement made (for text that maps to the source as a whole anyway)."""
    changes = replacements(text)
    if not changes:
        return text
    out, position = [], 0
    for offset, replacement in changes:
        out.append(text[position:offset])
        out.append(replacement)
        position = offset + 1
    out.append(text[position:])
    return "".join(out)


def invisible_characters(text: str) -> list[int]:
    """Offsets of invisible and bidi-control characters in `text`."""
    return [m.start() for m in _INVISIBLE_CHARACTER.finditer(text)]
