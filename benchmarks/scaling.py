"""Time and peak memory of whole `contentcheck check` processes over generated corpora of growing size.

    python benchmarks/scaling.py 1000 10000 [--select duplicate] [--runs 1]

Corpora are generated (seeded) into benchmarks/corpus-N on first use. Peak memory is the child
process's maximum resident set size, as the kernel reports it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate_corpus import generate  # noqa: E402


def run_once(folder: Path, extra: list[str]) -> tuple[float, float, int]:
    command = [sys.executable, "-m", "contentcheck", "check", str(folder), "--format", "json", "--output", os.devnull,
               "--exit-zero", "--no-cache", *extra]
    started = time.perf_counter()
    process = subprocess.Popen(command)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"contentcheck failed on {folder}")
    return elapsed, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", type=int, nargs="+")
    parser.add_argument("--select", default=None, help="rule selection passed to contentcheck (default: all rules)")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--jobs", default="1", help="passed to contentcheck --jobs (0: one per core)")
    args = parser.parse_args()
    extra = (["--select", args.select] if args.select else []) + ["--jobs", args.jobs]
    rows = []
    for size in args.sizes:
        folder = HERE / f"corpus-{size}"
        if not folder.exists():
            generate(size, folder)
        runs = [run_once(folder, extra) for _ in range(args.runs)]
        seconds = statistics.median(r[0] for r in runs)
        memory = statistics.median(r[1] for r in runs)
        rows.append((size, seconds, memory))
    print(f"rules: {args.select or 'all'}; --jobs {args.jobs}; median of {args.runs} run(s); {os.cpu_count()} cores")
    print("| articles | wall time (s) | ms per article | peak RSS (MB) |")
    print("|---:|---:|---:|---:|")
    for size, seconds, memory in rows:
        print(f"| {size:,} | {seconds:.1f} | {1000 * seconds / size:.2f} | {memory:.0f} |")


if __name__ == "__main__":
    main()
