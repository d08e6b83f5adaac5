"""Where one process spends its time per article: parsing, each rule, and the cross-file extraction.

    python benchmarks/rule_times.py [corpus folder, default benchmarks/corpus-1000]

Checks every file serially in this process (default rules, no results cache) with a timer around
each step, and prints milliseconds per article, largest first. A rule that builds something shared
(sentence statistics, the claims register, sentence units) is charged for it when it runs first.
Use it to pick what to profile next; py-spy or cProfile then say why a step is slow.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

from contentcheck import api, engine
from contentcheck.families import crossfile

HERE = Path(__file__).resolve().parent
spent: Counter = Counter()


def timed(label: str, function):
    def wrapper(*args, **kwargs):
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            spent[label] += time.perf_counter() - started
    return wrapper


def run_rules_timed(document, rules):
    findings = []
    for rule in rules:
        started = time.perf_counter()
        findings.extend(rule.check(document))
        spent[rule.id] += time.perf_counter() - started
    return findings


def main() -> None:
    corpus = sys.argv[1] if len(sys.argv) > 1 else str(HERE / "corpus-1000")
    if not Path(corpus).is_dir():
        sys.exit(f"no folder {corpus}; make one with: python benchmarks/generate_corpus.py 1000 {corpus}")
    engine.run_rules = run_rules_timed
    api.parse = timed("(parse)", api.parse)
    crossfile.extract = timed("(cross-file extract)", crossfile.extract)
    api.tune_gc_for_batch()
    started = time.perf_counter()
    report = api.check_paths([corpus])
    total = time.perf_counter() - started
    files = len(report.files)
    print(f"{files:,} files in {total:.2f} s: {1000 * total / files:.2f} ms per article, one process")
    for label, seconds in spent.most_common():
        if 1000 * seconds / files >= 0.005:
            print(f"{1000 * seconds / files:8.3f} ms  {label}")


if __name__ == "__main__":
    main()
