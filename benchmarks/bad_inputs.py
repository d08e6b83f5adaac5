"""Make every kind of bad input file in a folder, run contentcheck on each, print a table of what it
said, its exit code and the time it took; then all of them together (the others must still be checked).

    python benchmarks/bad_inputs.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

GOOD = "# Fine\n\nThe best clinic.\n"


def make_bad_inputs(folder: Path) -> list[tuple[str, str]]:
    """(label, path) for each bad input; paths are inside `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    items = []

    def add(label: str, name: str, data: bytes | None = None) -> Path:
        path = folder / name
        if data is not None:
            path.write_bytes(data)
        items.append((label, str(path)))
        return path

    add("PNG image named .md", "image.md", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    add("PDF named .md", "paper.md", b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n")
    with zipfile.ZipFile(folder / "archive.zip", "w") as archive:
        archive.writestr("a.txt", "hello")
    add("ZIP renamed .md", "archive.md", (folder / "archive.zip").read_bytes())
    add("invalid UTF-8", "latin1.md", "Caf\u00e9 ok\nna\u00efve line two\n".encode("latin-1"))
    add("UTF-16 with BOM", "utf16.md", "The best clinic.\n".encode("utf-16"))
    add("empty file", "empty.md", b"")
    add("NUL byte inside text", "nul.md", b"# Title\n\n" + b"Text. " * 2000 + b"\x00 more\n")
    big = folder / "big.md"
    with open(big, "wb") as handle:
        paragraph = b"Regular walking may help back pain for many adults over time. " * 20 + b"\n\n"
        while handle.tell() < 50 * 1024 * 1024:
            handle.write(paragraph)
    items.append(("50 MB Markdown (default limit 10 MB)", str(big)))
    add("HTML nested 10,000 levels", "deep.html", ("<div>" * 10000 + "<p>The best.</p>" + "</div>" * 10000).encode())
    add("Markdown nested 10,000 levels", "deep.md", (">" * 10000 + " The best.\n\n" + "- " * 10000 + "item\n").encode())
    add("a line of 1,000,000 characters", "longline.md", ("word " * 200_000).encode())
    add("file named with spaces", "with space.md", GOOD.encode())
    add("non-ASCII file name", "naïve-ünïcode.md", GOOD.encode())
    gone = folder / "gone.md"
    items.append(("file that disappears before reading", str(gone)))
    fifo = folder / "pipe.md"
    os.mkfifo(fifo)
    items.append(("a named pipe called .md (would block a naive reader)", str(fifo)))
    loop = folder / "loops"
    loop.mkdir()
    (loop / "a.md").symlink_to(loop / "b.md")
    (loop / "b.md").symlink_to(loop / "a.md")
    (loop / "self").symlink_to(loop, target_is_directory=True)
    (loop / "good.md").write_text(GOOD)
    items.append(("symlink loops in a folder", str(loop)))
    return items


def run(paths: list[str]) -> tuple[int, str, float]:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "contentcheck", "check", *paths, "--quiet", "--select", "promotional"],
                          capture_output=True, text=True, timeout=300)
    return done.returncode, (done.stdout + done.stderr).strip(), time.perf_counter() - started


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        items = make_bad_inputs(Path(tmp) / "in")
        print("| input | what contentcheck printed | exit | seconds |")
        print("|---|---|---:|---:|")
        for label, path in items:
            code, output, seconds = run([path])
            first = next((line for line in output.splitlines() if line.startswith("error:")), output.splitlines()[0])
            print(f"| {label} | `{first.replace(tmp, '…').replace('|', '/')[:160]}` | {code} | {seconds:.2f} |")
        code, output, seconds = run([path for _, path in items])
        print(f"| all of them in one run | {output.splitlines()[-1].replace('|', '/')} | {code} | {seconds:.2f} |")


if __name__ == "__main__":
    main()
