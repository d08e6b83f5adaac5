"""`--fix` and `--diff`: apply the edits findings carry, and nothing else.

Writes go to a temporary file in the same folder, then os.replace, keeping the file's mode. A file
that changed on disk after it was read is left alone. Overlapping edits are skipped, not merged.
"""

from __future__ import annotations

import difflib
import os
import stat
import tempfile

from .errors import InputError
from .finding import Finding
from .sources import read_source


def apply_fixes(source: str, findings: list[Finding], unsafe: bool = False) -> tuple[str, int]:
    """The text with every non-overlapping fix applied (later ones first), and how many were applied.
    A fix marked `"applicability": "unsafe"` (it deletes text far from the copy it repeats, where the
    editor may want the other copy gone) is applied only with `unsafe`, as ruff's --unsafe-fixes."""
    fixes = sorted((f.fix for f in findings if f.fix and (unsafe or f.fix.get("applicability") != "unsafe")),
                   key=lambda fix: (fix["start"], fix["end"]), reverse=True)
    text = source
    applied = 0
    limit = len(source) + 1
    for fix in fixes:
        if fix["end"] > limit:
            continue  # overlaps a fix already applied
        text = text[: fix["start"]] + fix["replacement"] + text[fix["end"]:]
        limit = fix["start"]
        applied += 1
    return text, applied


def unified_diff(path: str, before: str, after: str) -> str:
    lines = difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                 fromfile=f"a/{path}", tofile=f"b/{path}")
    return "".join(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n" for line in lines)


def write_atomically(path: str, expected_source: str, new_text: str) -> None:
    """Replace the file's text, unless it changed on disk since it was read. Never through a
    symbolic link: replacing it would turn the link into a copy of whatever it pointed at."""
    if os.path.islink(path):
        raise InputError("is a symbolic link; not fixed (fix the file it points to)", path)
    before = _identity(path)
    current = read_source(path, max(len(expected_source.encode("utf-8")) * 4 + 1024, 1 << 20))
    if current != expected_source:
        raise InputError("file changed on disk while it was being checked; not fixed", path)
    with open(path, "rb") as original:
        had_bom = original.read(3) == b"\xef\xbb\xbf"
    mode = stat.S_IMODE(os.stat(path).st_mode)
    folder = os.path.dirname(os.path.abspath(path))
    descriptor, temporary = tempfile.mkstemp(prefix=".contentcheck-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(descriptor, "wb") as out:
            out.write((b"\xef\xbb\xbf" if had_bom else b"") + new_text.encode("utf-8"))
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, mode)
        if _identity(path) != before:  # saved by an editor while the fixed text was being written
            raise InputError("file changed on disk while it was being fixed; not fixed", path)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


def _identity(path: str) -> tuple[int, int, int, int]:
    """What changes when anyone writes the file: its inode, size, and modification and change times."""
    info = os.stat(path)
    return info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns
