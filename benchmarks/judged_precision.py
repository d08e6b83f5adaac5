"""Precision of the findings judged by hand (benchmarks/judged_findings.yaml, or the second sample
judged_findings_2.yaml), per rule and for the warnings, and how many of them the current code still
raises (a judged-noisy finding that is gone is a gain; a judged-useful one that is gone is a loss).

    python benchmarks/judged_precision.py [--judged judged_findings_2.yaml] [--corpus ../shared/corpora/public-domain]

With --census: every finding the current code raises on the news releases and patient pages (the
whole folder checked together), each with the judgment any judged file gave it (the newest file's
where two differ), and the findings no one has judged yet, which a census must judge before it counts.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

import yaml

from contentcheck import check_paths

HERE = Path(__file__).resolve().parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--judged", default="judged_findings.yaml", help="a file of judged findings in benchmarks/")
    parser.add_argument("--corpus", default=str(HERE.parent.parent / "shared" / "corpora" / "public-domain"))
    parser.add_argument("--census", action="store_true", help="judge every finding raised now by all judged files")
    args = parser.parse_args()
    if args.census:
        census(Path(args.corpus))
        return
    judged = yaml.safe_load((HERE / args.judged).read_text(encoding="utf-8"))
    corpus = Path(args.corpus)
    files = sorted({corpus / item["file"] for item in judged})
    raised = set()
    for result in check_paths([str(f) for f in files]).files:
        relative = Path(result.path).resolve().relative_to(corpus.resolve()).as_posix()
        raised.update((relative, f.line, f.rule, (f.text or "")[:80]) for f in result.findings)
    useful, total, still_useful, still_total = Counter(), Counter(), Counter(), Counter()
    for item in judged:
        rule = item["rule"]
        warning = "(warnings)" if item.get("severity", "warning") != "info" else None
        for key in filter(None, (rule, warning)):
            total[key] += 1
            useful[key] += item["useful"]
            if (item["file"], item["line"], rule, item["text"]) in raised:
                still_total[key] += 1
                still_useful[key] += item["useful"]
    print(f"{'rule':34} {'judged':>7} {'useful':>7} {'precision':>9}   {'still raised':>12} {'useful':>7}")
    for rule in sorted(total, key=lambda r: -total[r]):
        print(f"{rule:34} {total[rule]:>7} {useful[rule]:>7} {useful[rule] / total[rule]:>9.0%}   "
              f"{still_total[rule]:>12} {still_useful[rule]:>7}")
    rules = [key for key in total if key != "(warnings)"]
    all_total, all_useful = sum(total[r] for r in rules), sum(useful[r] for r in rules)
    now_total, now_useful = sum(still_total[r] for r in rules), sum(still_useful[r] for r in rules)
    print(f"\nas judged: {all_useful}/{all_total} useful ({all_useful / all_total:.0%})")
    if now_total:
        print(f"of those the code still raises: {now_useful}/{now_total} useful ({now_useful / now_total:.0%}); "
              f"{all_useful - now_useful} useful and {all_total - all_useful - (now_total - now_useful)} "
              "noisy findings no longer raised")


CENSUS_GENRES = ("news-releases/", "patient-info/")


def _judged_file_order(path: Path) -> int:
    """judged_findings.yaml is the first sample, judged_findings_N.yaml the Nth."""
    suffix = path.stem.rpartition("_")[2]
    return int(suffix) if suffix.isdigit() else 1


def census(corpus: Path) -> None:
    judgments = {}
    for path in sorted(HERE.glob("judged_findings*.yaml"), key=_judged_file_order):  # a newer judgment replaces
        for item in yaml.safe_load(path.read_text(encoding="utf-8")):
            judgments[(item["file"], item["line"], item["rule"], item["text"])] = item["useful"]
    useful, total, unjudged = Counter(), Counter(), []
    for result in check_paths([str(corpus)]).files:
        relative = Path(result.path).resolve().relative_to(corpus.resolve()).as_posix()
        if not relative.startswith(CENSUS_GENRES):
            continue
        for finding in result.findings:
            key = (relative, finding.line, finding.rule, (finding.text or "")[:80])
            if key not in judgments:
                unjudged.append(key)
                continue
            for name in filter(None, (finding.rule, "(warnings)" if finding.severity != "info" else None)):
                total[name] += 1
                useful[name] += judgments[key]
    print(f"{'rule':34} {'judged':>7} {'useful':>7} {'precision':>9}")
    for rule in sorted(total, key=lambda r: -total[r]):
        print(f"{rule:34} {total[rule]:>7} {useful[rule]:>7} {useful[rule] / total[rule]:>9.0%}")
    rules = [key for key in total if key != "(warnings)"]
    all_total, all_useful = sum(total[r] for r in rules), sum(useful[r] for r in rules)
    if all_total:
        print(f"\nevery finding raised now, as judged: {all_useful}/{all_total} useful ({all_useful / all_total:.0%})")
    print(f"not judged yet: {len(unjudged)}")
    for file, line, rule, text in unjudged:
        print(f"  {file}:{line} {rule} {text!r}")


if __name__ == "__main__":
    main()
