"""The claims register against labelled claim sentences (../shared/corpora/claim-sentences by default).

    python benchmarks/claims_eval.py [sentences.jsonl] [--errors FIELD] [--limit N]

Each sentence is checked alone as a plain-text article with the claims rules on. Prints claim
detection precision, recall and F1; false alarms per trap and recall per surface form; and, on the
claims it finds, the accuracy of the coding (correlational / conditional / direct), of absolute
(recall and precision) and of support (cited / attributed / none). `--errors claim` (or coding,
absolute, support) lists the sentences it gets wrong, for reading.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from contentcheck import Config, check_text

HERE = Path(__file__).resolve().parent
DEFAULT = HERE.parent.parent / "shared" / "corpora" / "claim-sentences" / "sentences.jsonl"
CONFIG = Config(select=["claims"])


def register(text: str) -> list[dict]:
    return check_text(text, "sentence.txt", CONFIG).claims


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sentences", nargs="?", default=str(DEFAULT))
    parser.add_argument("--errors", choices=["claim", "coding", "absolute", "support", "kind"])
    parser.add_argument("--limit", type=int, default=40)
    args = parser.parse_args()
    rows = [json.loads(line) for line in Path(args.sentences).read_text(encoding="utf-8").splitlines() if line.strip()]
    counts: Counter = Counter()
    traps, trap_hits, forms, form_hits = Counter(), Counter(), Counter(), Counter()
    errors: list[str] = []
    for row in rows:
        claims = [c for c in register(row["text"]) if not c.get("reported")]
        found = bool(claims)
        truth = row["claim"]
        counts["tp" if found and truth else "fp" if found else "fn" if truth else "tn"] += 1
        if not truth:
            traps[row["trap"]] += 1
            trap_hits[row["trap"]] += found
        for form in row.get("forms") or ([] if not truth else ["plain"]):
            forms[form] += 1
            form_hits[form] += found
        if args.errors == "claim" and found != truth:
            tags = row.get("trap") or ",".join(row["forms"] or [])
            errors.append(f"{'missed' if truth else 'false '} {row['id']} [{tags}] {row['text']}")
        counts["absolute_all"] += bool(truth and row["absolute"])
        counts["absolute_all_found"] += bool(truth and row["absolute"] and any(c.get("absolute") for c in claims))
        if not (found and truth):
            continue
        claim = max(claims, key=lambda c: ("correlational", "conditional", "direct").index(c.get("coding", "direct")))
        checks = {"coding": (claim.get("coding"), row["strength"]),
                  "absolute": (claim.get("absolute"), row["absolute"]),
                  "support": (claim.get("support_kind"), row["support"]), "kind": (claim.get("kind"), row["kind"])}
        for field, (got, want) in checks.items():
            counts[f"{field}_n"] += 1
            counts[f"{field}_ok"] += got == want
            if args.errors == field and got != want:
                errors.append(f"{field}: got {got}, want {want}  {row['id']} {row['text']}")
        counts["absolute_true"] += row["absolute"]
        counts["absolute_found"] += bool(row["absolute"] and claim.get("absolute"))
        counts["absolute_said"] += bool(claim.get("absolute"))
    tp, fp, fn = counts["tp"], counts["fp"], counts["fn"]
    precision, recall = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    f1 = 2 * precision * recall / max(precision + recall, 1e-9)
    print(f"{len(rows)} sentences: claim precision {precision:.2f}, recall {recall:.2f}, F1 {f1:.2f} "
          f"(tp {tp}, fp {fp}, fn {fn})")
    for field in ("coding", "absolute", "support", "kind"):
        print(f"  {field} accuracy on found claims: {counts[f'{field}_ok'] / max(counts[f'{field}_n'], 1):.2f}")
    print(f"  absolute recall {counts['absolute_found'] / max(counts['absolute_true'], 1):.2f}, precision "
          f"{counts['absolute_found'] / max(counts['absolute_said'], 1):.2f} (on found claims); recall over every "
          f"absolute claim {counts['absolute_all_found']}/{counts['absolute_all']} "
          f"= {counts['absolute_all_found'] / max(counts['absolute_all'], 1):.2f}")
    print("false alarms per trap: " + ", ".join(f"{t} {trap_hits[t]}/{n}" for t, n in traps.most_common()))
    print("recall per form: " + ", ".join(f"{f} {form_hits[f]}/{n}" for f, n in forms.most_common()))
    for line in errors[: args.limit]:
        print(line)
    sys.exit(0)


if __name__ == "__main__":
    main()
