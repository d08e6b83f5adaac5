"""An unchanged re-run with the results cache against the cold run that filled it.

    python benchmarks/cache_rerun.py [--articles 1000] [--runs 3] [--jobs 0]

Each cold run starts from an empty cache folder (a temporary one, deleted afterwards); the warm run
repeats it unchanged and must write the same JSON report. Whole processes, the median of the runs.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate_corpus import generate  # noqa: E402


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", default="0", help="passed to contentcheck --jobs (0: one per core)")
    args = parser.parse_args()
    corpus = HERE / f"corpus-{args.articles}"
    if not corpus.exists():
        generate(args.articles, corpus)
    cold, warm = [], []
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as cache:
            reports = [Path(cache) / "cold.json", Path(cache) / "warm.json"]
            command = [sys.executable, "-m", "contentcheck", "check", str(corpus), "--jobs", args.jobs,
                       "--cache-dir", cache, "--format", "json", "--exit-zero", "--output"]
            cold.append(timed(command + [str(reports[0])]))
            warm.append(timed(command + [str(reports[1])]))
            if reports[0].read_bytes() != reports[1].read_bytes():
                sys.exit("the unchanged re-run wrote a different report from the cold run")
    cold_s, warm_s = statistics.median(cold), statistics.median(warm)
    print(f"{args.articles:,} articles, --jobs {args.jobs}, median of {args.runs}: cold {cold_s:.2f} s, "
          f"unchanged re-run {warm_s:.2f} s, {cold_s / warm_s:.1f}x faster")


if __name__ == "__main__":
    main()
