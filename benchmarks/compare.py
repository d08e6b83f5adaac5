"""contentcheck against proselint and textlint (with textlint-rule-write-good) on the same corpus.

    python benchmarks/compare.py [--articles 2000] [--runs 3]

Whole processes, timed with their children; the median of `--runs` rounds, each running every tool
once; peak memory is the largest resident set of the process tree's biggest member (os.wait4's
ru_maxrss of the children).
proselint comes from PyPI (pip install proselint); textlint from npm (cd benchmarks/node && npm install).
contentcheck runs with its default rules (cross-file duplicates included, grammar backend off) and
no results cache, so every run checks every file.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate_corpus import generate  # noqa: E402


def measure(command: list[str], cwd: Path) -> tuple[float, float]:
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(process.pid, 0)
    return time.perf_counter() - started, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    corpus = HERE / f"corpus-{args.articles}"
    if not corpus.exists():
        generate(args.articles, corpus)
    files = sorted(str(p) for p in corpus.rglob("*.md"))
    textlint = HERE / "node" / "node_modules" / ".bin" / "textlint"
    tools = {
        f"contentcheck --jobs {os.cpu_count()}": [sys.executable, "-m", "contentcheck", "check", str(corpus), "--jobs",
                                                  "0",
                                                  "--no-cache", "--format", "json", "--output", os.devnull,
                                                  "--exit-zero"],
        "contentcheck --jobs 1": [sys.executable, "-m", "contentcheck", "check", str(corpus), "--jobs", "1",
                                  "--no-cache",
                                  "--format", "json", "--output", os.devnull, "--exit-zero"],
    }
    if shutil.which("proselint"):
        tools["proselint"] = ["proselint", "check", str(corpus), "--output-format", "json"]
    if textlint.exists():
        tools["textlint + write-good"] = [str(textlint), "--rule", "write-good", "--format", "json", *files]
    runs: dict[str, list[tuple[float, float]]] = {name: [] for name in tools}
    for _ in range(args.runs):  # round by round: a machine that slows down for a while slows every tool alike
        for name, command in tools.items():
            runs[name].append(measure(command, HERE))
    rows = {name: (statistics.median(r[0] for r in timings), max(r[1] for r in timings))
            for name, timings in runs.items()}
    ours = rows[f"contentcheck --jobs {os.cpu_count()}"][0]
    print(f"{len(files):,} articles (~800 words, Markdown), {os.cpu_count()} cores, median of {args.runs} rounds\n")
    print("| tool | wall time (s) | files/s | peak memory (MB) | contentcheck is faster by |")
    print("|---|---:|---:|---:|---:|")
    for name, (seconds, memory) in rows.items():
        ratio = "—" if name.startswith("contentcheck") else f"{seconds / ours:.1f}x"
        print(f"| {name} | {seconds:.1f} | {len(files) / seconds:.0f} | {memory:.0f} | {ratio} |")


if __name__ == "__main__":
    main()
