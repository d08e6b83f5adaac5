"""Sentence boundaries with offsets, tuned for health writing (Dr., e.g., U.S., mg., Fig. 2, 3.5 mg).

A boundary is terminal punctuation, optional closing quotes or brackets, white space, and then
something that can start a sentence. Abbreviations decide the hard cases.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Titles and labels that are followed by a name or a number, never by a sentence end.
PREPOSITIVE = frozenset(
    """
    dr drs mr mrs ms mx prof rev hon gen col capt lt sgt st mt ft fig figs eq eqs no nos vol vols
    ch chap sec sect art approx ca cf vs v e.g i.e viz al ref refs tab inst univ dept ave blvd
    """.split()
)
# Abbreviations that may end a sentence; a boundary needs a capitalised word that can start one.
POSTPOSITIVE = frozenset(
    """
    jr sr co corp inc ltd llc bros etc esp mg mcg kg g ml dl mmol min max hr hrs wk wks mo yr yrs
    oz lb lbs tbsp tsp pt pts a.m p.m am pm jan feb mar apr jun jul aug sep sept oct nov dec
    mon tue tues wed thu thur thurs fri sat sun p pp
    """.split()
)
# Words that usually begin a sentence; after "U.S." or "Co." they tip the decision to a boundary.
SENTENCE_STARTERS = frozenset(
    """
    a an the this that these those it its he she they we i you there here his her their our my your
    how what when where why who which if but and so yet however although though because after before
    then thus also in on at for as many most some all each every no not one
    did do does is are was were can could will would should have has had
    """.split()
)

_CANDIDATE = re.compile(
    r"""(?=[.!?…])                                  # (lets re skip to a candidate: 3x faster)
        (?P<punct>(?:\.\s){2,}\.|\.{2,}|…|[.!?]+)   # terminal punctuation or an ellipsis
        (?P<close>[\"'”’»)\]]*)                    # closing quotes and brackets
        (?P<space>\s+|$)""",
    re.VERBOSE,
)
_OPENERS = "\"'“‘«(["
# words after which a capital letter with a full stop is a person's initial ("by J. Smith", "said K. Lee")
_BEFORE_A_NAME = frozenset("""
    by and or with to from of for at in on the a an dear said says wrote told added noted explained asked
""".split())


def _token_before(text: str, end: int) -> str:
    """The run of word characters and . & ' ’ - just before `end` (at most 40 back; a line break
    right before `end` is stepped over). A backward scan: the same answer as searching that window
    for ([\\w.&'’-]*)$, without a regex attempt at each of the 40 positions."""
    limit = max(0, end - 40)
    stop = end - 1 if end > limit and text[end - 1] == "\n" else end
    start = stop
    while start > limit and (text[start - 1].isalnum() or text[start - 1] in "_.&'’-"):
        start -= 1
    return text[start:stop]


def _word_before(text: str, end: int) -> str:
    """The word that ends, after one run of spaces, just before `end` ("vitamin" before "C")."""
    i = end
    while i > 0 and text[i - 1] == " ":
        i -= 1
    j = i
    while j > 0 and text[j - 1].isalpha():
        j -= 1
    return text[j:i] if i < end else ""


def _next_word(text: str, start: int) -> str:
    i = start
    while i < len(text) and text[i] in _OPENERS:
        i += 1
    j = i
    while j < len(text) and (text[j].isalnum() or text[j] in "'’-"):
        j += 1
    return text[i:j]


_LIST_MARKER = re.compile(r"[\s•⁃*-]*(?:\d{1,3}|[a-z])\.?\)?$")


_INITIALISM = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")


def _is_boundary(text: str, match: re.Match[str], sentence_start: int) -> bool:
    punct, close, space = match.group("punct", "close", "space")
    if punct == "." and not close and space and text[match.end():match.end() + 1].isupper():
        # the common case, decided at once: "... a lower-case word. A capital" ends a sentence
        token = _token_before(text, match.start())
        if len(token) > 1 and token.isalpha() and token.islower() and token not in PREPOSITIVE \
                and token not in POSTPOSITIVE:
            return True
    list_marker = _LIST_MARKER.fullmatch(text, sentence_start, match.end("close"))
    if punct == "." and list_marker and "(" not in match.group("close"):
        return False  # "1." or "a." opening a list item
    if match.group("close") and text.startswith("(", match.end()):
        return False  # a citation after a quotation: "..." (Smith 55).
    next_start = match.end()
    if next_start >= len(text):
        return True
    if not match.group("space"):
        return False
    next_word = _next_word(text, next_start)
    first = text[next_start]
    starts_upper = bool(next_word) and (next_word[0].isupper() or next_word[0].isdigit())
    if first in _OPENERS and not next_word:
        starts_upper = True
    if not punct.startswith("."):
        # ! and ? end a sentence unless the sentence goes on in lower case ("Hello!" she said).
        return not (next_word and next_word[0].islower())
    if len(punct) > 1:  # an ellipsis ends a sentence only when a capitalised word follows
        return starts_upper and not next_word[:1].isdigit()
    if not starts_upper:
        return False
    token = _token_before(text, match.start("punct")).strip("'’")
    lowered = token.lower()
    if not token:
        return True
    if lowered in PREPOSITIVE or lowered.rstrip(".") in PREPOSITIVE:
        return False
    if len(token) == 1 and token.isalpha():
        # An initial ("Jonas E. Smith") or a label ("p. 55"); "I." at a sentence end is rare. A capital
        # after a lower-case word names a thing, not a person ("vitamin C.", "hepatitis B."): an end.
        before = _word_before(text, match.start("punct") - 1)
        if token.isupper() and before[:1].islower() and before not in _BEFORE_A_NAME and len(next_word) > 1:
            return True
        return token.isupper() and next_word.lower() in SENTENCE_STARTERS and token not in "ABCDEFGHJKLMNOPQRSTUVWXYZ"
    if _INITIALISM.fullmatch(token) or lowered in POSTPOSITIVE:
        # U.S., a.m., Co.: a boundary only before a word that usually starts a sentence.
        return next_word.lower() in SENTENCE_STARTERS or next_word in ("Mr", "Mrs", "Ms", "Dr")
    if next_word[:1].isdigit() and token[:1].isdigit():
        return False  # "3. 5" inside a list of figures
    return True


@lru_cache(maxsize=4096)
def split_sentences(text: str) -> tuple[tuple[int, int], ...]:
    """Return (start, end) offsets of each sentence in `text`, surrounding white space excluded."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _CANDIDATE.finditer(text):
        if _is_boundary(text, match, start):
            end = match.start("space") if match.group("space") else match.end()
            spans.append((start, end))
            start = match.end()
    spans.append((start, len(text)))
    result = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            result.append((s, e))
    return tuple(result)
