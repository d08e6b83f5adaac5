"""Worst-case inputs against their time budgets, timed here rather than in the unit tests, where a
loaded machine made wall-clock asserts fail (the tests check what happens, this checks how fast).

    python benchmarks/worst_cases.py

Prints each case's time against its budget and exits 1 when one is over.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from contentcheck import Config, ConfigError, check_text
from contentcheck.config import load_config_file
from contentcheck.packs import load_pack

CATASTROPHIC = ("extends: existence\ncategory: style\nmessage: m\nnonword: true\n"
                "patterns: ['(a+)+$', '(a|aa)+b', '(x+x+)+y']\n")


def alias_bomb(folder: Path) -> None:
    """A billion-laughs config: refused before anything is expanded."""
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 4)}]\n" for i in range(9))
    path = folder / ".contentcheck.yaml"
    path.write_text(bomb)
    try:
        load_config_file(path)
    except ConfigError:
        return
    raise SystemExit("the alias bomb was not refused")


def catastrophic_patterns(folder: Path) -> None:
    """Patterns that backtrack exponentially in Python's re, over 100,000 characters, in RE2."""
    (folder / "house").mkdir(exist_ok=True)
    (folder / "house" / "rule.yaml").write_text(CATASTROPHIC)
    load_pack.cache_clear()
    config = Config(extra_packs=[folder / "house"], select=["house"])
    check_text("a" * 50_000 + "!" + "x" * 50_000, "a.txt", config=config)


def long_line(folder: Path) -> None:
    """A Markdown file holding one line of a million characters, through the command line."""
    path = folder / "longline.md"
    path.write_text("word " * 200_000)
    subprocess.run([sys.executable, "-m", "contentcheck", "check", str(path), "--no-cache"], capture_output=True,
                   check=False)


CASES = [("alias bomb in a config", alias_bomb, 1.0),
         ("catastrophic regexes on 100,000 characters", catastrophic_patterns, 1.0),
         ("a line of 1,000,000 characters (whole process)", long_line, 30.0)]


def main() -> None:
    over = 0
    with tempfile.TemporaryDirectory() as temporary:
        print("| case | seconds | budget |\n|---|---:|---:|")
        for label, case, budget in CASES:
            started = time.perf_counter()
            case(Path(temporary))
            seconds = time.perf_counter() - started
            over += seconds > budget
            print(f"| {label} | {seconds:.2f} | {budget:g}{' OVER' if seconds > budget else ''} |")
    sys.exit(1 if over else 0)


if __name__ == "__main__":
    main()
