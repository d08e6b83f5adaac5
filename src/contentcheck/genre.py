"""What kind of text an article is, when nobody said: a press release, a news story, a page that
sells, patient information. Rules differ by genre (a news story carries no medical disclaimer and
is written for a general reader), so each guess comes with the evidence for it, which the report
shows. The signs are structural, not topical: a release's boilerplate ("Media contact", "Notes to
editors"), a news dateline and reported speech, prices and calls to action, a leaflet's second
person and "when to see a doctor". With no clear sign, the genre stays unknown and every rule runs.
"""

from __future__ import annotations

import re
from functools import cache

from .commerce import prose_text, sells
from .document import BlockKind, Document
from .metrics import document_metrics
from .patterns import OwnPattern

_RELEASE_BOILERPLATE = OwnPattern(
    r"\b(?:for immediate release|media (?:contacts?|inquiries|enquiries|relations)|press (?:contacts?|office)|"
    r"notes? to editors|embargo(?:ed)? (?:until|till))|(?m:^[ \t]*###[ \t]*$)", ignorecase=True)  # ### on its own line
# "WASHINGTON —", "BETHESDA, Md. (AP) —", "LONDON, 3 May -": a place in capitals, then a dash
_DATELINE = re.compile(r"^[A-Z][A-Z.'-]{2,}(?:[ ,]+[A-Za-z0-9.'-]+){0,4}(?:\s*\([A-Za-z .]{1,30}\))?\s*(?:—|–|--|-)\s")
_REPORTED_SPEECH = OwnPattern(r"\b(?:said|says|told|explained|noted|added|wrote|stressed|concluded|commented|"
                              r"according to)\b")
# the story reports a publication or a meeting: research news
_PUBLICATION = OwnPattern(r"\b(?:published (?:online )?(?:in|on)|presented (?:at|on)|reported (?:in|at)|"
                          r"appear(?:s|ed)? in the)\b")
# someone's words, attributed to a named speaker: '..." said Dr. Lee', '..., she says.', '..., explained Jack
# Welch, MD', '..., Dr. Welch added', '..., the study authors wrote'
_SPEECH_VERB = r"(?:said|says|added|explained|noted|wrote|commented|stressed|cautioned)"
_SPEAKER = (r"(?:Dr\.\s+[A-Z][\w'’-]+|[A-Z][a-z]+\s+(?:[A-Z]\.\s+)?[A-Z][\w'’-]+|"
            r"the\s+(?:study\s+)?(?:authors|researchers|investigators))")
_ATTRIBUTED_SPEECH = OwnPattern(rf"[,.?!][\"”’']\s+{_SPEECH_VERB}\b|"
                               rf"[\"”’']\s+(?:he|she|they|[A-Z][a-z]+)\s+{_SPEECH_VERB}\b|"
                               rf",\s+{_SPEECH_VERB}\s+{_SPEAKER}|,\s+{_SPEAKER}\s+{_SPEECH_VERB}\b")
# A numbered reference after a word or a sentence ("... in 1998 (3).", "[2]"), not a statute's subsection
# ("502(f)(1)"): a report for professionals cites its sources so.
_NUMBERS = r"\d{1,3}(?:\s*[,–-]\s*\d{1,3})*"
_NUMBERED_REFERENCE = OwnPattern(rf"[A-Za-z.,;]\s?\({_NUMBERS}\)|\[{_NUMBERS}\]")
# A citation of a statute or regulation ("21 U.S.C. 352(a)", "21 CFR 1271.10", "section 201(g)(1)"): a legal
# or regulatory text, written for professionals (a warning letter to a firm quotes its sales pitch too).
_STATUTE = OwnPattern(r"\b\d+\s+U\.?\s?S\.?\s?C\.?\s+(?:§\s*)?\d+|\b\d+\s+C\.?F\.?R\.?\s+(?:§\s*|[Pp]art\s+)?\d+|"
                      r"\b[Ss]ection\s+\d+[a-z]?\([a-z0-9]+\)")
_SECOND_PERSON = OwnPattern(r"\b(?:you|your|yours|yourself)\b", ignorecase=True)
# Sends the reader to a clinician: "when to see a doctor", "talk with your health care team", "call 911"
_CLINICIAN = (r"(?:doctors?|gp|nurses?|pharmacists?|dentists?|midwife|physicians?|providers?|care\s+team|"
              r"(?:health\s*care|medical)\s+(?:team|providers?|professionals?))")
_SEE_A_DOCTOR = OwnPattern(
    rf"\b(?:when to (?:see|call|get|contact)|call (?:911|999|111)|(?:see|call|contact|tell|ask|consult|check with|"
    rf"talk (?:to|with)|speak (?:to|with)) (?:your|a|an)\s+(?:\w+\s+)?{_CLINICIAN})\b", ignorecase=True)


# A report for professionals reads at grade 11 or above; a plain leaflet that numbers its references in the
# third person ("People with diabetes can...") does not, and stays for patients.
PROFESSIONAL_GRADE = 11


def _grade(document: Document) -> float:
    return document_metrics(document).get("flesch_kincaid_grade", 0.0)


def detect(document: Document) -> tuple[str | None, list[str]]:
    """(genre, evidence) from the text; (None, []) when nothing is clear."""
    text = prose_text(document)
    boilerplate = "\n".join(b.text for b in document.boilerplate)
    if _RELEASE_BOILERPLATE.search(text) or _RELEASE_BOILERPLATE.search(boilerplate):
        wording = (_RELEASE_BOILERPLATE.findall(text) or _RELEASE_BOILERPLATE.findall(boilerplate))[0]
        return "press-release", [f"press-release wording: {wording!r}"]
    statutes = len(_STATUTE.spans(text))
    if statutes >= 3:
        return "professional", [f"{statutes} citations of statutes or regulations: a legal or regulatory text"]
    if sells(document):
        return "marketing", ["prices, calls to action or shop links"]
    words = max(1, len(text.split()))
    first = next((b.text for b in document.blocks if b.kind is BlockKind.PARAGRAPH), "")
    dateline = _DATELINE.match(first)
    quoted = _ATTRIBUTED_SPEECH.search(text)  # rare: the counts below are taken only when needed, once

    @cache
    def speech() -> int:
        return len(_REPORTED_SPEECH.spans(text))

    @cache
    def second_person() -> float:
        return len(_SECOND_PERSON.spans(text)) * 100 / words

    if dateline or (quoted and speech() >= 2 and second_person() < 1):
        evidence = [f"dateline {dateline.group().strip()!r}"] if dateline else []
        return "news", evidence + ([f"speech attributed to named people ({speech()} times)"] if quoted else [])
    # a news story leads with the study it reports; a leaflet or report cites publications further down
    lead = "\n".join(b.text for b in document.blocks[:4])
    publication = _PUBLICATION.spans(lead)
    if publication and second_person() < 0.3 and speech() >= 1:
        start, end = publication[0]
        return "news", [f"reports a study {lead[start:end]!r}, with reported speech and no 'you'"]
    references = len(_NUMBERED_REFERENCE.spans(text))
    if references >= 3 and second_person() < 0.3 and _grade(document) >= PROFESSIONAL_GRADE:
        return "professional", [f"{references} numbered references and no 'you': a report for professionals"]
    if _SEE_A_DOCTOR.search(text) and second_person() >= 1.5:
        return "patient-info", [f"addresses the reader ({second_person():.1f} 'you' per 100 words)",
                                "tells them when to get help"]
    return None, []
