"""Score contentcheck's sentence splitter against pySBD's English "Golden Rules" (48 cases).

The cases are not copied into this repository: the script downloads the pySBD source
distribution from PyPI once (into benchmarks/_downloads/) and reads the list from it.

    python benchmarks/golden_rules.py [--verbose]
"""

from __future__ import annotations

import ast
import subprocess
import sys
import tarfile
from pathlib import Path

from contentcheck.segment import split_sentences

PYSBD = "pysbd==0.3.3"
HERE = Path(__file__).resolve().parent
DOWNLOADS = HERE / "_downloads"


def golden_rules() -> list[tuple[str, list[str]]]:
    DOWNLOADS.mkdir(exist_ok=True)
    archives = list(DOWNLOADS.glob("pysbd-*.tar.gz"))
    if not archives:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--no-binary", ":all:",
             "-d", str(DOWNLOADS), PYSBD],
            check=True,
        )
        archives = list(DOWNLOADS.glob("pysbd-*.tar.gz"))
    with tarfile.open(archives[0]) as archive:
        member = next(m for m in archive.getmembers() if m.name.endswith("benchmarks/english_golden_rules.py"))
        source = archive.extractfile(member).read().decode("utf-8")
    tree = ast.parse(source)
    for node in tree.body:
        if isinstance(node, ast.Assign) and node.targets[0].id == "GOLDEN_EN_RULES":
            return ast.literal_eval(node.value)
    raise SystemExit("GOLDEN_EN_RULES not found in the pySBD archive")


def main() -> int:
    verbose = "--verbose" in sys.argv
    cases = golden_rules()
    passed = 0
    for number, (text, expected) in enumerate(cases, 1):
        got = [text[s:e] for s, e in split_sentences(text)]
        ok = [g.strip() for g in got] == [x.strip() for x in expected]
        passed += ok
        if verbose and not ok:
            print(f"FAIL {number}: {text!r}\n  expected {expected}\n  got      {got}")
    print(f"Golden Rules (English): {passed}/{len(cases)} = {100 * passed / len(cases):.1f}%")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
