"""The claims register: which health claims an article makes, how they are worded, and what supports
them; and the rules that report the claims an editor must act on.

Claims are recognised by their structure (claim_detection.py): something related to a health target
by an effect verb in any form, a change noun, an association, a comparison or a safety promise. Each
is coded (correlational, conditional, direct; absolute or not; its kind) and given a support: cited,
attributed (a source named in words), approved (a match in the approved-claims library) or none.
Findings go by risk: a direct or absolute claim with no support is a warning, a hedged or associative
one an info, a supported or reported one nothing.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz

from ..artefacts import ClaimRecord
from ..commerce import sells
from ..document import BODY_TEXT, PROSE_KINDS, REFERENCE_HEADING, Block, BlockKind, Document
from ..errors import ConfigError
from ..finding import SEVERITIES, Finding
from ..patterns import joined_blocks
from ..registry import rule_type
from ..rule import Rule, field_line
from ..yamlload import read_yaml_file
from .claim_detection import (
    ANALYSED_LISTS,
    COMPARATIVE_WORD,
    TOPIC_HEADING,
    Analysis,
    Vocabulary,
    analyse,
    load_vocabulary,
    support_of,
    vocabulary_files,
)

STRENGTHS = ("hedged", "strong", "absolute")
DEFAULT_VOCABULARY = "_vocabulary.yaml"
DEFAULT_MATCH_SCORE = 80  # rapidfuzz token_sort_ratio, 0-100, after hedges are set aside
# What each kind of claim says, and what would support it, in an editor's words.
CLAIM_WORDS = {
    "efficacy": ("says a treatment, product or habit works", "cite the trial, review or guideline it comes from"),
    "safety": ("promises that something is safe", "cite the product information or a safety review, "
                                                  "and say who should not take it"),
    "mechanism": ("says how something acts inside the body", "cite the study that measured it"),
    "comparative": ("compares a treatment with another", "cite a trial that compared them head to head"),
    "prevention": ("says something prevents illness or lowers a risk", "cite the study or guideline"),
    "risk": ("says something causes harm or raises a risk", "cite the study or guideline"),
    "other": ("makes a health claim", "cite where it comes from"),
}
CODING_WORDS = {"correlational": "an association", "conditional": "hedged", "direct": "stated as fact"}


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


def strength_of(text: str, vocabulary: Vocabulary) -> str:
    """absolute, strong or hedged: how an approved claim in the library is worded."""
    analysis = analyse(text, vocabulary)
    return analysis.strength if analysis else "strong"


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


def _references_in(block: Block, start: int, end: int, vocabulary: Vocabulary) -> list[str]:
    """The links and references in block text [start, end), as the register lists them."""
    found = [href or block.text[s:e] for s, e, href in block.links if s < end and e > start]
    text = block.text[start:end]
    found += [text[s:e] for s, e in vocabulary.citations.all_spans(text)]
    found += [text[s:e] for s, e in vocabulary.attributions.all_spans(text)]
    return found


@rule_type
class HealthClaimRule(Rule):
    """Finds claims; reports those whose strength is in `strengths` and that nothing supports."""

    kind = "health-claim"
    TYPE_FIELDS = {"strengths": list, "vocabulary": str, "library": str, "match_score": int, "report": str,
                   "sales_severity": str, "page_summary_genres": list}
    PATH_FIELDS = {"vocabulary": DEFAULT_VOCABULARY, "library": None}
    PLACEHOLDERS = frozenset({"strength", "approved", "claim", "advice", "coding", "kind"})
    DEFAULT_SCOPE = BODY_TEXT + (BlockKind.HEADING,)  # a headline promises as much as a paragraph
    PACKAGES = ("rapidfuzz", "lemminflect")  # library matching; verb inflections
    SETTINGS = {"library": "claims_library"}

    def prepare(self, data, path):
        vocabulary_path = self.data_path(data, path, "vocabulary")
        self.vocabulary = _vocabulary_cache(str(vocabulary_path))
        # the files the vocabulary includes are read too: the results cache must see them change
        included = tuple(str(file) for file in vocabulary_files(vocabulary_path))
        self.data_files = tuple(dict.fromkeys(self.data_files + included))
        self.strengths = tuple(data.get("strengths") or ())
        for strength in self.strengths:
            if strength not in STRENGTHS:
                raise ConfigError(f"strength '{strength}' is not one of {', '.join(STRENGTHS)}", path,
                                  field_line(data, "strengths"))
        self.report = data.get("report", "unsupported")
        if self.report not in ("unsupported", "strengthened"):
            raise ConfigError("report must be 'unsupported' or 'strengthened'", path, field_line(data, "report"))
        self.match_score = data.get("match_score", DEFAULT_MATCH_SCORE)
        self.sales_severity = data.get("sales_severity")
        if self.sales_severity not in (None, *SEVERITIES):
            raise ConfigError(f"sales_severity must be one of {', '.join(SEVERITIES)}", path,
                              field_line(data, "sales_severity"))
        # Genres whose pages explain more than they sell (patient information): when such a page leaves
        # most of its claims unsourced, its practice is the problem, and one finding says so instead of
        # one per sentence; the register still lists each claim, and promises of certainty are still
        # reported one by one.
        self.page_summary_genres = tuple(str(genre).lower() for genre in data.get("page_summary_genres") or ())
        self.library_path = str(self.data_path(data, path, "library")) if data.get("library") else None
        self.library = _library_cache(self.library_path, str(vocabulary_path)) if self.library_path else []

    def check(self, document):
        register = [claim for claim, _ in claims_register(document, self)]
        if self.report == "strengthened":
            for claim in register:
                if claim.strengthened and claim.approved:
                    yield self.finding(self.render(approved=f"approved: '{claim.approved.text}'"), claim.start,
                                       claim.end, suggestion=claim.approved.text)
            return
        unsupported = [claim for claim in register
                       if claim.support == "uncited" and not claim.reported and claim.strength in self.strengths]
        sourced = sum(claim.support != "uncited" for claim in register)
        if document.genre in self.page_summary_genres and sourced < len(register) - sourced:
            summarised = [claim for claim in unsupported if not claim.absolute]
            if len(summarised) > 1:
                unsupported = [claim for claim in unsupported if claim.absolute]
                yield self._page_finding(summarised, len(register))
        for claim in unsupported:
            yield self._claim_finding(claim, document)

    def _claim_finding(self, claim: Claim, document) -> Finding:
        what, advice = CLAIM_WORDS[claim.kind]
        if claim.absolute:
            what = "promises a certain result"
            advice = "no treatment works for everyone, so remove the promise or " + advice
        message = self.render(strength=claim.strength, claim=what, advice=advice,
                              coding=CODING_WORDS[claim.coding], kind=claim.kind)
        finding = self.finding(message, claim.start, claim.end, suggestion=advice[0].upper() + advice[1:] + ".",
                               strength=claim.strength, coding=claim.coding, kind=claim.kind)
        if claim.absolute and self.sales_severity and sells(document):
            finding.severity = self.sales_severity  # a promise of a cure on a page that sells
        return finding

    def _page_finding(self, claims: list[Claim], total: int) -> Finding:
        """One finding, on the first claim, for a page that leaves most of its claims unsourced."""
        first = claims[0]
        wording = "hedged or as associations" if self.strengths == ("hedged",) else "as fact"
        message = (f"This page names no source for {len(claims)} of its {total} health claims, these {wording} "
                   f"(this is the first): add the references it relies on; the claims register lists each claim.")
        return self.finding(message, first.start, first.end,
                            suggestion="Add a References section, or name each claim's source in the text.",
                            strength=first.strength, coding=first.coding, kind=first.kind)


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


# The vocabulary lists analyse() looks at, each found with one pass over the whole document.
SCANNED = ANALYSED_LISTS
RELATIONS = ("effect", "association", "nominal", "comparatives", "safety")
TARGETS = ("health", "health_patterns", "strong_safety")


def scan(document: Document, blocks: list[Block], vocabulary: Vocabulary) -> dict[tuple[Block, int], dict]:
    """Where each list matches, by sentence ((block, sentence start) -> list name -> spans in the
    sentence): one RE2 pass per list over the joined blocks, instead of one per list and sentence.
    The relations and targets go first; the other lists are looked for only in the paragraphs where
    a sentence has both, since no other sentence can hold a claim."""
    found: dict[tuple[Block, int], dict[str, list[tuple[int, int]]]] = {}
    _scan_lists(document, blocks, vocabulary, RELATIONS + TARGETS, found)
    candidates = {key for key, lists in found.items()
                  if _may_claim(lists) or (_has_target(lists) and _comparative_in(*key))}
    found = {key: found[key] for key in candidates}
    paragraphs = list(dict.fromkeys(block for block, _ in candidates))
    _scan_lists(document, paragraphs, vocabulary, [n for n in SCANNED if n not in RELATIONS + TARGETS], found,
                only=candidates)
    return found


def _may_claim(lists: dict) -> bool:
    """Every claim has a relation and a target (a safety promise is its own target, and may be its own
    relation: "Safe for the whole family")."""
    return "strong_safety" in lists or (not lists.keys().isdisjoint(RELATIONS) and _has_target(lists))


def _has_target(lists: dict) -> bool:
    return not lists.keys().isdisjoint(TARGETS)


def _comparative_in(block: Block, start: int) -> bool:
    """A comparative word in the sentence: its relation may be a comparison next to the target ("have
    more chest infections", "your risk is higher if"), which analyse() looks for."""
    index = block.sentence_index(start)
    return index is not None and COMPARATIVE_WORD.search(block.sentences[index].text)


def _scan_lists(document: Document, blocks: list[Block], vocabulary: Vocabulary, names, found: dict,
                only: set | None = None) -> None:
    text, _ = joined_blocks(document, blocks)
    starts, ends, keys = _sentence_table(document, blocks)
    for name in names:
        for start, end in getattr(vocabulary, name).all_spans(text):
            index = bisect_right(starts, start) - 1
            if index < 0 or end > ends[index]:
                continue  # between sentences, or running into the next one
            key = keys[index]
            if only is None or key in only:
                offset = starts[index]
                found.setdefault(key, {}).setdefault(name, []).append((start - offset, end - offset))


def _sentence_table(document: Document, blocks: list[Block]) -> tuple[list[int], list[int], list[tuple[Block, int]]]:
    """Where each sentence starts and ends in the blocks' joined text (patterns.joined_blocks), and its
    key (block, start in block): a match is placed in its sentence by one bisection."""
    def build():
        _, block_starts = joined_blocks(document, blocks)
        starts, ends, keys = [], [], []
        for block, offset in zip(blocks, block_starts):
            for sentence in block.sentences:
                starts.append(offset + sentence.start)
                ends.append(offset + sentence.end)
                keys.append((block, sentence.start))
        return starts, ends, keys
    return document.memo((_sentence_table, tuple(blocks)), build)


def _find_claims(document: Document, vocabulary: Vocabulary, library, match_score) -> list[tuple[Claim, Block]]:
    claims = []
    blocks = document.blocks
    found = scan(document, blocks, vocabulary)
    for block in blocks:
        for index, sentence in enumerate(block.sentences):
            lists = found.get((block, sentence.start))
            if not lists:
                continue
            if block.kind == BlockKind.HEADING and (TOPIC_HEADING.search(sentence.text)
                                                     or _topic_without_verb(sentence.text, lists)):
                continue
            analysis = analyse(sentence.text, vocabulary, lists)
            if analysis is None:
                continue
            claims.append((_claim(document, block, index, analysis, vocabulary, library, match_score), block))
    return claims


_NOUN_AFTER = re.compile(r"\s+(?:of|for)\b", re.I)
# A news story or press release reports a study it names somewhere ("published in The Lancet",
# "presented at ASCO", "the ATLAS trial"): the results it reports are that study's, not the writer's
# own claims, so a source named anywhere in the story supports them.
REPORTING_GENRES = frozenset({"news", "press-release"})


def _story_source(document: Document, vocabulary: Vocabulary) -> str:
    """'attributed' when the story names a source anywhere in its prose (or cites one), else 'none'."""
    whole = document.whole
    found = support_of("\n".join(b.text for b in whole.blocks), vocabulary, any(b.links for b in whole.blocks))
    return "attributed" if found != "none" else "none"


def _topic_without_verb(text: str, lists: dict) -> bool:
    """A heading with no effect verb, change noun, comparison or safety promise, only a cause named as a
    noun or an association, names a topic ("Causes of weight gain", "Salmonellosis Associated with
    Chicks"); a headline with a verb makes a claim ("Vaccine Reduces HPV Infections")."""
    verbs = [(s, e) for s, e in lists.get("effect", []) if not _NOUN_AFTER.match(text, e)]
    return not (verbs or lists.get("safety") or lists.get("comparatives") or lists.get("nominal"))


def _claim(document: Document, block: Block, index: int, analysis: Analysis, vocabulary: Vocabulary, library,
           match_score: int) -> Claim:
    sentence = block.sentences[index]
    in_sentence = any(s < sentence.end and e > sentence.start for s, e, _ in block.links)
    support = own_support = support_of(sentence.text, vocabulary, in_sentence)
    if support == "none":  # the sentence's paragraph, found once per paragraph
        support = document.memo((support_of, block, id(vocabulary)),
                                 lambda: support_of(block.text, vocabulary, bool(block.links)))
    if support == "none" and document.genre in REPORTING_GENRES:
        support = document.memo((support_of, "story", id(vocabulary)), lambda: _story_source(document, vocabulary))
    # a sentence that supports nothing itself holds no reference: its support is its paragraph's
    references = _references_in(block, sentence.start, sentence.end, vocabulary) if own_support != "none" else []
    if support != "none" and not references:  # the paragraph's, found once for all its claims
        references = list(document.memo((_references_in, block, id(vocabulary)),
                                        lambda: _references_in(block, 0, len(block.text), vocabulary)))
    start, end = block.to_source(sentence.start, sentence.end)
    line, column = document.lines.position(start)
    claim = Claim(document.source[start:end], start, end, line, column, analysis.strength,
                  "cited" if support != "none" else "uncited", references, coding=analysis.coding,
                  absolute=analysis.absolute, kind=analysis.kind, support_kind=support, reported=analysis.reported)
    if library:
        core = core_words(sentence.text, vocabulary)
        best = max(library, key=lambda approved: fuzz.token_sort_ratio(core, approved.core))
        if fuzz.token_sort_ratio(core, best.core) >= match_score:
            claim.approved, claim.approved_text = best, best.text
            if STRENGTHS.index(claim.strength) > STRENGTHS.index(best.strength):
                claim.strengthened = True
            elif claim.support == "uncited":
                claim.support, claim.support_kind = "approved", "approved"
                claim.references = list(best.references)
    return claim


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


def _numbered_lines(document: Document, block: Block) -> list[tuple[int, tuple[int, int]]]:
    """(number, source span) of each line of a References block that starts with one ("[2] ...", "2. ..."):
    a plain-text reference list is one block with a line per reference."""
    found = []
    offset = 0
    for text_line in block.text.split("\n"):  # the block's own text first: an HTML <p>[1] ...</p>
        match = _REFERENCE_NUMBER.match(text_line)
        if match:
            found.append((int(match.group(1) or match.group(2)), block.to_source(offset, offset + len(text_line))))
        offset += len(text_line) + 1
    first, last = document.lines.position(block.source_start)[0], document.lines.position(block.source_end)[0]
    for line in range(first, last + 1):
        line_start = document.lines.line_start(line)
        match = _REFERENCE_NUMBER.match(document.source, line_start)
        if match and int(match.group(1) or match.group(2)) not in {number for number, _ in found}:
            last_line = line >= len(document.lines.line_starts)
            end = block.source_end if last_line else document.lines.line_start(line + 1) - 1
            found.append((int(match.group(1) or match.group(2)), (max(line_start, block.source_start),
                                                                   min(max(end, line_start), block.source_end))))
    return found


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
        items = 0  # list items seen in the References section: an ordered list numbers them by position
        for block in document.blocks:
            if block.kind == BlockKind.HEADING:
                in_references, items = bool(REFERENCE_HEADING.match(block.text)), 0
                continue
            if in_references:
                numbered = _numbered_lines(document, block)
                if not numbered and block.kind == BlockKind.LIST_ITEM:
                    numbered = [(items + 1, (block.source_start, block.source_end))]
                items += block.kind == BlockKind.LIST_ITEM
                for number, span in numbered:
                    references.setdefault(number, span)
                if numbered:
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
