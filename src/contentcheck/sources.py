"""Finding the files to check and reading them into text, with one-line errors for bad input."""

from __future__ import annotations

import fnmatch
import os
import stat
from pathlib import Path

import pathspec

from .errors import InputError

_BINARY_MAGIC = (b"\x89PNG", b"%PDF", b"PK\x03\x04", b"GIF8", b"\xff\xd8\xff", b"\x7fELF", b"\x1f\x8b", b"RIFF")


def decode(data: bytes, path: str) -> str:
    """UTF-8 text with any BOM removed; newlines are kept exactly as they are."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError("file is UTF-16 (it starts with a UTF-16 byte-order mark); save it as UTF-8", path)
    if data.startswith(_BINARY_MAGIC) or b"\x00" in data[:8192]:
        raise InputError("file is binary, not text (an image, PDF, archive or similar)", path)
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InputError(f"file contains a NUL byte at offset {nul}; is it a binary file?", path,
                         data.count(b"\n", 0, nul) + 1)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(f"file is not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
                         "save it as UTF-8", path, line) from None


def read_source(path: str, max_size: int) -> str:
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            kind = "a directory" if stat.S_ISDIR(info.st_mode) else "not a regular file (a pipe, socket or device)"
            raise InputError(f"is {kind}; only regular files are read", path)
        size = info.st_size
        if size > max_size:
            raise InputError(f"file is {size:,} bytes, over the limit of {max_size:,} (set max_file_size to raise it)",
                             path)
        with open(path, "rb") as handle:
            data = handle.read(max_size + 1)
    except FileNotFoundError:
        raise InputError("no such file (it may have been removed while checking)", path) from None
    except IsADirectoryError:
        raise InputError("is a directory", path) from None
    except PermissionError:
        raise InputError("permission denied", path) from None
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}", path) from None
    return decode(data, path)


def leaves_root(path: str, root: str) -> bool:
    """True when `path` goes through a symbolic link to a file outside `root` (or inside a .git
    folder): a content repository could otherwise have /etc/passwd or its CI token printed into a
    public report. Paths with no link in them are never refused."""
    absolute = os.path.abspath(path)
    real = os.path.realpath(absolute)
    if real == absolute:
        return False
    real_root = os.path.realpath(root)
    if os.path.commonpath([real, real_root]) != real_root:
        return True
    return ".git" in Path(os.path.relpath(real, real_root)).parts


def _gitignore(folder: Path) -> pathspec.PathSpec | None:
    file = folder / ".gitignore"
    try:
        lines = file.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    return pathspec.PathSpec.from_lines("gitwildmatch", lines)


def _matches(relative: str, globs: list[str]) -> bool:
    name = relative.rsplit("/", 1)[-1]
    return any(fnmatch.fnmatch(relative, g) or fnmatch.fnmatch(name, g) for g in globs)


def walk(root: str, include: list[str], exclude: list[str]) -> list[str]:
    """Files under `root` matching include globs, skipping excluded, hidden and git-ignored paths."""
    found: list[str] = []
    include_lower = [glob.lower() for glob in include]  # a suffix is a suffix in any case, as when a file is named
    base = Path(root)
    ignores: list[tuple[Path, pathspec.PathSpec]] = []
    for folder, dirs, files in os.walk(root, followlinks=False):
        here = Path(folder)
        spec = _gitignore(here)
        if spec is not None:
            ignores.append((here, spec))

        def ignored(path: Path, is_dir: bool) -> bool:
            relative = path.relative_to(base).as_posix()
            if _matches(relative, exclude) or (is_dir and _matches(relative + "/", exclude)):
                return True
            for owner, owner_spec in ignores:
                try:
                    inner = path.relative_to(owner).as_posix()
                except ValueError:
                    continue
                if owner_spec.match_file(inner + ("/" if is_dir else "")):
                    return True
            return False

        dirs[:] = sorted(d for d in dirs
                         if not d.startswith(".") and d != "node_modules" and not ignored(here / d, True))
        for name in sorted(files):
            path = here / name
            if _matches(name.lower(), include_lower) and not ignored(path, False):
                found.append(str(path))
    return found
