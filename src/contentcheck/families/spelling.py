"""Spelling, offline: pyspellchecker's English word list (shipped inside its wheel), a medical word
list from YAML, British spellings, and the config's accepted vocabulary (filtered by the engine).

Names are left alone: a capitalised word after the start of its sentence, words in capitals,
CamelCase, words with digits, and anything inside a link or e-mail address.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from ..errors import ConfigError
from ..patterns import OwnPattern
from ..registry import rule_type
from ..rule import Rule
from ..usercache import DerivedTable
from ..yamlload import read_yaml_file

# letters of any script, so "Białystok" is one word (a Latin-1 class cut it at the "ł": 'ystok')
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*(?:-[^\W\d_]+)*")
_ASCII_LOWER_WORD = re.compile(r"[a-z]+(?:'[a-z]+)*(?:-[a-z]+)*")  # _WORD on lower-cased ASCII text
# a word glued to a prefix is known when the rest is ("overdiagnosis", "prespecified", "misbranded",
# "immunotherapies"); the rest must have four letters, so a typo is not excused as a prefix
BOUND_PREFIXES = ("anti", "auto", "bio", "cardio", "chemo", "co", "counter", "cyto", "de", "dis", "down", "dys",
                  "endo", "extra", "gastro", "hemo", "haemo", "hepato", "lympho", "nephro", "osteo", "vaso", "hyper",
                  "hypo", "immuno", "inter", "intra", "iso", "micro", "mis", "multi", "neuro", "non", "onco", "over",
                  "para", "peri", "photo", "poly", "post", "pre", "pro", "pseudo", "radio", "re", "semi", "sub",
                  "super", "trans", "ultra", "un", "under", "up")
PREFIXES = frozenset("""anti co counter de extra hyper hypo inter intra micro mid mini multi non over post pre pro
    re self semi sub super trans ultra un under well""".split())
_URL_OR_EMAIL = OwnPattern(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+|\b[\w-]+\.(?:com|org|net|gov|edu|uk|io|co)\b\S*|"
                           r"\b[\w-]+\.(?:json|txt|xml|csv|pdf|html?|zip|docx?|xlsx?|md|py|js)\b",  # file names
                           ignorecase=True)
# British -> American endings, tried when a word is not found as it is.
_BRITISH = [("isation", "ization"), ("isations", "izations"), ("ise", "ize"), ("ised", "ized"), ("ises", "izes"),
            ("ising", "izing"), ("iser", "izer"), ("isers", "izers"), ("isable", "izable"), ("yse", "yze"),
            ("yser", "yzer"), ("ysers", "yzers"), ("ysed", "yzed"), ("ysing", "yzing"), ("our", "or"), ("ours", "ors"),
            ("oured", "ored"), ("ouring", "oring"), ("ourite", "orite"), ("tre", "ter"), ("tres", "ters"),
            ("ogue", "og"), ("ogues", "ogs"), ("lled", "led"), ("lling", "ling"), ("ller", "ler"), ("ence", "ense"),
            ("mme", "m"), ("mmes", "ms")]


@lru_cache(maxsize=1)
def _word_frequencies():
    """pyspellchecker's English words and their frequencies, from the user cache (its own gzip JSON
    takes ~0.1 s to load on every run)."""

    def build() -> dict[str, int]:
        from spellchecker import SpellChecker

        return dict(SpellChecker(language="en").word_frequency.items())

    return DerivedTable("word-frequencies-v1", "pyspellchecker", build)


_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_PLURALS = (("ies", "y"), ("es", ""), ("s", ""))
# combining forms that end medical words: a known stem before them makes the word ("colonoscopy")
# endings that make an adjective or a noun of a known word: "duct" -> "ductal", "investigation" ->
# "investigational", "immunogenic" -> "immunogenicity", "survivor" -> "survivorship", "search" ->
# "searchable", "assist" -> "assistive" (ending, what the stem must end with)
DERIVATIONS = (("al", ""), ("ity", "ic"), ("ship", ""), ("able", ""), ("ive", ""))
# endings that replace another to make a related word: "glycemia" -> "glycemic", "diabetology" ->
# "diabetologist", "vascular" -> "vascularized", "acne" -> "acneiform", "meniscus" -> "meniscal" (ending, what
# the stem ends with instead)
REPLACED_ENDINGS = (("ic", "ia"), ("ist", "y"), ("ized", ""), ("ised", ""), ("ize", ""), ("ise", ""),
                    ("izing", ""), ("ising", ""), ("ization", ""), ("isation", ""), ("iform", ""), ("al", "us"))
COMPOUND_PART = 4  # a closed compound's parts ("blood|work", "hand|washing", "lymphatic|o|venous") have 4+ letters
MEDICAL_SUFFIXES = ("scopy", "scopies", "graphy", "gram", "grams", "ectomy", "ectomies", "otomy", "ostomy",
                    "ostomies", "plasty", "itis", "osis", "emia", "oma", "omas", "pathy", "logist", "logy")
_SPECIES_AFTER = re.compile(r" ([a-z]{4,})\b")
_GENUS_BEFORE = re.compile(r"(?:\b[A-Z]\.|\b([A-Z][a-z]{3,}))\s$")
_CAPITALISED = re.compile(r"\b[A-Z][a-z]+\b")
_NAME_FOLLOWS = re.compile(r" (?:[A-Z]\.|[A-Z][a-z]+\b)")  # an initial or another capitalised word
MAX_SUGGESTED_LENGTH = 45  # "pneumonoultramicroscopicsilicovolcanoconiosis"
# Greek and Latin combining forms of medical words, and the endings that close them: a word built of
# them ("xero-stom-ia", "kerato-acanth-oma", "crypt-orchid-ism", "lympho-scinti-graphy") is a medical
# term whether or not a dictionary lists it. The word needs eight letters, a root and an ending, so a
# typo seldom parses ("cardiomyopahty" does not).
MEDICAL_ROOTS = frozenset("""
    acanth aden adren angi arthr audi bronch calc carcin cardi cephal cerebr cervic chol chondr col colp
    cost crani crypt cutane cyan cyst cyt dactyl dent derm dermat dipl dys electr emet encephal endocrin enter
    erythr esophag oesophag esthes fasci fibr gastr geus gingiv gloss gluc glyc gnath gyn gynec hem haem
    hemat haemat hepat herni hidr hist hydr hyster ile ili immun kerat kinesi lacrim lapar laryng leuk leuc
    lingu lip lith lumb lymph macr mamm mast melan mening metr micr morph muc my myc myel myring nas necr
    nephr neur noct ocul odont olig onc onych ophthalm opt orchi orchid oste ot pancreat path ped pector
    phag pharyng phleb phot pneum pneumon poly proct prostat psych pulmon py pyel quadr ren retin rhin sarc
    scinti scler seb sial sinus somat somn spermat sphygm splen spondyl steat stern stomat stom tars ten
    tend thorac thromb thyr tox trache trich ur urethr uter vas ven ventricul vertebr vesic xer
""".split())
MEDICAL_ENDINGS = frozenset("""
    ia ism isms oma omas omata itis osis oses algia esthesia aesthesia geusia osmia genic genesis graphy
    graphic gram grams graph metry meter scopy scope tomy tomies ectomy ostomy plasty pathy pathic logy
    logist logic cyte cytes cytosis emia aemia emic aemic otic itic uria trophy trophic plasia penia phagia
    phasia plegia rrhea rrhoea
    rrhagia megaly lysis stasis sclerosis stenosis cele therapy philia phobia oid
""".split())


def _lookup_form(word: str) -> str:
    """A word as the dictionary lookups and the per-block word sets hold it."""
    return word.lower().replace("’", "'")


def _one_edit_away(word: str) -> set[str]:
    """Every string one deletion, swap, replacement or insertion away (as pyspellchecker's distance 1)."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    swaps = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    replaces = {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
    inserts = {a + c + b for a, b in splits for c in _LETTERS}
    return deletes | swaps | replaces | inserts


def built_of_medical_parts(word: str) -> bool:
    """The word is one or more MEDICAL_ROOTS, each perhaps joined by "o" or "i", then one of the
    MEDICAL_ENDINGS: "xerostomia" (xer-o-stom-ia), "emetogenic" (emet-o-genic)."""
    if not 8 <= len(word) <= MAX_SUGGESTED_LENGTH:
        return False
    reachable, ends = {0}, set()
    for position in range(len(word)):
        if position not in reachable:
            continue
        for size in range(2, min(12, len(word) - position) + 1):
            if word[position:position + size] in MEDICAL_ROOTS:
                after = position + size
                ends.add(after)
                reachable.add(after)
                if after < len(word) and word[after] in "oi":
                    ends.add(after + 1)
                    reachable.add(after + 1)
    return any(word[end:] in MEDICAL_ENDINGS for end in ends)


def american_variants(word: str) -> list[str]:
    variants = {word.replace("ae", "e").replace("oe", "e")}
    for british, american in _BRITISH:
        if word.endswith(british):
            variants.add(word[: -len(british)] + american)
    variants.discard(word)
    return sorted(variants)


@rule_type
class SpellingRule(Rule):
    kind = "spelling"
    SUGGESTS_REPLACEMENT = True
    TYPE_FIELDS = {"medical_words": str, "drug_words": str, "condition_words": str, "british": bool,
                   "min_length": int, "max_uses": int}
    LIMITS = {"max_uses": (2, 1_000_000)}
    # plain word lists, one word a line, made by tools/build_medical_words.py (tens of thousands of words)
    PATH_FIELDS = {"medical_words": "_medical_words.yaml", "drug_words": "_drug_words.txt",
                   "condition_words": "_condition_words.txt"}
    PLACEHOLDERS = frozenset({"match", "suggestion"})
    PACKAGES = ("pyspellchecker",)  # its English word list

    def prepare(self, data, path):
        words_file = self.data_path(data, path, "medical_words")
        words = read_yaml_file(words_file, "medical word list")
        if not isinstance(words, dict) or not isinstance(words.get("words"), list):
            raise ConfigError("a word list needs a 'words:' list", str(words_file), 1)
        self.medical = frozenset(str(w).lower() for w in words["words"])
        self._word_list_files = [self.data_path(data, path, name) for name in ("drug_words", "condition_words")]
        for file in self._word_list_files:
            if not file.is_file():
                raise ConfigError(f"word list '{file}' does not exist", path)
        self._listed: frozenset[str] | None = None  # read at the first word the dictionary lacks
        self.british = data.get("british", True)
        self.min_length = data.get("min_length", 3)
        self.max_uses = data.get("max_uses", 3)  # a word used this often on one page is the page's own term
        self._known = lru_cache(maxsize=100_000)(self._is_known)
        self._seen_known: set[str] = set()  # words already found in a dictionary, for set arithmetic

    def _is_known(self, word: str) -> bool:
        if "-" in word:  # a compound: known as a whole, or every part known (a prefix counts as known)
            if word in self.medical:
                return True
            parts = [p for p in word.split("-") if p]
            return all(p in PREFIXES or self._is_known(p) for p in parts)
        dictionary = _word_frequencies()
        if word in self.medical or word in dictionary:
            return True
        if word.endswith(("'s", "’s")) and self._is_known(word[:-2]):
            return True
        if self.british and any(v in dictionary or v in self.medical for v in american_variants(word)):
            return True
        listed = self._listed_words()
        if word in listed or (word.endswith("s") and word[:-1] in listed):  # "statins"
            return True
        return self._derived(word)

    def _derived(self, word: str) -> bool:
        """Made of a known word: a plural ("colonoscopies", "webinars"), an adverb in -ly
        ("molecularly"), an adjective or noun in -al or -ity ("ductal", "immunogenicity"), one ending
        for another ("glycemia" -> "glycemic", "vascular" -> "vascularized"), a known stem
        and a medical suffix ("sigmoid-oscopy"), or a bound prefix and a known rest ("overdiagnosis",
        "biomarkers")."""
        for ending, replacement in _PLURALS:
            if word.endswith(ending) and len(word) - len(ending) >= 3 and self._known(word[:-len(ending)]
                                                                                         + replacement):
                return True
        if word.endswith("ly") and len(word) > 6 and self._known(word[:-2]):
            return True
        for ending, stem_ending in DERIVATIONS:
            stem = word[:-len(ending)]
            if word.endswith(ending) and len(stem) >= 4 and stem.endswith(stem_ending) and self._known(stem):
                return True
        for ending, stem_ending in REPLACED_ENDINGS:
            stem = word[:-len(ending)] + stem_ending
            if word.endswith(ending) and len(stem) >= 4 and self._plain_known(stem):
                return True
        for suffix in MEDICAL_SUFFIXES:
            stem = word[:-len(suffix)].rstrip("o") if word.endswith(suffix) else ""
            if len(stem) >= 4 and self._known(stem):
                return True
        if any(word.startswith(prefix) and len(word) - len(prefix) >= 4 and self._known(word[len(prefix):])
               for prefix in BOUND_PREFIXES):
            return True
        return self._compound(word) or built_of_medical_parts(word)

    def _compound(self, word: str) -> bool:
        """Two known words written as one, perhaps joined by a medical "o" ("bloodwork", "handwashing",
        "smartphone", "lymphaticovenous"); each part has COMPOUND_PART letters, so a typo is not excused.
        No longer word is tried: its cuts would copy it once per letter (50,000 letters took 1.3 GB)."""
        if len(word) > MAX_SUGGESTED_LENGTH:
            return False
        for cut in range(COMPOUND_PART, len(word) - COMPOUND_PART + 1):
            head, tail = word[:cut], word[cut:]
            if head in _word_frequencies() and (self._plain_known(tail) or (
                    tail.startswith("o") and len(tail) > COMPOUND_PART and self._plain_known(tail[1:]))):
                return True
        return False

    def _plain_known(self, word: str) -> bool:
        """In the dictionary or a word list as written, or a plural of one: no further derivation."""
        dictionary = _word_frequencies()
        return any(w in dictionary or w in self.medical for w in (word, word[:-1] if word.endswith("s") else word))

    def _listed_words(self) -> frozenset[str]:
        """The drug and condition names' words (~40,000), read once per process when first needed."""
        if self._listed is None:
            words: set[str] = set()
            for file in self._word_list_files:
                words.update(line for line in file.read_text(encoding="utf-8").split("\n")
                             if line and not line.startswith("#"))
            self._listed = frozenset(words)
        return self._listed

    def check(self, document):
        """Each unknown word, but not one the page uses `max_uses` times or more: a typo is rarely made
        the same way three times, a page's own term ("spp.", "mmol", "glycemic") is."""
        found = list(self._unknown_words(document))
        uses = Counter(form for _, form in found)
        return [finding for finding, form in found if uses[form] < self.max_uses]

    def _unknown_words(self, document):
        """(finding, the word's lookup form) for each unknown word."""
        for block in document.blocks:
            # Fast path: most blocks have no unknown word at all; look at each new distinct word once.
            text = block.text
            if text.isascii():  # lower() maps only A-Z here, so the words found are those lower-cased
                fresh = set(_ASCII_LOWER_WORD.findall(text.lower()))
            else:
                fresh = set(map(_lookup_form, _WORD.findall(text)))
            fresh -= self._seen_known
            known = {w for w in fresh if self._known(w)}
            self._seen_known |= known
            unknown = fresh - known
            if not unknown:
                continue
            links = _URL_OR_EMAIL.spans(text)
            links += [(s, e) for s, e, _ in block.links if block.text[s:e].startswith(("http", "www"))]
            starts = {s.start for s in block.sentences}
            capitalised_inside = self._capitalised_inside(document)
            for match in _WORD.finditer(block.text):
                word = match.group()
                if _lookup_form(word) not in unknown:
                    continue  # the checks below only ever spare an unknown word
                start, end = match.start(), match.end()
                if len(word) < self.min_length or any(s <= start < e for s, e in links):
                    continue
                if word.isupper() or re.search(r"[a-z][A-Z]", word) or sum(map(str.isupper, word)) > 1:
                    continue  # an acronym ("FOLFIRINOX's"), a CamelCase brand or a trial's name ("TAILORx")
                if word[0].isupper() and start not in starts and not _after_opening(block.text, start, starts):
                    continue  # a name
                if word[0].isupper() and (_NAME_FOLLOWS.match(block.text, end) or word in capitalised_inside
                                          or self._genus_of(block.text, end)):
                    continue  # a name at the start of a sentence: "Elmar A. Joura", or seen capitalised elsewhere
                if not word.isascii():
                    continue  # a name or a foreign word ("Aimée", "Białystok"): no English list can judge it
                if word[0].islower() and self._after_genus(block.text, start):
                    continue  # a species: "Enterobacter sakazakii", "E. coli"
                if end < len(block.text) and (block.text[end].isdigit() or block.text[end] in "_@"):
                    continue
                if start > 0 and (block.text[start - 1].isdigit() or block.text[start - 1] in "_@/"):
                    continue
                yield self.match_finding(block, start, end, suggestion=self._suggest(word)), _lookup_form(word)

    def _genus_of(self, text: str, end: int) -> bool:
        """A capitalised word followed by a lower-case word no dictionary knows: "Enterobacter sakazakii"."""
        after = _SPECIES_AFTER.match(text, end)
        return after is not None and not self._known(after.group(1))

    def _after_genus(self, text: str, start: int) -> bool:
        """The word follows a genus: an initial ("E. coli") or a capitalised word no dictionary knows."""
        before = _GENUS_BEFORE.search(text, max(0, start - 40), start)
        return before is not None and (before.group(1) is None or not self._known(before.group(1).lower()))

    @staticmethod
    def _capitalised_inside(document) -> frozenset[str]:
        """Words the document capitalises after the start of a sentence: names, wherever they stand."""
        def compute() -> frozenset[str]:
            found: set[str] = set()
            for block in document.blocks:
                starts = {s.start for s in block.sentences}
                found.update(m.group() for m in _CAPITALISED.finditer(block.text) if m.start() not in starts
                             and not _after_opening(block.text, m.start(), starts))
            return frozenset(found)
        return document.memo("spelling capitalised words", compute)

    @staticmethod
    @lru_cache(maxsize=10_000)
    def _suggest(word: str) -> str | None:
        """The most frequent known word one edit away, if any. None for a word longer than any in
        the dictionary: its edits are ~54 strings per letter, each as long as it (12,000 letters took 7 GB)."""
        if len(word) > MAX_SUGGESTED_LENGTH:
            return None
        frequencies = _word_frequencies()
        candidates = [c for c in _one_edit_away(word.lower()) if c in frequencies]
        if not candidates:
            return None
        correction = max(candidates, key=lambda c: (frequencies[c], c))
        return correction.capitalize() if word[0].isupper() else correction


def _after_opening(text: str, start: int, sentence_starts: set[int]) -> bool:
    """A capital right after an opening quote or bracket at a sentence start is not a name."""
    i = start - 1
    while i >= 0 and text[i] in "\"'“‘(“[":
        i -= 1
    return (i + 1) in sentence_starts and i + 1 != start
