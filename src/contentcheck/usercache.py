"""The user cache: data derived from installed packages (the syllable table, the spelling word
list), in $CONTENTCHECK_CACHE_DIR, else $XDG_CACHE_HOME/contentcheck, else ~/.cache/contentcheck.
Everything in it can be rebuilt, so it is always safe to delete."""

from __future__ import annotations

import os
import sqlite3
import tempfile
from importlib.metadata import version
from pathlib import Path


def user_cache_dir() -> Path:
    if os.environ.get("CONTENTCHECK_CACHE_DIR"):
        return Path(os.environ["CONTENTCHECK_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "contentcheck"


class DerivedTable:
    """A word -> number table derived from an installed package, kept in the user cache as SQLite and
    keyed on the package's version. Lookups go to disk (with a cache), so a run that needs a few hundred
    words does not load a hundred thousand; building it happens once per package version."""

    def __init__(self, name: str, package: str, build):
        self._memo: dict[str, int | None] = {}
        self._db: sqlite3.Connection | None
        path = user_cache_dir() / f"{name}-{package}-{version(package)}.sqlite"
        try:
            self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            self._db.execute("SELECT 1 FROM entries LIMIT 1")
            return
        except sqlite3.Error:
            pass
        entries = build()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary = path.with_suffix(f".tmp{os.getpid()}")
            with sqlite3.connect(temporary) as db:
                db.execute("CREATE TABLE entries (key TEXT PRIMARY KEY, value INTEGER) WITHOUT ROWID")
                db.executemany("INSERT OR REPLACE INTO entries VALUES (?, ?)", entries.items())
            db.close()
            os.replace(temporary, path)
            self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        except (OSError, sqlite3.Error):  # no writable cache: keep the table in memory
            self._db = None
            self._memo = dict(entries)

    def get(self, key: str, default=None):
        if key not in self._memo:
            if self._db is None:
                return default
            row = self._db.execute("SELECT value FROM entries WHERE key = ?", (key,)).fetchone()
            self._memo[key] = row[0] if row else None
        value = self._memo[key]
        return default if value is None else value

    def __contains__(self, key: str) -> bool:
        return self.get(key) is not None

    def __getitem__(self, key: str) -> int:
        value = self.get(key)
        if value is None:
            raise KeyError(key)
        return value


def write_bytes_atomically(path: Path, data: bytes) -> None:
    """Write via a temporary file and rename, so a reader never sees half a file; failures are ignored
    (a read-only folder only means no cache)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except OSError:
        pass
