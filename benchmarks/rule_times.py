"""Where one process spends its time per article: parsing, each rule, and the cross-file extraction.

    python benchmarks/rule_times.py [corpus folder, default benchmarks/corpus-1000]

Checks every file serially in this process (default rules, no results cache) with a timer around
each step, and prints milliseconds per article, largest first. The budget is per ~800-word article,
so the total is also given per 800 words of prose (the generated articles run longer than 800). A
rule that builds something shared (sentence statistics, the claims register, sentence units) is
charged for it when it runs first.
Use it to pick what to profile next; py-spy or cProfile then say why a step is slow.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

from contentcheck import check_paths, runner
from contentcheck.registry import RULE_TYPES
from contentcheck.rule import CorpusRule

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


def timed_per_rule(suffix: str, method):
    """A rule method (check, extract) timed under the rule's id."""
    def wrapper(rule, document):
        started = time.perf_counter()
        try:
            return list(method(rule, document))
        finally:
            spent[rule.id + suffix] += time.perf_counter() - started
    return wrapper


def main() -> None:
    corpus = sys.argv[1] if len(sys.argv) > 1 else str(HERE / "corpus-1000")
    if not Path(corpus).is_dir():
        sys.exit(f"no folder {corpus}; make one with: python benchmarks/generate_corpus.py 1000 {corpus}")
    for rule_type in RULE_TYPES.values():
        rule_type.check = timed_per_rule("", rule_type.check)
        if issubclass(rule_type, CorpusRule):
            rule_type.extract = timed_per_rule(" (extract)", rule_type.extract)
    runner.parse = timed("(parse)", runner.parse)
    runner.one_thread_per_process()  # as the command line does
    runner.tune_gc_for_batch()
    started, cpu_started = time.perf_counter(), time.process_time()
    report = check_paths([corpus], jobs=1)
    total, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    files = len(report.files)
    words = sum(result.metrics.get("words", 0) for result in report.files)
    print(f"{files:,} files in {total:.2f} s: {1000 * total / files:.2f} ms per article, one process "
          f"({1000 * cpu / files:.2f} ms of CPU)")
    if words:
        print(f"{words / files:.0f} words of prose per article: {800_000 * total / words:.2f} ms per 800 words "
              f"({800_000 * cpu / words:.2f} ms of CPU)")
    for label, seconds in spent.most_common():
        if 1000 * seconds / files >= 0.005:
            print(f"{1000 * seconds / files:8.3f} ms  {label}")


if __name__ == "__main__":
    main()
