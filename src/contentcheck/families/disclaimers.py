"""Required statements: is this health content, does it carry a medical disclaimer (by meaning, not
wording), does it promote a brand without disclosure, and does it have the house's required elements.

Everything that decides (element patterns and weights, the health vocabulary, disclosure phrases)
is YAML in rules/disclaimers/; this module only scores and reports.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..commerce import CALL_TO_ACTION, PRICE, SHOP_LINK, calls_to_action, prices, prose_text
from ..document import BODY_TEXT, PROSE_KINDS, Block, BlockKind, Document
from ..errors import ConfigError
from ..patterns import Matcher, find_in_blocks
from ..registry import rule_type
from ..rule import Rule, field_line, item_lines
from ..yamlload import read_yaml_file

_DATA: dict[str, object] = {}


def _load(path: str, build):
    if path not in _DATA:
        data = read_yaml_file(path, "data file")
        if not isinstance(data, dict):
            raise ConfigError("must be a mapping", path, 1)
        _DATA[path] = build(data, path)
    return _DATA[path]


# --- health content --------------------------------------------------------------------------------
@dataclass
class HealthVocabulary:
    terms: Matcher
    min_share: float
    min_terms: int


def _health_vocabulary(data, path) -> HealthVocabulary:
    return HealthVocabulary(Matcher([str(t) for t in data.get("terms") or []]), float(data.get("min_share", 0.01)),
                            int(data.get("min_terms", 3)))


def is_health_content(document: Document, vocabulary: HealthVocabulary) -> bool:
    """Front matter `health:` first, then a config override, then the density of health terms in
    the whole document (whatever the asking rule's scope: it is a fact about the page)."""
    return document.memo(is_health_content, lambda: _health_content(document.whole, vocabulary))


def _health_content(document: Document, vocabulary: HealthVocabulary) -> bool:
    declared = document.metadata.get("health", document.health_override)
    health = declared if isinstance(declared, bool) else _dense_in_health_terms(prose_text(document), vocabulary)
    document.artefacts.facts.health_content = health
    return health


_LETTER_OR_DIGIT_ELSE_SPACE = bytes(byte if chr(byte).isalnum() and byte < 128 else 32 for byte in range(256))


def count_words(text: str) -> int:
    """How many runs of letters and digits the text holds, as len(re.findall(r"[^\\W_]+", text)) counts
    them; for ASCII text by two C passes (translate, split), five times faster than building the list."""
    if text.isascii():
        return len(text.encode("ascii").translate(_LETTER_OR_DIGIT_ELSE_SPACE).split())
    return len(re.findall(r"[^\W_]+", text))


def _dense_in_health_terms(text: str, vocabulary: HealthVocabulary) -> bool:
    """At least min_terms distinct terms, making up min_share of the words. Stops reading matches
    once both hold: a health article holds hundreds, and the answer is known after a few."""
    words = count_words(text)
    if not words:
        return False
    count, distinct = 0, set()
    for start, end in vocabulary.terms.finditer(text):
        count += 1
        distinct.add(text[start:end].lower())
        if len(distinct) >= vocabulary.min_terms and count / words >= vocabulary.min_share:
            return True
    return False


# --- disclaimers -----------------------------------------------------------------------------------
@dataclass(eq=False)  # hashed by identity: a key of the document's memo
class DisclaimerModel:
    elements: dict[str, tuple[float, Matcher]]
    threshold: float

    def score(self, text: str) -> tuple[float, list[str]]:
        found = [name for name, (_, matcher) in self.elements.items() if matcher.search(text)]
        return sum(self.elements[name][0] for name in found), found

    def score_blocks(self, document: Document, blocks: list[Block]) -> dict[Block, tuple[float, list[str]]]:
        """score() for many blocks, with one pass per element over their joined text."""
        elements_in: dict[Block, list[str]] = {b: [] for b in blocks}
        for name, (_, matcher) in self.elements.items():
            for block in dict.fromkeys(b for b, _, _ in find_in_blocks(matcher, document, blocks)):
                elements_in[block].append(name)
        return {block: (sum(self.elements[n][0] for n in names), names) for block, names in elements_in.items()}


def _disclaimer_model(data, path) -> DisclaimerModel:
    elements = {}
    for name, spec in (data.get("elements") or {}).items():
        if not isinstance(spec, dict) or "weight" not in spec or not isinstance(spec.get("patterns"), list):
            raise ConfigError(f"element '{name}' needs 'weight' and a 'patterns' list", path,
                              field_line(data["elements"], name))
        patterns = [f"(?i){p}" for p in spec["patterns"]]
        matcher = Matcher((), patterns, False, False, path, field_line(spec, "patterns"),
                          pattern_lines=item_lines(spec, "patterns"))
        elements[name] = (float(spec["weight"]), matcher)
    return DisclaimerModel(elements, float(data.get("threshold", 2.0)))


@dataclass
class FoundDisclaimer:
    position: float  # 0.0 = top of the article, 1.0 = bottom (footer and front matter count as found anywhere)
    start: int | None
    end: int | None
    elements: list[str]


def find_disclaimers(document: Document, model: DisclaimerModel) -> list[FoundDisclaimer]:
    """Disclaimers in the document's blocks and its boilerplate, found once per scope and model."""
    return document.scoped_memo((find_disclaimers, model), lambda: _find_disclaimers(document, model))


def _find_disclaimers(document: Document, model: DisclaimerModel) -> list[FoundDisclaimer]:
    found = []
    metadata_text = document.metadata.get("disclaimer")
    if isinstance(metadata_text, str) and metadata_text.strip():
        found.append(FoundDisclaimer(-1.0, None, None, ["front matter"]))
    blocks = [b for b in document.blocks if b.kind in BODY_TEXT]
    scores = model.score_blocks(document, blocks + document.boilerplate)
    for index, block in enumerate(blocks):
        score, elements = scores[block]
        if score >= model.threshold:
            found.append(FoundDisclaimer(index / max(len(blocks) - 1, 1), block.source_start, block.source_end,
                                         elements))
    for block in document.boilerplate:
        score, elements = scores[block]
        if score >= model.threshold:
            position = 1.0 if block.source_start > (blocks[-1].source_start if blocks else 0) else 0.0
            found.append(FoundDisclaimer(position, block.source_start, block.source_end, elements))
    document.artefacts.facts.disclaimer = bool(found)
    return found


@rule_type
class DisclaimerRule(Rule):
    """Reports a missing disclaimer (`report: missing`) or a misplaced one (`report: placement`)."""

    kind = "disclaimer"
    TYPE_FIELDS = {"suggested_text": str, "placement": str, "report": str, "elements": str, "health": str}
    PATH_FIELDS = {"elements": "_elements.yaml", "health": "_health.yaml"}
    PLACEHOLDERS = frozenset({"placement"})
    DEFAULT_SCOPE = PROSE_KINDS  # a disclaimer may sit in any body block; headings only decide health content
    SKIP_REFERENCES = False

    def prepare(self, data, path):
        self.model = _load(str(self.data_path(data, path, "elements")), _disclaimer_model)
        self.health = _load(str(self.data_path(data, path, "health")), _health_vocabulary)
        self.suggested_text = data.get("suggested_text")
        self.placement = data.get("placement", "anywhere")
        self.report = data.get("report", "missing")
        if self.placement not in ("anywhere", "top", "bottom"):
            raise ConfigError("placement must be anywhere, top or bottom", path, field_line(data, "placement"))
        if self.report not in ("missing", "placement"):
            raise ConfigError("report must be missing or placement", path, field_line(data, "report"))

    def check(self, document):
        if not is_health_content(document, self.health):
            return
        found = find_disclaimers(document, self.model)
        if self.report == "missing":
            if not found:
                yield self.finding(self.message, suggestion=self.suggested_text)
            return
        if self.placement == "anywhere" or not found:
            return
        wanted = (lambda d: d.position <= 0.25) if self.placement == "top" else (lambda d: d.position >= 0.75)
        if any(d.start is None or wanted(d) for d in found):
            return
        first = found[0]
        yield self.finding(self.render(placement=self.placement), first.start, first.end,
                           suggestion=f"Move the disclaimer to the {self.placement} of the article.")


# --- sponsorship disclosure ------------------------------------------------------------------------
_NAME = re.compile(r"\b[A-Z][\w'’&-]*(?:\s+(?:&\s+)?[A-Z][\w'’&-]*){0,3}")
_CAMEL = re.compile(r"[a-z][A-Z]")
GENERIC_NAMES = frozenset("""
    the a an our your my this that these those it its we you they he she i if when where what why how who
    for and but or so yet in on at by with from to of as is are was were be do does did not no yes
    don't do't can will may might should must get keep take try call book order buy contact visit
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday today tomorrow
    gp nhs fda ftc cdc nih who dr mr mrs ms prof sign
""".split())


@dataclass
class Promotion:
    brand: str
    mentions: int
    evidence: list[str]


# not brands: a person (after a title, or with a degree after the name) or an institution
_PERSON_BEFORE = re.compile(r"\b(?:Dr|Mr|Mrs|Ms|Prof|Professor|Sir|Dame|Nurse)\.?\s+$")
_DEGREE_AFTER = re.compile(r"^,?\s+(?:M\.?D\.?|Ph\.?D\.?|R\.?N\.?|MPH|MBBS|FRCP|DO)\b")
_INSTITUTION = re.compile(r"\b(?:University|Institute|Institutes|Hospital|College|School|Cent(?:er|re)|Foundation|"
                          r"Society|Association|Department|Agency|Administration|Council|Service|Ministry)\b")


def _name_candidates(block: Block) -> list[str]:
    names = []
    for sentence in block.sentences:
        text = sentence.text
        for match in _NAME.finditer(text):
            if _PERSON_BEFORE.search(text, 0, match.start()) or _DEGREE_AFTER.match(text[match.end():]) \
                    or _INSTITUTION.search(match.group()):
                continue
            if match.end() < len(text) and text[match.end()] == "." and match.end() - match.start() <= 2:
                continue  # a letter of an abbreviation with dots: "F.D.A."
            words = match.group().split()
            while words and words[0].lower().strip("'’") in GENERIC_NAMES:
                words.pop(0)  # "Order JointFlex" -> "JointFlex"; "Our Clinic" -> "Clinic"
            while words and words[-1].lower().strip("'’") in GENERIC_NAMES:
                words.pop()
            if not words:
                continue
            name = " ".join(words)
            at_sentence_start = match.start() == 0 and len(words) == len(match.group().split())
            if len(words) >= 2 or _CAMEL.search(name) or not at_sentence_start:
                names.append(name)
    return names


NAMED_OFTEN = 5  # mentions of a product, in longer names too, that make one call to action enough


def _mentions_within(name: str, counts: dict[str, int]) -> int:
    """Mentions of a name on its own and inside longer names ("HILT-9" in "Kinetix HILT-9")."""
    pattern = re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])")
    return sum(count for other, count in counts.items() if pattern.search(other))


def _site_names(document: Document) -> set[str]:
    """Names the site's own navigation, header or footer uses, or its HTML title puts after a
    separator ("... | Apex Motion Clinic"): the publisher's own name, not a brand it is paid to promote."""
    title = str(document.metadata.get("title", ""))
    texts = [b.text for b in document.boilerplate] + re.split(r"\s[|–—-]\s", title)[1:]
    texts += [str(document.metadata.get("og:site_name", ""))]
    return {name for text in texts for name in _NAME.findall(text)}


def find_promotion(document: Document, products: list[tuple[str, Matcher | None]]) -> Promotion | None:
    blocks = document.blocks
    text = prose_text(document)
    signals = calls_to_action(text)
    price_mentions = prices(text)
    shop_links = [href for b in blocks for _, _, href in b.links if SHOP_LINK.search(href)]
    if not (signals or price_mentions or shop_links or products):
        return None  # nothing commercial on the page: nothing can be promoted
    for product, matcher in products:
        mentions = len(matcher.regex.findall(text)) if matcher else 0
        if mentions:
            return Promotion(product, mentions, ["one of your products"])
    counts: dict[str, int] = {}
    for block in blocks:
        for name in _name_candidates(block):
            counts[name] = counts.get(name, 0) + 1
    own = _site_names(document)
    best = None
    for name in counts:
        mentions = _mentions_within(name, counts)
        if mentions < 2 or (len(name.split()) == 1 and not _CAMEL.search(name) and mentions < 3) or name in own:
            continue
        near = [s for b in blocks for s in b.sentences if name in s.text and
                (CALL_TO_ACTION.unicode.search(s.text) or PRICE.unicode.search(s.text))]
        commercial = len(signals) + len(price_mentions) + len(shop_links)
        # a product named again and again ("the HILT-9", "the Kinetix HILT-9") on a page that sells
        if not near and commercial < 2 and mentions < NAMED_OFTEN:
            continue
        evidence = [f"{mentions} mentions"]
        if signals:
            evidence.append(f"'{' '.join(signals[0].split())}'")
        if price_mentions:
            evidence.append("a price")
        if shop_links:
            evidence.append("a shop link")
        candidate = Promotion(name, mentions, evidence)
        if best is None or (len(near), mentions) > (best[0], best[1].mentions):
            best = (len(near), candidate)
    return best[1] if best else None


@rule_type
class DisclosureRule(Rule):
    """A promoted brand with no disclosure of the commercial relationship."""

    kind = "disclosure"
    TYPE_FIELDS = {"products": list, "disclosure_phrases": list, "disclosure_patterns": list, "health": str}
    PATH_FIELDS = {"health": "_health.yaml"}
    PLACEHOLDERS = frozenset({"brand", "evidence"})
    DEFAULT_SCOPE = PROSE_KINDS
    SKIP_REFERENCES = False

    def prepare(self, data, path):
        self.health = _load(str(self.data_path(data, path, "health")), _health_vocabulary)
        # compiled once here, not per article: (name as configured, its matcher; None for a blank name)
        self.products = [(name, Matcher([name]) if name.strip() else None)
                         for name in (str(p) for p in data.get("products") or [])]
        self.disclosures = Matcher([str(p) for p in data.get("disclosure_phrases") or []],
                                   [str(p) for p in data.get("disclosure_patterns") or []], True, True, path,
                                   field_line(data, "disclosure_patterns"))

    def disclosed(self, document: Document) -> bool:
        if document.metadata.get("sponsored") is True or document.metadata.get("disclosure"):
            return True
        texts = [b.text for b in document.blocks + document.boilerplate] + [str(document.metadata.get("title", ""))]
        return any(self.disclosures.search(text) for text in texts)

    def check(self, document):
        if not is_health_content(document, self.health):
            return
        disclosed = self.disclosed(document)
        promotion = find_promotion(document, self.products)
        facts = document.artefacts.facts
        facts.promoted_brand = promotion.brand if promotion else None
        facts.disclosure = disclosed
        if disclosed:
            return
        if promotion:
            message = self.render(brand=f"'{promotion.brand}'", evidence=", ".join(promotion.evidence))
            yield self.finding(message, suggestion="Add a disclosure such as 'Sponsored by ...' or "
                                                   "'We sell the products featured here.' near the top.",
                               brand=promotion.brand)


# --- required elements -----------------------------------------------------------------------------
@rule_type
class RequiredElementsRule(Rule):
    """House rules: author, reviewer, review date, sources; each reported when `require`d and missing."""

    kind = "required-elements"
    TYPE_FIELDS = {"require": list, "elements": dict}
    PLACEHOLDERS = frozenset({"element"})
    DEFAULT_SCOPE = PROSE_KINDS
    SKIP_REFERENCES = False

    def prepare(self, data, path):
        self.elements = data.get("elements") or {}
        self.require = [str(r) for r in data.get("require") or []]
        for name in self.require:
            if name not in self.elements:
                raise ConfigError(f"unknown required element '{name}' (known: {', '.join(self.elements)})", path,
                                  field_line(data, "require"))
            if not isinstance(self.elements[name], dict):
                raise ConfigError(f"element '{name}' must be a mapping (metadata_keys, headings, phrases)", path,
                                  field_line(data, "elements"))
        self.phrases = {name: Matcher([str(p) for p in self.elements[name].get("phrases") or []])
                        for name in self.require}

    def present(self, document: Document, spec: dict, phrases: Matcher) -> bool:
        keys = {str(k).lower() for k in document.metadata if document.metadata[k] not in (None, "", [])}
        if keys & {str(k).lower() for k in spec.get("metadata_keys") or []}:
            return True
        headings = {str(h).lower() for h in spec.get("headings") or []}
        blocks = document.blocks + document.boilerplate
        if headings and any(b.kind == BlockKind.HEADING and b.text.strip().lower().rstrip(":") in headings
                            for b in blocks):
            return True
        return not phrases.empty and any(phrases.search(b.text) for b in blocks)

    def check(self, document):
        for name in self.require:
            spec = self.elements[name]
            if not self.present(document, spec, self.phrases[name]):
                yield self.finding(self.render(element=spec.get("label", name)))
