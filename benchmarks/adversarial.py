"""Small files made to hang or exhaust a run (issue 18), each checked alone by the real command line,
against a budget of 2 s and 500 MB per file. Then random mixes of the same pieces, for shapes nobody
listed. Prints time and peak memory for each and exits 1 when one is over.

    python benchmarks/adversarial.py [--mixes N] [--seed S]

The time includes starting Python and building the rules (~0.3 s here).
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SECONDS, MEGABYTES = 2.0, 500

# name -> (file name, text): each once took minutes or gigabytes on main (f002672)
CASES = {
    "spelling URL/e-mail pattern: café and 20,000 @": ("at.md", "café " + "@" * 20_000 + "\n"),
    "suppression comment padded with 100,000 spaces": ("pad.md", "<!-- contentcheck-disable" + " " * 100_000
                                                       + "-->\nThe best clinic.\n"),
    "<!-- x 20,000, never closed": ("comments.md", "<!--" * 20_000),
    "best\\n x 40,000 (negation re-scan)": ("best.md", "best\n" * 40_000),
    "<p> x 20,000, never closed": ("p.html", "<p>" * 20_000),
    "<p> never closed, 1.6 MB": ("p-big.html", "<p>" * 540_000),
    "one 12,000-letter word (spelling suggestions)": ("word.md", "a" * 12_000 + "\n"),
    "a** x 50,000 (one long word after emphasis)": ("stars.md", "a**" * 50_000),
    "40,000 quotation marks and superlatives": ("quotes.md", '"the best" ' * 40_000),
    "a 200 KB sentence of claim words": ("claims.md", "this cure heals pain and " * 8_000 + ".\n"),
    # shapes found while writing this benchmark
    "[ x 100,000 (unclosed links)": ("brackets.md", "[" * 100_000),
    "_ and * x 100,000": ("emphasis.md", "_*" * 50_000),
    "( x 10,000 in one sentence": ("parens.md", "The best (" * 10_000),
    "a list of 5,000 hard terms in one sentence (was 75 s)": ("list.md", "complicated multisyllabic terminology, "
                                                               * 5_000 + "\n"),
    "an unclosed bracket before a 5,000-letter word in a long sentence": (
        "bracket.md", "Patients with considerable musculoskeletal discomfort demonstrate limitation " * 5
        + "(" + "a" * 5_000 + " and more words follow here.\n"),
    "Dr. x 30,000 (abbreviations)": ("doctors.md", "Dr. " * 30_000),
    "“ x 20,000, never closed": ("curly.md", "“best " * 20_000),
    "<div> nested 20,000 deep": ("divs.html", "<div>" * 20_000 + "best" + "</div>" * 20_000),
    "a table of 2,000 columns": ("table.md", "|" + "a|" * 2_000 + "\n|" + "-|" * 2_000 + "\n|" + "best|" * 2_000),
    "20,000 one-word paragraphs, all the same": ("same.md", "Best.\n\n" * 20_000),
    "2,000 sentences repeated with one word changed": ("near.md", "".join(
        f"Knee pain affects many people in group {i} every year. " for i in range(2_000))),
    "2,900 paragraphs, each a near copy (was 15 s, 2 GB)": ("near-paragraphs.md", "".join(
        f"Knee pain affects many people in group {i} every year.\n\n" for i in range(2_900))),
    "suppression directive padded inside (was 15 s)": ("directive.md", "<!-- contentcheck: disable=promotional"
                                                       + " " * 50_000 + "x -->\nThe best clinic.\n"),
    "10,000 unclosed quotes in one claim (was 70 s)": ("quoted-claim.md",
                                                       "“This cure heals pain in most patients " * 10_000),
    "2,900 paragraphs, all the same sentence": ("same-paragraphs.md",
                                                "Knee pain affects many people every year.\n\n" * 2_900),
}
PIECES = ["best ", "@", "<!--", "-->", "<p>", "a**", '"', "“", "the best clinic ", "cure ", "\n", "\n\n", "# ",
          "- ", "[x](", ")", "`", "café ", "a" * 50, " not ", "```\n", "<", ">", "&amp;", "http://x.org/"]


def measure(path: Path, timeout: float = 60) -> tuple[float, float, int]:
    """(seconds, peak MB, exit code) of checking one file; killed after `timeout` seconds (exit -9)."""
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "contentcheck", "check", "--no-cache", "--exit-zero", "-q",
                                str(path)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)  # this child's own peak memory, not the run's
        if pid:
            break
        if time.perf_counter() - started > timeout:
            process.kill()
        time.sleep(0.01)
    process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    return time.perf_counter() - started, usage.ru_maxrss / 1024, process.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mixes", type=int, default=10, help="random mixes of the pieces to try")
    parser.add_argument("--seed", type=int, default=18)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    cases = dict(CASES)
    for i in range(args.mixes):
        cases[f"random mix {i + 1}"] = (f"mix{i}.md", "".join(rng.choice(PIECES) for _ in range(rng.randint(2_000,
                                                                                                          40_000))))
    over = 0
    with tempfile.TemporaryDirectory() as folder:
        print(f"{'case':52} {'KB':>8} {'seconds':>8} {'MB':>7}  exit")
        for name, (file_name, text) in cases.items():
            path = Path(folder) / file_name
            path.write_text(text, encoding="utf-8")
            seconds, peak, code = measure(path)
            bad = seconds > SECONDS or peak > MEGABYTES or code not in (0, 2)
            over += bad
            size = len(text.encode()) // 1024
            print(f"{name:52} {size:>8} {seconds:8.2f} {peak:7.0f}  {code}{'  OVER' if bad else ''}", flush=True)
    print(f"\n{over} of {len(cases)} over the budget of {SECONDS} s and {MEGABYTES} MB")
    sys.exit(1 if over else 0)


if __name__ == "__main__":
    main()
