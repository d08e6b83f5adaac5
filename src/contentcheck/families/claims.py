"""The claims register: which health claims an article makes, how strongly, and what supports them.

A sentence is a claim when it has an outcome verb ("relieves", "lowers") and an outcome or
condition ("pain", "blood pressure", "sciatica"), and does not deny one ("there is no evidence
that"). Its strength comes from its wording (absolute, strong, hedged); its support from a citation
in the sentence or its paragraph, or from a match in the approved-claims library. The vocabulary is
YAML (rules/claims/_vocabulary.yaml) so editors can extend it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz

from ..artefacts import ClaimRecord
from ..document import BODY_TEXT, PROSE_KINDS, REFERENCE_HEADING, Block, BlockKind, Document
from ..errors import ConfigError
from ..patterns import Matcher, find_in_blocks
from ..registry import rule_type
from ..rule import Rule, field_line
from ..yamlload import read_yaml_file

STRENGTHS = ("hedged", "strong", "absolute")
DEFAULT_VOCABULARY = "_vocabulary.yaml"
CITE_OR_HEDGE = "Add a reference (a link, [1], or author and year), or use hedged wording."
DEFAULT_MATCH_SCORE = 80  # rapidfuzz token_sort_ratio, 0-100, after hedges are set aside


@dataclass(eq=False)  # one per vocabulary file, hashed by identity: a key of the document's memo
class Vocabulary:
    verbs: Matcher
    verb_exceptions: Matcher
    topics: Matcher
    absolute: Matcher
    hedges: Matcher
    not_claims: Matcher
    citations: Matcher
    strip_words: Matcher


@dataclass
class ApprovedClaim:
    text: str
    references: list[str]
    strength: str
    core: str  # the text with hedges and absolute words removed, for matching


@dataclass
class Claim(ClaimRecord):
    """A register entry with what the claim rules need besides: the approved claim it matched."""

    approved: ApprovedClaim | None = None
    strengthened: bool = False  # worded more strongly than the approved claim it matched


def load_vocabulary(path: Path) -> Vocabulary:
    data = read_yaml_file(path, "claims vocabulary")
    if not isinstance(data, dict):
        raise ConfigError("claims vocabulary must be a mapping", str(path), 1)

    def words(key):
        value = data.get(key) or []
        if not isinstance(value, list):
            raise ConfigError(f"'{key}' must be a list", str(path), field_line(data, key))
        return [str(v) for v in value]

    lists = {key: words(key) for key in ("outcome_verbs", "verb_exceptions", "outcomes", "conditions",
                                         "absolute_markers", "hedges", "not_claims", "citation_patterns")}
    strip = lists["hedges"] + lists["absolute_markers"]
    return Vocabulary(
        verbs=Matcher(lists["outcome_verbs"]),
        verb_exceptions=Matcher(lists["verb_exceptions"]),
        topics=Matcher(lists["outcomes"] + lists["conditions"]),
        absolute=Matcher(lists["absolute_markers"]),
        hedges=Matcher(lists["hedges"]),
        not_claims=Matcher(lists["not_claims"]),
        citations=Matcher((), lists["citation_patterns"], ignorecase=False, whole_words=False, path=str(path),
                          line=field_line(data, "citation_patterns")),
        strip_words=Matcher(strip),
    )


def has_outcome_verb(text: str, vocabulary: Vocabulary) -> bool:
    excepted = list(vocabulary.verb_exceptions.finditer(text))
    return any(not any(s <= start and end <= e for s, e in excepted) for start, end in vocabulary.verbs.finditer(text))


def strength_of(text: str, vocabulary: Vocabulary) -> str:
    absolute = vocabulary.absolute.search(text)
    if vocabulary.hedges.search(text):
        # "may cure" is hedged; "will" or "guaranteed" beside a hedge still promises.
        return "absolute" if re.search(r"\b(?:will|guaranteed|100%|always|permanently)\b", text, re.I) else "hedged"
    return "absolute" if absolute else "strong"


def core_words(text: str, vocabulary: Vocabulary) -> str:
    """The words of a claim with hedges and absolute words removed (user words matched by RE2 only)."""
    lowered = text.lower()
    pieces, position = [], 0
    for start, end in vocabulary.strip_words.finditer(lowered):
        pieces.append(lowered[position:start])
        position = end
    pieces.append(lowered[position:])
    return " ".join(re.findall(r"[^\W_]+", " ".join(pieces)))


def load_library(path: Path, vocabulary: Vocabulary) -> list[ApprovedClaim]:
    data = read_yaml_file(path, "claims library")
    entries = data.get("claims") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise ConfigError("a claims library needs a 'claims:' list", str(path), getattr(data, "line", 1))
    library = []
    for index, entry in enumerate(entries):
        line = entries.line_of(index) if hasattr(entries, "line_of") else None
        if not isinstance(entry, dict) or not isinstance(entry.get("text"), str):
            raise ConfigError("each approved claim needs a 'text'", str(path), line)
        references = entry.get("references") or []
        if not isinstance(references, list) or not references:
            raise ConfigError("each approved claim needs a non-empty 'references' list", str(path), line)
        text = entry["text"]
        library.append(ApprovedClaim(text, [str(r) for r in references], strength_of(text, vocabulary),
                                     core_words(text, vocabulary)))
    return library


def _citations_in(block: Block, start: int, end: int, vocabulary: Vocabulary) -> list[str]:
    found = [href or block.text[s:e] for s, e, href in block.links if s < end and e > start]
    found += [block.text[start + s:start + e] for s, e in vocabulary.citations.finditer(block.text[start:end])]
    return found


@rule_type
class HealthClaimRule(Rule):
    """Finds claims; reports those whose strength is in `strengths` and that nothing supports."""

    kind = "health-claim"
    TYPE_FIELDS = {"strengths": list, "vocabulary": str, "library": str, "match_score": int, "report": str}
    PATH_FIELDS = {"vocabulary": DEFAULT_VOCABULARY, "library": None}
    PLACEHOLDERS = frozenset({"strength", "approved"})
    DEFAULT_SCOPE = BODY_TEXT
    PACKAGES = ("rapidfuzz",)  # approved claims are matched by its token_sort_ratio
    SETTINGS = {"library": "claims_library"}

    def prepare(self, data, path):
        vocabulary_path = self.data_path(data, path, "vocabulary")
        self.vocabulary = _vocabulary_cache(str(vocabulary_path))
        self.strengths = tuple(data.get("strengths") or ())
        for strength in self.strengths:
            if strength not in STRENGTHS:
                raise ConfigError(f"strength '{strength}' is not one of {', '.join(STRENGTHS)}", path,
                                  field_line(data, "strengths"))
        self.report = data.get("report", "unsupported")
        if self.report not in ("unsupported", "strengthened"):
            raise ConfigError("report must be 'unsupported' or 'strengthened'", path, field_line(data, "report"))
        self.match_score = data.get("match_score", DEFAULT_MATCH_SCORE)
        self.library_path = str(self.data_path(data, path, "library")) if data.get("library") else None
        self.library = _library_cache(self.library_path, str(vocabulary_path)) if self.library_path else []

    def check(self, document):
        for claim, _ in claims_register(document, self):
            start, end = claim.start, claim.end
            if self.report == "strengthened":
                if claim.strengthened and claim.approved:
                    yield self.finding(self.render(approved=f"approved: '{claim.approved.text}'"), start, end,
                                       suggestion=claim.approved.text)
            elif claim.support == "uncited" and claim.strength in self.strengths:
                yield self.finding(self.render(strength=claim.strength), start, end, suggestion=CITE_OR_HEDGE,
                                   strength=claim.strength)


@lru_cache(maxsize=None)  # noqa: UP033 - one entry per vocabulary file
def _vocabulary_cache(path: str) -> Vocabulary:
    return load_vocabulary(Path(path))


@lru_cache(maxsize=None)  # noqa: UP033 - one entry per library file
def _library_cache(path: str, vocabulary_path: str) -> list[ApprovedClaim]:
    return load_library(Path(path), _vocabulary_cache(vocabulary_path))


def claims_register(document: Document, rule: HealthClaimRule) -> list[tuple[Claim, Block]]:
    """Every claim in the document's blocks, computed once per scope and shared by the claim rules;
    the register goes into the document's artefacts for the report."""
    return document.scoped_memo((claims_register, rule.vocabulary, rule.library_path, rule.match_score),
                                lambda: _register(document, rule))


def _register(document: Document, rule: HealthClaimRule) -> list[tuple[Claim, Block]]:
    claims = _find_claims(document, rule.vocabulary, rule.library, rule.match_score)
    document.artefacts.add_claims([claim for claim, _ in claims])
    return claims


def _sentences_with(matcher: Matcher, document: Document, blocks: list[Block]) -> set[tuple[Block, int]]:
    """(block, sentence start) of every sentence holding a match, from one pass over the blocks."""
    hits = set()
    for block, start, _ in find_in_blocks(matcher, document, blocks):
        index = block.sentence_index(start)
        if index is not None:
            hits.add((block, block.sentences[index].start))
    return hits


def _find_claims(document: Document, vocabulary: Vocabulary, library, match_score) -> list[tuple[Claim, Block]]:
    claims = []
    blocks = document.blocks
    # Outcome verbs are rarer than topics ("pain" is everywhere): find verb sentences in one pass, then
    # look for a topic, and for a denial, only in those.
    with_verb = _sentences_with(vocabulary.verbs, document, blocks)
    for block in blocks:
        paragraph_sources = None
        for sentence in block.sentences:
            text = sentence.text
            if (block, sentence.start) not in with_verb or text.rstrip().endswith("?"):
                continue
            if not vocabulary.topics.search(text) or vocabulary.not_claims.search(text):
                continue
            if not has_outcome_verb(text, vocabulary):
                continue
            references = _citations_in(block, sentence.start, sentence.end, vocabulary)
            if not references:
                if paragraph_sources is None:
                    paragraph_sources = _citations_in(block, 0, len(block.text), vocabulary)
                references = list(paragraph_sources)
            strength = strength_of(text, vocabulary)
            start, end = block.to_source(sentence.start, sentence.end)
            line, column = document.lines.position(start)
            claim = Claim(document.source[start:end], start, end, line, column, strength,
                          "cited" if references else "uncited", references)
            if library:
                core = core_words(text, vocabulary)
                best = max(library, key=lambda approved: fuzz.token_sort_ratio(core, approved.core))
                if fuzz.token_sort_ratio(core, best.core) >= match_score:
                    claim.approved, claim.approved_text = best, best.text
                    if STRENGTHS.index(strength) > STRENGTHS.index(best.strength):
                        claim.strengthened = True
                    elif claim.support == "uncited":
                        claim.support = "approved"
                        claim.references = list(best.references)
            claims.append((claim, block))
    return claims


_CITED_NUMBER = re.compile(r"\[(\d+(?:\s*[,–-]\s*\d+)*)\]")
_REFERENCE_NUMBER = re.compile(r"[ \t]*(?:\[(\d+)\]|(\d+)[.)])")


def _numbers(spec: str) -> set[int]:
    numbers: set[int] = set()
    for part in re.split(r"\s*,\s*", spec):
        bounds = re.split(r"\s*[–-]\s*", part)
        if len(bounds) == 2 and bounds[0].isdigit() and bounds[1].isdigit() and int(bounds[1]) - int(bounds[0]) < 100:
            numbers.update(range(int(bounds[0]), int(bounds[1]) + 1))
        elif part.isdigit():
            numbers.add(int(part))
    return numbers


@rule_type
class CitationsRule(Rule):
    """Numbered citations must point at a numbered reference, and references must be cited."""

    kind = "citations"
    PLACEHOLDERS = frozenset({"problem"})
    DEFAULT_SCOPE = PROSE_KINDS  # headings find the References section; any text may cite
    SKIP_REFERENCES = False

    def check(self, document):
        references: dict[int, tuple[int, int]] = {}
        in_references = False
        cited: dict[int, tuple[int, int]] = {}
        for block in document.blocks:
            if block.kind == BlockKind.HEADING:
                in_references = bool(REFERENCE_HEADING.match(block.text))
                continue
            if in_references:
                line_start = document.lines.line_start(document.lines.position(block.source_start)[0])
                match = _REFERENCE_NUMBER.match(document.source, line_start)
                if match:
                    references.setdefault(int(match.group(1) or match.group(2)), (block.source_start, block.source_end))
                    continue
            for match in _CITED_NUMBER.finditer(block.text):
                span = block.to_source(match.start(), match.end())
                for number in _numbers(match.group(1)):
                    cited.setdefault(number, span)
        if not cited and not references:
            return
        for number, (start, end) in sorted(cited.items(), key=lambda item: item[1]):
            if number not in references:
                problem = (f"Citation [{number}] has no matching reference; the References section lists "
                           + (", ".join(str(n) for n in sorted(references)) if references else "nothing") + ".")
                yield self.finding(self.render(problem=problem), start, end,
                                   suggestion=f"Add reference {number} or correct the number.")
        for number, (start, end) in sorted(references.items(), key=lambda item: item[1]):
            if number not in cited:
                problem = f"Reference {number} is never cited in the text."
                yield self.finding(self.render(problem=problem), start, end,
                                   suggestion=f"Cite [{number}] where it supports a claim, or remove it.")
