"""How many of the sales claims that FDA warning letters quote does contentcheck find?

A warning letter quotes the company's own words between quotation marks. Every quoted passage of
four words or more outside the front matter counts as a quoted claim (shorter quotes are mostly
product names); it is found when a finding of the chosen categories overlaps it, or, for the last
figure, a sentence of the claims register (where a quoted claim is kept as reported speech). The
letters also quote the law ("adequate directions for use"), so no tool should reach 100%. Prints the share per
category set and the passages missed, for reading by hand; then, with the passages judged by hand in
warning_letter_quotes.yaml (sales claims, claims framed as research, other), the share of each kind found.

    python benchmarks/warning_letters.py [FOLDER] [--show-missed]
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from contentcheck import check_paths

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "public-domain" / "warning-letters"
JUDGED = Path(__file__).resolve().parent / "warning_letter_quotes.yaml"
QUOTE = re.compile(r"“([^”]+)”|\"([^\"\n]+)\"")
MIN_WORDS = 4


def quoted_passages(text: str) -> list[tuple[int, int, str]]:
    found = []
    body = text.find("\n---", 3) + 4 if text.startswith("---") else 0
    for match in QUOTE.finditer(text, body):
        inner = match.group(1) or match.group(2)
        if len(re.findall(r"[A-Za-z]+", inner)) >= MIN_WORDS:
            found.append((match.start(), match.end(), " ".join(inner.split())))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--show-missed", action="store_true")
    args = parser.parse_args()
    spans: dict[str, list[tuple[int, int, str]]] = {}
    for result in check_paths([str(args.folder)]).files:
        spans[Path(result.path).name] = [(f.start, f.end, f.category) for f in result.findings if f.start is not None]
        spans[Path(result.path).name] += [(c["start"], c["end"], "register") for c in result.claims]
    sets = {"promotional": {"promotional"}, "promotional or claim": {"promotional", "claim"},
            "... or claims register": {"promotional", "claim", "register"}}
    judged = _judged()
    total = 0
    found = dict.fromkeys(sets, 0)
    by_label: dict[str, list[int]] = {}
    missed = []
    for path in sorted(args.folder.glob("*.md")):
        for start, end, passage in quoted_passages(path.read_text(encoding="utf-8")):
            total += 1
            hits = {c for s, e, c in spans.get(path.name, []) if s < end and e > start}
            for name, categories in sets.items():
                found[name] += bool(hits & categories)
            label = next((label for starts, label in judged.get(path.name, []) if passage.startswith(starts)), None)
            counts = by_label.setdefault(label or "not judged", [0, 0])
            counts[0] += bool(hits & sets["... or claims register"])
            counts[1] += 1
            if not hits & sets["... or claims register"]:
                missed.append(f"{path.name}: [{label}] {passage[:140]}")
    for name, count in found.items():
        print(f"{name:22} {count}/{total} = {count / max(total, 1):.2f} of quoted passages found")
    for label, (hit, count) in sorted(by_label.items()):
        print(f"  judged {label:16} {hit}/{count} = {hit / count:.2f} found (promotional, claim or register)")
    if args.show_missed:
        print("\n".join(missed))
    return 0


def _judged() -> dict[str, list[tuple[str, str]]]:
    """file -> [(first words, label)] from the hand-judged passages (empty for another folder)."""
    import yaml

    judged: dict[str, list[tuple[str, str]]] = {}
    for entry in yaml.safe_load(JUDGED.read_text(encoding="utf-8"))["passages"]:
        judged.setdefault(entry["file"], []).append((entry["starts"], entry["label"]))
    return judged


if __name__ == "__main__":
    sys.exit(main())
