"""Recognising a health claim by its structure, and coding it as researchers do.

A sentence is a claim when something is related to a health target (a condition, symptom, body part
or function, biomarker: the vocabulary's `health_terms`) by an effect verb in any inflection, a change
noun, an association, a comparison or a safety promise; and it is not a genuine question, a denial or
debunk, a study plan, a definition or a prevalence figure. Its coding is correlational (an
association), conditional (a hedge) or direct; it is absolute when it promises certainty, totality,
permanence, universal safety or speed; its support is cited (a reference a machine can find),
attributed (a source named in words) or none; its kind is what it is about. A claim quoted to be
criticised is marked reported. Every list is data in rules/claims/_vocabulary.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ConfigError
from ..inflections import verb_forms
from ..patterns import Matcher, OwnPattern, TermSet
from ..rule import field_line
from ..yamlload import read_yaml_file

CODINGS = ("correlational", "conditional", "direct")
KINDS = ("comparative", "safety", "prevention", "risk", "mechanism", "efficacy", "other")
LIST_KEYS = ("effect_verbs", "hedging_reporters", "association", "nominal_effects", "nominal_patterns", "comparatives",
             "safety_promises", "strong_safety_promises", "health_terms", "health_patterns", "verb_exceptions",
             "hedges", "absolute_markers", "absolute_qualifiers", "negations", "negation_patterns", "local_negators",
             "not_claims",
             "reported_cues", "trend_verbs",
             "prevalence", "citation_patterns", "attribution_patterns")
# The keys of the first vocabulary format, still read: outcome_verbs were surface forms, outcomes and
# conditions the health terms, not_claims the denials.
OLD_KEYS = {"outcome_verbs": "effect_verbs", "outcomes": "health_terms", "conditions": "health_terms"}

# A heading that asks or announces ("What helps", "How to ease back pain", "When to see a GP") labels a
# section; it claims nothing.
TOPIC_HEADING = re.compile(
    r"(?:^|[:–—]\s*)\W*(?:what|how|why|when|which|who|where|can|does|do|is|are|should|will)\b"
    r"|^\W*[A-Za-z]+ing\b(?!.*\b(?:guarantee\w*|for good|forever|permanently|100%|overnight|instantly)\b)", re.I)
_QUESTION_START = re.compile(r"^\W*(?:did you know|why (?:does|do|is|are)|isn'?t it|who knew|ever wondered)\b", re.I)
_DEFINITION = OwnPattern(
    r"\b(?:means|is when|happens when|occurs when|is (?:a|an)\s+(?:\w+\s+){0,2}?(?:condition|disease|illness|"
    r"disorder|infection|type|kind|term|name|problem)\s+(?:that|which|where|in which|of)|is called|are called|"
    r"refers to|is the (?:medical )?(?:term|name|word) for|is defined as|is pain)\b", ignorecase=True)
# A group picked out by what its members do ("children who use screens", "people taking statins",
# "participants assigned to the diet"): what follows describes the group, an association, unless a
# change is credited to the exposure.
_GROUP_SUBJECT = OwnPattern(
    r"\b(?:people|children|kids|adults|women|men|girls|boys|patients|users|those|participants|teens|teenagers|"
    r"babies|mothers|smokers|drinkers|workers|students|volunteers|members|testers)\s+(?:who|whose|taking|using|"
    r"with the|that|assigned|randomi[sz]ed|allocated)\b", ignorecase=True)  # ... or put in a trial's arm
# an association that links an exposure to the outcome ("associated with higher rates of asthma"), not a
# bare comparison of rates between places or groups
_LINKING = re.compile(r"(?:linked|associated|tied|correlated|connected|correlates)\b|(?:correlation|association|link|"
                      r"connection) between", re.IGNORECASE)
# A sentence about how common an illness is in a place or in a group picked out by who they are, not
# by what they do: its subject is a rate ("Rates of asthma are higher in cities") or a demographic group
# ("Older adults have higher rates of shingles").
_PREVALENCE_SUBJECT = re.compile(
    r"\W*(?:the\s+)?(?:(?:rates?|incidence|prevalence|number|risk)\s+of\b|(?:(?:older|younger|elderly|pregnant|"
    r"black|white|asian|hispanic)\s+)?(?:people|adults|women|men|girls|boys|children|infants|teenagers)"
    r"(?:\s+(?:aged|over|under)\s+\d+)?\s+(?:have|had|are|were)\b)", re.IGNORECASE)
_DEFINITION_WORDS = OwnPattern(r"mean|when| is | are |called|refers|defined")
# "..., which means the device regenerates cartilage": a consequence drawn, not a term defined
_CONSEQUENCE = re.compile(r"\b(?:which|this|that|it)\s+$", re.IGNORECASE)


def _defines(text: str) -> bool:
    """The sentence defines a term ("Sciatica is pain that...", "Hypertension means..."), rather than
    drawing a consequence with "which means"."""
    return any(not (text[s:e].lower() == "means" and _CONSEQUENCE.search(text, max(0, s - 8), s))
               for s, e in _DEFINITION.spans(text))
# A group of people compared with another by who they are, not by what they do: prevalence.
_DEMOGRAPHIC_COMPARISON = OwnPattern(
    r"\b(?:women|men|girls|boys|children|adults|older (?:people|adults)|younger (?:people|adults)|black|white|"
    r"asian|hispanic)\s+(?:are|were|is)\s+(?:\w+\s+){0,3}?(?:more|less)\s+likely\s+than\s+(?:men|women|"
    r"boys|girls|adults|children|white|black)", ignorecase=True)
# A comparative word just before a health target ("much less tooth decay", "healthier blood pressure").
_COMPARATIVES = (r"less|more|fewer|lower|higher|better|worse|healthier|slower|faster|longer|shorter|stronger|"
                 r"weaker|reduced|improved|increased|decreased|poorer|greater|smaller|bigger|milder|clearer|"
                 r"calmer|fitter|thinner|smoother|firmer")
COMPARATIVE_WORD = OwnPattern(rf"\b(?:{_COMPARATIVES})\b", ignorecase=True)  # anywhere in a sentence
_TWO_WORDS_AT_MOST = re.compile(r"\s+(?:\w+[\s-]+){0,2}")
# "more common in people over 50": how often an illness occurs, prevalence, not a comparison of outcomes
# ... and "lasts more than six weeks": a duration
_HOW_COMMON = re.compile(r"\s+(?:common|frequent|prevalent|widespread|often\s+(?:seen|found|diagnosed)|"
                         r"than\s+(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|a\s+few)\s+"
                         r"(?:minutes?|hours?|days?|weeks?|months?|years?))\b", re.I)
# "one or more diseases", "aged 65 or older": a quantity, not a comparison
_OR_BEFORE = re.compile(r"\bor\s+$", re.I)
# "back pain gets better": how an illness runs, unless something is credited with it
_GETS = re.compile(r"\W*(?:gets?|got|getting|become|becomes|became|becoming)\s+(?:\w+\s+)?$", re.I)
# ... or just after it ("my eczema is always worse", "my hay fever was much milder")
_COMPARATIVE_AFTER = re.compile(rf"\W*(?:\w+\s+){{0,3}}?({_COMPARATIVES})\b", re.I)
_CHANGE_NOUN = OwnPattern(r"\b(?:a|an|the|\d+\s*%|\d+\s*percent)\s+(?:\w+\s+)?(?:reduction|improvement|increase|"
                          r"decrease|drop|fall|rise|decline)\b", ignorecase=True)
# A share below 100% qualifies a promise ("cures 95% of patients"); 100% does not.
_PERMANENCE = re.compile(r"\b(?:permanent(?:ly)?|forever|for good|for life|once and for all)\b", re.I)
_SHARE = re.compile(r"(?<![\d.])(?:[1-9]?\d(?:\.\d+)?)\s*(?:%|percent)\s+of\b", re.I)
# "works overnight" promises speed; "overnight oats" is a food: the word must not be a noun's modifier.
_OVERNIGHT = re.compile(r"\bovernight\b(?!\s+(?!and\b|or\b|with\b|while\b|so\b|without\b|for\b|in\b)[a-z]+)", re.I)
_SPEED = OwnPattern(
    r"\b(?:tonight|in under an? \w+|in a single (?:session|dose|day|night)|(?:within|in) (?:\d+|one|two|three|"
    r"four|five|six|seven|ten|thirty)\s+(?:minutes?|hours?|days?|nights?|weeks?)|starts? working in)\b",
    ignorecase=True)
_FIRST_PERSON = OwnPattern(r"\b(?:I|I'm|I've|my|me)\b")
_PAST = OwnPattern(r"\b(?:was|were|had|did)\b", ignorecase=True)
_INTRANSITIVE = re.compile(r"(?:drop|fall|fell|rise|rose|climb|decline|weaken|heal|fail|spread|worsen|"
                          r"improve|get|become|last)\w*\b", re.I)
_AUXILIARY = OwnPattern(r"\b(?:is|are|was|were|be|been|has|have|had)\b", ignorecase=True)
# An exposure credited with a change ("after the smoking ban", "thanks to the spray", "with the brace").
_CREDITED = OwnPattern(r"\b(?:after|since|thanks to|with|because of|due to|when (?:taking|using)|on)\b",
                       ignorecase=True)
_ON_ITS_OWN = re.compile(r"\bon\s+(?:its|their|your|his|her|my|our)\s+own\b", re.I)


def _credited(text: str) -> bool:
    """Something is credited with the change ("after the smoking ban", "with the brace"); "on its
    own" credits nothing."""
    if "wn" in text or "WN" in text:  # "own", "Own", "OWN": the substitution is needed
        text = _ON_ITS_OWN.sub(" ", text)
    return _CREDITED.search(text)


# What an effect verb does to when it is not health: money, time, business.
_NON_HEALTH_OBJECT = re.compile(
    r"\s+(?:\w+\s+){0,2}?(?:cost|costs|price|prices|bill|bills|budget|budgets|profits?|sales|revenue|spending|"
    r"money|funds|awareness|emissions|energy use|waiting times?|loading time|time it takes)\b", re.I)
# Advice to the reader: a conditional instruction or an imperative to consult, with no outcome promised.
_ADVICE = OwnPattern(
    r"^\W*(?:if\b[^,]{0,120},\s*(?:please\s+)?(?:it\s+is\s+(?:important|best|a\s+good\s+idea)\s+to\s+)?"
    r"(?:see|tell|talk|call|speak|review|contact|ask|stop|check|seek|go)\b|"
    r"(?:please\s+)?(?:speak|talk|discuss|ask|tell|consult|check with|contact|call|phone|report)\b|"
    r"see\s+(?:your|a)\s+(?:GP|doctor|nurse|pharmacist|dentist|midwife|health\s*care|physio))", ignorecase=True)
# An effect verb that names an aim or a topic, not a result: "tips to manage weight gain", "ways to help
# cancer patients", "in an effort to prevent illness". (The pattern ends where the verb starts.)
# A denial of a whole kind of thing: "no supplement can", "no medicine is" (the negations' subject form)
_NEGATED_SUBJECT = re.compile(r"no\s+.+\s(?:is|are|can|could|will|works?|cures?|prevents?|guarantees?)", re.I)
_BARE_SIDE_EFFECTS = re.compile(r"side[\s-]effects?", re.I)
_AIM_BEFORE = re.compile(r"\b(?:ways?|tips?|steps?|strategies|ideas|how|in order|in an effort|questions?)\s+"
                         r"(?:\w+\s+){0,3}?to\s+(?:\w+\s+(?:or|and)\s+)?$", re.I)
# "X is one of the simplest ways to...": the subject is credited with the effect, a claim.
_SUBJECT_IS = re.compile(r"(?<!\bhere )(?<!\bthere )\b(?:is|are|be|was|were)\b|\w['’]s\b", re.I)


def _names_an_aim(text: str, effect_start: int) -> bool:
    if "to" not in text[max(0, effect_start - 60):effect_start].lower():
        return False  # every aim ends in "to": most effects are spared the search
    aim = _AIM_BEFORE.search(text, max(0, effect_start - 60), effect_start)
    return aim is not None and not _SUBJECT_IS.search(text, max(0, aim.start() - 40), aim.start() + 1)


# A quoted span: words in quotation marks, which a writer may be reporting rather than saying.
_QUOTE_OPENING = re.compile(r"(?:^|(?<=[\s(]))[\'‘\"“]")
_QUOTE_CLOSING = re.compile(r"[\'’\"”]")
_IN_A_DOMAIN = re.compile(r"\.(?:gov|org|com|net|edu|uk|io|nhs)\b", re.I)
_BUT = re.compile(r"\b(?:but|however|although|though|yet)\b|;", re.I)
_CAUSAL_AFTER_LIKELY = OwnPattern(r"\b(?:less|more|un)?likely\s+to\s+(?:make|cause|give|leave|trigger|help)\b",
                                  ignorecase=True)
_STATE_COMPARISON = OwnPattern(
    r"\b(?:had|have|has|were|was|are|is|showed|experienced)\s+(?:\w+\s+){0,3}?(?:\d+\s*%?\s*|\w+ly\s+)?"
    r"(?:fewer|lower|higher|less|more|better|worse)\b", ignorecase=True)
_PREVENTION = OwnPattern(
    r"\b(?:prevent\w*|protect\w*|ward\w* off|fend\w* off|lower\w*|reduc\w*|cut\w*|decreas\w*|halv\w*)\s+"
    r"(?:\w+\s+){0,3}?(?:risk|chance|odds|rates?|incidence)\b|\b(?:prevent\w*|protection|protects?|vaccin\w*|"
    r"immunis\w*|immuniz\w*|ward\w* off|fend\w* off)\b|\b(?:less likely|lower risk|reduced risk)\b", ignorecase=True)
_RISK = OwnPattern(
    r"\b(?:caus\w*|trigger\w*|damag\w*|harm\w*|worsen\w*|rais\w*|increas\w*|doubl\w*|contribut\w* to|lead\w* to|"
    r"led to|threaten\w*)\b|\b(?:more likely|higher risk|increased risk|greater risk|risk factor)\b", ignorecase=True)
_MECHANISM_TERMS = OwnPattern(
    r"\b(?:collagen|metabolism|hormones?|inflammation|gut bacteria|microbiome|cortisol|melatonin|serotonin|"
    r"dopamine|insulin|immune system|free radicals|toxins|detox\w*|cells?|body clock|receptor|signalling|"
    r"signaling|ligamentization|cartilage|nerves?|blood vessels|circulation|blood flow|testosterone|"
    r"oestrogen|estrogen|enzymes?|absorption|take in)\b", ignorecase=True)
_HARMFUL_EXPOSURE = OwnPattern(
    r"\b(?:smok\w*|alcohol|pollution|processed meat|sitting|night shifts?|obesity|sugar|salt|vaping|"
    r"stress|inactivity|sedentary|sunburn|radiation|dehydration|deficiency)\b", ignorecase=True)


@dataclass(eq=False)  # one per vocabulary file, hashed by identity: a key of the document's memo
class Vocabulary:
    relations: Matcher  # every relation phrase at once: which sentences to look at closely
    effect: Matcher
    hedging_reporters: Matcher
    association: Matcher
    nominal: Matcher
    comparatives: Matcher
    safety: Matcher
    health: Matcher | TermSet
    health_patterns: Matcher
    strong_safety: Matcher
    verb_exceptions: Matcher
    hedges: Matcher
    absolute: Matcher
    absolute_qualifiers: Matcher
    negations: Matcher
    local_negators: Matcher
    not_claims: Matcher
    reported: Matcher
    prevalence: Matcher
    trends: Matcher
    citations: Matcher
    attributions: Matcher
    strip_words: Matcher  # hedges and absolute words, set aside when matching the approved library
    _trend_phrases: dict[str, bool] = field(default_factory=dict, repr=False)

    def is_trend(self, phrase: str) -> bool:
        """The effect phrase names a trend ("rises", "drops"); asked once per phrase as written."""
        known = self._trend_phrases.get(phrase)
        if known is None:
            known = self._trend_phrases[phrase] = self.trends.search(phrase)
        return known


# The vocabulary's lists analyse() reads, each a list of (start, end) in the sentence.
ANALYSED_LISTS = ("verb_exceptions", "health", "health_patterns", "strong_safety", "association", "nominal",
                  "comparatives", "safety", "effect", "not_claims", "negations", "local_negators", "prevalence",
                  "hedges", "hedging_reporters", "reported", "absolute", "absolute_qualifiers")


@dataclass
class Analysis:
    """What a sentence claims, coded."""

    coding: str  # correlational, conditional, direct
    absolute: bool
    kind: str
    reported: bool  # quoted or paraphrased to be criticised, not the writer's own

    @property
    def strength(self) -> str:
        """The first register's scale: absolute, strong (direct) or hedged (conditional, correlational)."""
        if self.absolute:
            return "absolute"
        return "strong" if self.coding == "direct" else "hedged"


def vocabulary_files(path: Path) -> list[Path]:
    """The vocabulary file and the files it includes (`include:`, relative to it), in order."""
    data = read_yaml_file(path, "claims vocabulary")
    if not isinstance(data, dict):
        raise ConfigError("claims vocabulary must be a mapping", str(path), 1)
    included = data.get("include") or []
    if not isinstance(included, list):
        raise ConfigError("'include' must be a list of files", str(path), field_line(data, "include"))
    return [path] + [(path.parent / str(name)).resolve() for name in included]


def load_vocabulary(path: Path) -> Vocabulary:
    lists: dict[str, list[str]] = {key: [] for key in LIST_KEYS}
    for file in vocabulary_files(path):
        _read_lists(file, lists)
    return _compile(lists, path)


def _read_lists(path: Path, lists: dict[str, list[str]]) -> None:
    data = read_yaml_file(path, "claims vocabulary")
    if not isinstance(data, dict):
        raise ConfigError("claims vocabulary must be a mapping", str(path), 1)
    for key, value in data.items():
        target = OLD_KEYS.get(key, key)
        if target not in lists:
            continue
        if not isinstance(value, list):
            raise ConfigError(f"'{key}' must be a list", str(path), field_line(data, key))
        lists[target].extend(str(v) for v in value)


def _compile(lists: dict[str, list[str]], path: Path) -> Vocabulary:
    effect = verb_forms(lists["effect_verbs"])
    reporters = verb_forms(lists["hedging_reporters"])

    def phrases(key: str) -> Matcher:
        return Matcher(lists[key])

    def patterns(key: str) -> Matcher:
        return Matcher((), lists[key], ignorecase=False, whole_words=False, path=str(path))

    relation_phrases = effect + lists["association"] + lists["nominal_effects"] + lists["comparatives"] + \
        lists["safety_promises"]
    return Vocabulary(
        relations=Matcher(relation_phrases, lists["nominal_patterns"], path=str(path)), effect=Matcher(effect),
        hedging_reporters=Matcher(reporters), association=phrases("association"),
        nominal=Matcher(lists["nominal_effects"], lists["nominal_patterns"], path=str(path)),
        comparatives=phrases("comparatives"),
        safety=phrases("safety_promises"), health=_term_matcher(lists["health_terms"]),
        health_patterns=patterns("health_patterns"),
        strong_safety=phrases("strong_safety_promises"), verb_exceptions=phrases("verb_exceptions"),
        hedges=phrases("hedges"), absolute=phrases("absolute_markers"),
        absolute_qualifiers=phrases("absolute_qualifiers"),
        negations=Matcher(lists["negations"], lists["negation_patterns"], path=str(path)),
        local_negators=phrases("local_negators"), not_claims=phrases("not_claims"),
        reported=phrases("reported_cues"),
        prevalence=phrases("prevalence"), trends=Matcher(verb_forms(lists["trend_verbs"])),
        citations=patterns("citation_patterns"),
        attributions=patterns("attribution_patterns"),
        strip_words=Matcher(lists["hedges"] + lists["absolute_markers"]),
    )


def _term_matcher(terms: list[str]) -> Matcher | TermSet:
    """RE2 for a list of hundreds of terms; word look-ups for thousands, which are more than RE2's DFA holds."""
    return TermSet(terms) if len(set(terms)) > 2000 else Matcher(terms)


def _outside(spans: list[tuple[int, int]], covers: list[tuple[int, int]]) -> list[tuple[int, int]]:
    if not covers:
        return spans
    return [(s, e) for s, e in spans if not any(cs <= s and e <= ce for cs, ce in covers)]


def _comparative_before(text: str, words: list[tuple[int, int]], start: int) -> tuple[int, int] | None:
    """The first comparative word at most two words before `start`, within 40 characters."""
    for word_start, word_end in words:
        if word_start >= start - 40 and word_end < start and _TWO_WORDS_AT_MOST.fullmatch(text, word_end, start):
            return word_start, word_end
    return None


def _any_within(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(start <= s and e <= end for s, e in spans)


def analyse(text: str, vocabulary: Vocabulary, found: dict[str, list[tuple[int, int]]] | None = None
            ) -> Analysis | None:
    """The sentence's claim, or None when it makes none. `found`: where each list of the vocabulary
    matches in the sentence, when a pass over the whole document found them (see scan); else the
    sentence is searched."""
    if found is None:
        found = {name: spans for name in ANALYSED_LISTS if (spans := getattr(vocabulary, name).all_spans(text))}
    get = found.get  # get(list name, []): where that list matches in the sentence

    exceptions = get("verb_exceptions", [])
    targets = [(s, e) for s, e in _outside(get("health", []) + get("health_patterns", []), exceptions)
               if not (text.startswith(".", e) and _IN_A_DOMAIN.match(text, e))]  # "Cancer.gov": a site, not an illness
    strong_safety = get("strong_safety", [])
    if not targets and not strong_safety:
        return None
    if _ADVICE.search(text):
        return None  # advice to the reader: see your doctor if..., speak to your pharmacist before...
    associations = [(s, e) for s, e in get("association", []) if _asserted(text, s, e)]
    nominals = get("nominal", [])
    # "less tooth decay": a comparative word at most two words before a target (a window of 40 characters)
    compared = []
    words = COMPARATIVE_WORD.spans(text)  # one RE2 pass; most sentences have no comparative word at all
    if words:  # the windowed patterns run only where a comparative word lies in their window
        compared = [span for s, _ in targets if (span := _comparative_before(text, words, s)) is not None]
        compared += [m.span(1) for _, e in targets if _any_within(words, e, e + 40)
                     and (m := _COMPARATIVE_AFTER.match(text, e, e + 40))
                     and not (_GETS.match(text, e, m.start(1)) and not _credited(text))]
    nominals = nominals + [(s, e) for s, e in _outside(compared, exceptions) if not _named_group(text, s)
                           and not _HOW_COMMON.match(text, e) and not _OR_BEFORE.search(text, max(0, s - 4), s)]
    comparisons = get("comparatives", [])
    # A promise of safety is its own relation, verb or not ("Safe for the whole family", "Non-addictive"):
    # only the bare noun "side effects" needs a relation ("no side effects") to promise anything.
    safety = get("safety", []) + [(s, e) for s, e in strong_safety if not _BARE_SIDE_EFFECTS.fullmatch(text, s, e)]
    effects = _outside(get("effect", []), exceptions + associations + nominals + safety)
    effects = [(s, e) for s, e in effects if not _NON_HEALTH_OBJECT.match(text, e)]  # "cuts the cost", "raising money"
    effects = [(s, e) for s, e in effects if not _names_an_aim(text, s)]
    if not (effects or associations or nominals or comparisons or safety):
        return None
    if text.rstrip().endswith("?") and not _QUESTION_START.search(text):
        return None  # a genuine question; a rhetorical one ("Why does X work so fast?") presupposes the claim
    if get("not_claims", []) and not safety:
        return None  # a study plan, design or aim
    lowered = text.lower()  # cheap substring tests first: most sentences need none of the patterns below
    if not (comparisons or safety) and _DEFINITION_WORDS.search(lowered) and _defines(text):
        return None
    likely = "likely" in lowered
    if likely and _DEMOGRAPHIC_COMPARISON.search(text):
        return None  # who is more likely to have it: prevalence
    negations = get("negations", [])
    if negations and not _claim_survives_negation(text, negations, safety, vocabulary):
        return None
    relations = effects + associations + nominals + comparisons + safety
    negators = get("local_negators", [])
    if negators and not safety and all(_negated(text, relation, negators) for relation in relations):
        return None  # every relation is denied where it stands ("did not lower blood pressure")
    trend_only = all(vocabulary.is_trend(text[s:e]) for s, e in effects)
    if effects and not (associations or nominals or comparisons or safety) and not _credited(text) and all(
            _course_of_illness(text, effect, targets) for effect in effects):
        return None  # "blood pressure drops and the heart weakens": how an illness runs, no exposure credited
    rate_subject = trend_only and _PREVALENCE_SUBJECT.match(text)
    if trend_only and (rate_subject or get("prevalence", [])):
        # an exposure is linked ("associated with higher rates", "people who eat salt are more likely")
        exposure = bool(_GROUP_SUBJECT.search(text)) or any(_LINKING.match(text, s, e) for s, e in associations)
        if rate_subject and not (comparisons or safety or exposure):
            return None  # "Rates of asthma are higher in cities", "Older adults have higher rates of shingles"
        if get("prevalence", []) and not (nominals or comparisons or safety) and not (associations and exposure):
            return None  # how common something is, or how it changed, not what causes it
    causal = bool(effects or nominals or comparisons or safety)
    hedges = [(s, e) for s, e in get("hedges", []) if not _ability_can(text, s, e)]
    causal_likely = likely and bool(_CAUSAL_AFTER_LIKELY.search(text))
    correlational = bool(associations) and not causal_likely
    if correlational and not effects and not comparisons:
        coding = "correlational"
    elif not (effects or comparisons or safety) and (_STATE_COMPARISON.search(text) or _GROUP_SUBJECT.search(text)) \
            and not _CHANGE_NOUN.search(text):
        coding = "correlational"  # "users had 40% fewer attacks", "children who use screens ... fall asleep later"
    elif causal_likely or hedges or get("hedging_reporters", []):
        coding = "conditional"
    else:
        coding = "direct" if causal or not correlational else "correlational"
    qualifiers = [(s, e) for s, e in get("absolute_qualifiers", []) if not _ability_can(text, s, e)]
    absolute = coding == "direct" and not qualifiers and _absolute(text, bool(get("absolute", [])), effects)
    return Analysis(coding, absolute, _kind(text, comparisons, safety),
                    bool(get("reported", [])) or _all_quoted(text, relations))


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quotation's words: an opening mark at the start or after a space or
    bracket, three or more characters, then the first closing mark, followed by a space, punctuation or
    the end. A scan that moves past each closing mark once; a regex with a lazy body searched to the
    end from every unclosed opening mark (10,000 of them took 70 s)."""
    spans, position = [], 0
    while (opening := _QUOTE_OPENING.search(text, position)) is not None:
        closing = _QUOTE_CLOSING.search(text, opening.end())
        if closing is None:
            break
        start, end, after = opening.end(), closing.start(), closing.end()
        if end - start >= 3 and (after == len(text) or text[after].isspace() or text[after] in ",.;:!?)"):
            spans.append((start, end))
            position = after
        else:
            position = end  # every opening mark before this closing one fails alike; it may open the next
    return spans


def _all_quoted(text: str, relations: list[tuple[int, int]]) -> bool:
    """Every relation sits inside quotation marks: the writer reports someone's wording ("its advert
    promised to 'melt fat while you sleep'")."""
    if not any(mark in text for mark in "'‘\"“"):
        return False
    quoted = quoted_spans(text)
    return bool(quoted) and all(any(qs <= s and e <= qe for qs, qe in quoted) for s, e in relations if e > s)


_CLAUSE_BREAK = re.compile(r"[,;:.]|\b(?:and|or|but|then|while|as)\b", re.I)


# An association stated about something ("sleep is related to mood", "smokers are at higher risk")
# rather than naming a kind of thing ("questions related to your health", "women at higher risk may
# get a test earlier"): a verb comes before it.
_STATED_BEFORE = re.compile(r"\b(?:(?:is|are|was|were|be|been|being|am|seems?|seemed|appears?|appeared|remains?)"
                            r"\s+(?:\w+ly\s+)?|(?:puts?|places?|placed|leaves?|left)\s+(?:\w+\s+){0,2}?)$", re.I)
_AT_BEFORE = re.compile(r"\bat\s+(?:a\s+|an\s+)?$", re.I)
_MODIFIER_ASSOCIATIONS = ("related to", "connected to", "connected with")


def _asserted(text: str, start: int, end: int) -> bool:
    """The association is asserted, not a noun's modifier: "related to" and "at higher risk" need a
    verb before them; the other phrases ("linked to", headlines included) assert on their own."""
    phrase = text[start:end].lower()
    if phrase in _MODIFIER_ASSOCIATIONS:
        return bool(_STATED_BEFORE.search(text, max(0, start - 40), start))
    return not (phrase.endswith("risk") and _named_group(text, start))


def _named_group(text: str, start: int) -> bool:
    """"at higher risk" right after a noun names a group ("women at higher risk may get a test");
    after a verb it states a risk ("smokers are at higher risk")."""
    at = _AT_BEFORE.search(text, max(0, start - 8), start)
    return at is not None and not _STATED_BEFORE.search(text, max(0, at.start() - 40), at.start())


def _course_of_illness(text: str, effect: tuple[int, int], targets: list[tuple[int, int]]) -> bool:
    """The effect verb's subject is itself a health target and the verb has no object ("blood pressure
    drops", "the heart weakens", "symptoms improve"): a description of how an illness runs, unless
    something is credited for it."""
    start, end = effect
    if not _INTRANSITIVE.match(text, start):
        return False
    if any(s >= end and len(text[end:s].split()) <= 2 and not _CLAUSE_BREAK.search(text[end:s]) for s, _ in targets):
        return False  # the verb has a health target for its object: "sleep improves memory" credits sleep
    return any(end <= start and len(text[end:start].split()) <= 1 and not re.search(r"[,;:]", text[end:start])
               and not _AUXILIARY.search(text[end:start]) for _, end in targets)


def _negated(text: str, relation: tuple[int, int], negators: list[tuple[int, int]]) -> bool:
    """A negator ends at most two words before the relation, in the same clause."""
    start = relation[0]
    for _, end in negators:
        if end <= start:
            between = text[end:start]
            if len(between.split()) <= 2 and not re.search(r"[,;:]|\b(?:and|but|or)\b", between):
                return True
    return False


def _claim_survives_negation(text: str, negations, safety, vocabulary: Vocabulary) -> bool:
    """A denial or debunk is not a claim, but a safety property worded as a negation is ("won't make you
    drowsy"), and so is a claim after the denial ("won't cure a cold, but may shorten one")."""
    if safety and not any(text[s:e].lower().startswith(("there", "no evidence", "no proof"))
                          or _NEGATED_SUBJECT.fullmatch(text, s, e) for s, e in negations):
        return True  # "won't make you drowsy"; but "no medicine is completely safe" denies it
    last = max(end for _, end in negations)
    turn = next((m.end() for m in _BUT.finditer(text) if m.start() >= last), None)
    return turn is not None and bool(vocabulary.relations.search(text[turn:]))


_PERSON_BEFORE = re.compile(r"\b(?:so|and)\s+(?:that\s+)?(?:i|you|we)\s+$", re.I)


def _ability_can(text: str, start: int, end: int) -> bool:
    """"can" of the reader's or writer's ability in the result clause ("so you can think faster", "and I
    can now walk the dog"): the result a claim promises, not the hedge of "it can make you sick" nor
    "you can report side effects"."""
    return text[start:end].lower() == "can" and bool(_PERSON_BEFORE.search(text, max(0, start - 16), start))


def _absolute(text: str, marked: bool, effects: list[tuple[int, int]]) -> bool:
    """A promise of certainty, totality, permanence, universal safety or speed (`marked`: an absolute
    word is there), not qualified by a share ("in 95% of patients"). Speed ("within 30 minutes", "in 10
    days", "tonight") promises only in the present, to the reader: a past result or one person's
    experience reports."""
    lowered = text.lower()  # substring tests first: most sentences need none of the patterns
    if ("%" in text or "percent" in lowered) and _SHARE.search(text) and not _PERMANENCE.search(text):
        return False  # "in 97% of users" qualifies how many it helps, not "the results are permanent"
    if marked:
        return True
    if "overnight" in lowered and _OVERNIGHT.search(text):
        return True
    past = _PAST.search(text) or any(text[s:e].lower().endswith("ed") for s, e in effects)
    return bool(_SPEED.search(text)) and not _FIRST_PERSON.search(text) and not past


def _kind(text: str, comparisons, safety) -> str:
    if comparisons:
        return "comparative"
    if safety:
        return "safety"
    if _PREVENTION.search(text):
        return "prevention"
    mechanism = _MECHANISM_TERMS.search(text)
    if _RISK.search(text) and (not mechanism or _HARMFUL_EXPOSURE.search(text)):
        return "risk"
    return "mechanism" if mechanism else "efficacy"


def support_of(text: str, vocabulary: Vocabulary, linked: bool = False) -> str:
    """cited (a reference a machine can find, a link among them), attributed (a source named in words) or
    none. `linked`: whether the text holds a link."""
    if linked or vocabulary.citations.search(text):
        return "cited"
    if vocabulary.attributions.search(text):
        return "attributed"
    return "none"
