"""Every inflection of a verb, so that a vocabulary can list lemmas ("relieve") and match "relieves",
"relieved" and "relieving". lemminflect's tables (shipped in its wheel) give the forms; a verb they
do not know gets the regular ones. The expansion of a vocabulary is kept in the user cache as JSON,
keyed on its lemmas and lemminflect's version: loading the tables costs about 0.15 s."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from importlib.metadata import version

from .usercache import user_cache_dir, write_bytes_atomically

_VOWELS = "aeiou"


def regular_forms(verb: str) -> set[str]:
    """The regular inflections of an English verb (lemminflect's rules are better; this is for words it lacks)."""
    forms = {verb}
    if verb.endswith("e"):
        forms |= {verb + "s", verb + "d", verb[:-1] + "ing"}
    elif verb.endswith("y") and len(verb) > 1 and verb[-2] not in _VOWELS:
        forms |= {verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing"}
    elif verb.endswith(("s", "x", "z", "ch", "sh")):
        forms |= {verb + "es", verb + "ed", verb + "ing"}
    else:
        forms |= {verb + "s", verb + "ed", verb + "ing"}
    return forms


def _forms_of(phrase: str) -> set[str]:
    from lemminflect import getAllInflections  # its tables load on first use; the result is cached on disk

    first, _, rest = phrase.partition(" ")
    found = {form for forms in getAllInflections(first, upos="VERB").values() for form in forms}
    forms = (found | {first}) if found else regular_forms(first)
    return {f"{form} {rest}".strip() for form in forms}


def verb_forms(phrases: Iterable[str]) -> list[str]:
    """Every inflection of each verb phrase (its first word inflected: "switch off", "switched off"),
    sorted; from the user cache when this list was expanded before."""
    lemmas = sorted({" ".join(p.lower().split()) for p in phrases if p.strip()})
    if not lemmas:
        return []
    key = hashlib.sha256(json.dumps([version("lemminflect"), lemmas]).encode()).hexdigest()[:24]
    path = user_cache_dir() / f"verb-forms-{key}.json"
    try:
        cached = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(cached, list) and all(isinstance(form, str) for form in cached):
            return cached
    except (OSError, ValueError):
        pass
    forms = sorted({form for lemma in lemmas for form in _forms_of(lemma)})
    write_bytes_atomically(path, json.dumps(forms).encode())
    return forms
