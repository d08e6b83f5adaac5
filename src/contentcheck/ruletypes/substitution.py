"""substitution: a phrase with a better alternative (`swap: {utilize: use}`), suggested as a fix.

`skip_names`: a phrase inside a proper name is left alone ("the Vaccine Adverse Event Reporting
System"): capitalised, with a capitalised word right before or after it. `skip_quoted`: so is one
inside someone's quoted words, which the writer cannot reword. `verbs`: phrases whose swap is a verb
("request: ask") are left alone where a determiner makes them a noun ("each request");
`not_after_determiner`: so are phrases whose swap cannot follow one ("these additional signs" would
become "these more signs"). `prepositions`: phrases whose swap is a preposition ("concerning: about")
are left alone where they are an adjective ("severe or concerning to you", "this is concerning.").
`once_per_document`: a phrase is reported where it is first used, with how often the page uses it
(an editor swaps it everywhere at once), and not at all once the page has explained it.
"""

from __future__ import annotations

import re

from ..errors import ConfigError
from ..patterns import Matcher, matches_outside_exceptions
from ..registry import rule_type
from ..rule import Rule, field_line
from ..textstats import EXPLANATION_CUES
from .existence import inside_quotation


def _match_case(replacement: str, matched: str) -> str:
    if matched[:1].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement


# what may stand before a term in brackets that names the plain words before them: "(called pruritus)"
_NAMING = re.compile(r"\s*(?:(?:also\s+|is\s+)?called|(?:also\s+)?known\s+as|or|the\s+medical\s+(?:word|term|name)"
                     r"(?:\s+is)?:?)?\s*", re.IGNORECASE)
# a clause right after the term that says what it is: "rhinitis, which affects the nose", "nausea,
# or feeling sick" (", a small study found" after a term starts a new clause, so appositives are not read)
_GLOSS_AFTER = re.compile(r",\s+(?:which\s+(?:is|are|means|affects?|causes?)|that\s+is|or\s)", re.IGNORECASE)
# words that make the next one a noun ("each request", "your request")
_DETERMINERS = frozenset("a an the each every your my our their his her its this that these those any no".split())
_FUNCTION_WORDS = frozenset("a an the for of to in on at by with from as such like used than and or but if".split())


def explained(block, start: int, end: int, plain: str | None = None) -> bool:
    """The term is explained where it is used: in brackets beside it, a gloss in brackets after the
    plain words ("itch (called pruritus)", "Nerve Problems (Peripheral Neuropathy)"), with an
    explanation cue in its sentence or the next ("hypertension, which means high blood pressure"), or
    with the `plain` words in its sentence ("Acute pancreatitis comes on suddenly")."""
    text = block.text
    after = text[end:end + 3].lstrip()
    before = text[max(0, start - 2):start].rstrip()
    if after.startswith("(") or before.endswith("(") or _GLOSS_AFTER.match(text, end):
        return True
    opened, closed = text.rfind("(", max(0, start - 30), start), text.find(")", end, end + 30)
    if opened >= 0 and closed >= 0 and not text[end:closed].strip():
        naming = _NAMING.match(text, opened + 1, start)
        modifiers = text[naming.end() if naming else opened + 1:start].lower().split()
        if len(modifiers) <= 2 and not set(modifiers) & _FUNCTION_WORDS:  # "(Peripheral Neuropathy)"
            return True
    index = block.sentence_index(start)
    if index is None:
        return False
    sentences = block.sentences
    if plain and (" " in plain.strip() or len(plain) >= 5) and _says_plainly(sentences[index], start, end, plain):
        return True
    window = sentences[index].text + (" " + sentences[index + 1].text if index + 1 < len(sentences) else "")
    return bool(EXPLANATION_CUES.search(window))


def _says_plainly(sentence, start: int, end: int, plain: str) -> bool:
    """The sentence says the term plainly outside it: the plain phrase itself ("death rate" beside
    "mortality"), or a word made from a one-word swap ("suddenly" beside "acute"). The one word alone
    is not enough: "disease" in "The pathology of the disease" explains nothing."""
    text = (sentence.text[:start - sentence.start] + " " + sentence.text[end - sentence.start:]).lower()
    words = plain.lower().split()
    tail = r"\b" if len(words) > 1 else r"[a-z]"
    return re.search(r"\b" + r"\s+".join(map(re.escape, words)) + tail, text) is not None


def used_as_a_noun(text: str, start: int) -> bool:
    """A determiner stands right before the phrase ("each request", "your permit")."""
    words = text[max(0, start - 20):start].split()
    return bool(words) and words[-1].lower() in _DETERMINERS


# words after which a participle is an adjective: a linking verb, a degree word, a coordinator
_BEFORE_AN_ADJECTIVE = frozenset("""
    is are was were be been being am seem seems seemed look looks looked feel feels felt find found
    very so too more most less least quite really particularly especially deeply extremely and or
""".split())


def used_as_an_adjective(text: str, start: int, end: int) -> bool:
    """The participle describes, not relates: "to" or no word after it ("concerning to you",
    "is concerning."), or a linking verb, degree word or "and"/"or" right before it."""
    after = text[end:].split(maxsplit=1)
    if not after or not after[0][0].isalnum() or after[0].lower() == "to":
        return True
    before = text[max(0, start - 30):start].split()
    return bool(before) and before[-1].lower() in _BEFORE_AN_ADJECTIVE


def in_a_name(text: str, start: int, end: int) -> bool:
    """The phrase is capitalised and a capitalised word stands right before or after it."""
    if not text[start:start + 1].isupper():
        return False
    before = text[max(0, start - 40):start].split()
    after = text[end:end + 40].split()
    return any(word[:1].isupper() and word.strip("()[],.;:").isalpha() for word in before[-1:] + after[:1])


@rule_type
class SubstitutionRule(Rule):
    kind = "substitution"
    SUGGESTS_REPLACEMENT = True
    PLACEHOLDERS = frozenset({"match", "suggestion"})
    TYPE_FIELDS = {"swap": dict, "ignorecase": bool, "exceptions": list, "skip_explained": bool,
                   "skip_names": bool, "skip_quoted": bool, "once_per_document": bool, "verbs": list,
                   "not_after_determiner": list, "prepositions": list}

    def prepare(self, data, path):
        swap = data.get("swap") or {}
        if not swap:
            raise ConfigError("a substitution rule needs a non-empty 'swap' mapping", path, getattr(data, "line", None))
        for key, value in swap.items():
            if not isinstance(value, str):
                raise ConfigError(f"swap value for '{key}' must be a string", path,
                                  swap.line_of(key) if hasattr(swap, "line_of") else None)
        self.ignorecase = data.get("ignorecase", True)
        self.swap = {self._key(k): v for k, v in swap.items()}
        self.matcher = Matcher([str(k) for k in swap], (), self.ignorecase, True, path, field_line(data, "swap"))
        self.exceptions = Matcher([str(e) for e in data.get("exceptions") or []], (), self.ignorecase, True, path,
                                  field_line(data, "exceptions"))
        self.skip_explained = data.get("skip_explained", False)
        self.skip_names = data.get("skip_names", False)
        self.skip_quoted = data.get("skip_quoted", False)
        self.once_per_document = data.get("once_per_document", False)
        # phrases swapped for a verb ("request: ask"): where a determiner makes them a noun ("each
        # request"), the verb would break the sentence
        self.verbs = {self._key(str(v)) for v in data.get("verbs") or []}
        self.verbs |= {self._key(str(v)) for v in data.get("not_after_determiner") or []}
        self.prepositions = {self._key(str(p)) for p in data.get("prepositions") or []}

    def _key(self, text: str) -> str:
        key = " ".join(text.replace("’", "'").split())
        return key.lower() if self.ignorecase else key

    def check(self, document):
        first_uses: dict[str, list] = {}  # phrase -> [its first finding, uses]; None once explained
        for block, start, end in matches_outside_exceptions(self.matcher, self.exceptions, document,
                                                            document.blocks):
            matched = block.text[start:end]
            key = self._key(matched)
            replacement = self.swap.get(key)
            if replacement is None:
                continue
            if (self.skip_names and in_a_name(block.text, start, end)) or \
                    (self.skip_quoted and inside_quotation(block.text, start)) or \
                    (key in self.verbs and used_as_a_noun(block.text, start)) or \
                    (key in self.prepositions and used_as_an_adjective(block.text, start, end)):
                continue  # not the writer's use of the term: it neither needs nor gives an explanation
            if self.skip_explained and explained(block, start, end, replacement):
                if self.once_per_document:
                    first_uses.setdefault(key, [None, 0])  # explained before any plain use: fine from here
                continue
            finding = self.match_finding(block, start, end, suggestion=_match_case(replacement, matched))
            if not self.once_per_document:
                yield finding
            elif key not in first_uses:
                first_uses[key] = [finding, 1]
            else:
                first_uses[key][1] += 1
        for finding, uses in first_uses.values():
            if finding is not None:
                if uses > 1:
                    finding.message += f" (used {uses} times on this page)"
                yield finding
