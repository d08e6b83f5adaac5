"""Recall and false alarms of the promotional and claim rules on the hand-labelled samples.

    python benchmarks/evaluate_labels.py [--verbose]

Labels live in samples/labels.yaml. A planted phrase counts as found when a promotional finding's
text contains it or is contained in it; a planted uncited claim when a claims.unsupported* finding
starts with it. Every other promotional or claim finding is a false alarm.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

from contentcheck import Config, check_paths

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"


def evaluate() -> dict:
    labels = yaml.safe_load((SAMPLES / "labels.yaml").read_text(encoding="utf-8"))
    files = sorted(set(labels["planted"]) | set(labels["clean"]))
    report = check_paths([str(SAMPLES / name) for name in files], config=Config(select=["promotional", "claim"]))
    by_name = {Path(r.path).name: r for r in report.files}
    totals = {"promotional_planted": 0, "promotional_found": 0, "claims_planted": 0, "claims_found": 0,
              "false_alarms": 0, "clean_false_alarms": 0, "missed": [], "false": []}
    for name in files:
        planted = labels["planted"].get(name, {})
        findings = [f for f in by_name[name].findings if f.category in ("promotional", "claim") and f.text]
        promo = [f for f in findings if f.category == "promotional"]
        claims = [f for f in findings if f.rule.startswith("claims.unsupported")]
        matched: set[int] = set()
        for phrase in planted.get("promotional", []):
            totals["promotional_planted"] += 1
            wanted = phrase.lower()
            hits = [i for i, f in enumerate(promo) if wanted in f.text.lower() or f.text.lower() in wanted]
            if hits:
                totals["promotional_found"] += 1
                matched.update(hits)
            else:
                totals["missed"].append(f"{name}: {phrase}")
        claim_matched: set[int] = set()
        for prefix in planted.get("uncited_claims", []):
            totals["claims_planted"] += 1
            hits = [i for i, f in enumerate(claims) if f.text.startswith(prefix)]
            if hits:
                totals["claims_found"] += 1
                claim_matched.update(hits)
            else:
                totals["missed"].append(f"{name}: claim '{prefix}'")
        false = [f for i, f in enumerate(promo) if i not in matched]
        false += [f for i, f in enumerate(claims) if i not in claim_matched]
        false += [f for f in findings if f.category == "claim" and not f.rule.startswith("claims.unsupported")]
        totals["false_alarms"] += len(false)
        if name in labels["clean"]:
            totals["clean_false_alarms"] += len(findings)
        totals["false"] += [f"{name}:{f.line}: {f.rule} {f.text!r}" for f in false]
    return totals


def main() -> int:
    totals = evaluate()
    print(f"promotional phrases found: {totals['promotional_found']}/{totals['promotional_planted']}")
    print(f"uncited claims found:      {totals['claims_found']}/{totals['claims_planted']}")
    print(f"false alarms (all files):  {totals['false_alarms']}")
    print(f"findings on clean files:   {totals['clean_false_alarms']}")
    if "--verbose" in sys.argv:
        for line in totals["missed"]:
            print("missed:", line)
        for line in totals["false"]:
            print("false alarm:", line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
