"""Cache folders. Everything in them can be rebuilt, so they are always safe to delete.

- the user cache (data derived from installed packages, e.g. the syllable table):
  $CONTENTCHECK_CACHE_DIR, else $XDG_CACHE_HOME/contentcheck, else ~/.cache/contentcheck;
- the results cache of a project (unchanged files are not checked again): .contentcheck_cache in the
  current folder, like ruff's .ruff_cache, or --cache-dir.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def user_cache_dir() -> Path:
    if os.environ.get("CONTENTCHECK_CACHE_DIR"):
        return Path(os.environ["CONTENTCHECK_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "contentcheck"


DEFAULT_RESULTS_DIR = ".contentcheck_cache"


class DerivedTable:
    """A word -> number table derived from an installed package, kept in the user cache as SQLite and
    keyed on the package's version. Lookups go to disk (with a cache), so a run that needs a few hundred
    words does not load a hundred thousand; building it happens once per package version."""

    def __init__(self, name: str, package: str, build):
        import sqlite3
        from importlib.metadata import version

        self._memo: dict[str, int | None] = {}
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


# --- results cache -------------------------------------------------------------------------------
import hashlib  # noqa: E402
import orjson  # noqa: E402  (JSON in and out of the cache: ~2x json's speed to read, ~8x to write)


def _code_fingerprint() -> str:
    """A hash of contentcheck's own source files, so a changed checker (an edited checkout, not only a
    new version) never reuses results it did not produce."""
    global _CODE
    if _CODE is None:
        digest = hashlib.sha256()
        for source in sorted(Path(__file__).resolve().parent.rglob("*.py")):
            digest.update(source.read_bytes())
        _CODE = digest.hexdigest()
    return _CODE


_CODE: str | None = None


def result_key(config_fingerprint: str, path: str, text: str) -> str:
    from . import __version__

    digest = hashlib.sha256()
    for part in (__version__, _code_fingerprint(), config_fingerprint, path, text):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\x00")
    return digest.hexdigest()


def _json(data) -> bytes:
    try:
        return orjson.dumps(data, option=orjson.OPT_NON_STR_KEYS)
    except TypeError:  # lone surrogates (from a file name that is not UTF-8): escaped, so the entry stays valid
        import json

        return json.dumps(data).encode("ascii")


def _hex(signature) -> str | None:
    """A MinHash signature (uint32 array) as hex: a tenth of the JSON size of a list of numbers."""
    return None if signature is None else signature.astype("<u4").tobytes().hex()


def _unhex(text: str | None):
    import numpy

    return None if text is None else numpy.frombuffer(bytes.fromhex(text), dtype="<u4").astype(numpy.uint32)


def store_result(folder: Path, key: str, result, payload) -> None:
    """Save one file's result as JSON (never pickle: a cache folder may come from an untrusted
    repository); what the cross-file index needs goes beside it, read only when files changed."""
    # findings as their dataclass fields, which Finding(**fields) rebuilds
    data = {"findings": [vars(f) for f in result.findings], "claims": result.claims,
            "metrics": result.metrics, "notes": result.notes, "facts": result.facts}
    if payload is not None:
        corpus = [payload[0], [[what, k, vars(place), _hex(signature)] for what, k, place, signature in payload[1]],
                  [vars(r) for r in payload[2]]]
        write_bytes_atomically(folder / key[:2] / f"{key}.corpus.json", _json(corpus))
    write_bytes_atomically(folder / key[:2] / f"{key}.json", _json(data))


def load_result(folder: Path, key: str, path: str, text: str, with_payload: bool = False):
    """(FileResult, payload or None) from the cache, or None when absent or unreadable."""
    from .families.crossfile import Place
    from .finding import Finding
    from .report import FileResult
    from .suppressions import Region

    try:
        data = orjson.loads((folder / key[:2] / f"{key}.json").read_bytes())
        result = FileResult(path=path, source=text, claims=data["claims"], metrics=data["metrics"],
                            notes=data["notes"], facts=data["facts"],
                            findings=[Finding(**finding) for finding in data["findings"]])
        payload = None
        if with_payload:
            rule_id, items, regions = orjson.loads((folder / key[:2] / f"{key}.corpus.json").read_bytes())
            payload = (rule_id, [(what, k, Place(**place), _unhex(signature)) for what, k, place, signature in items],
                       [Region(**region) for region in regions])
        return result, payload
    except (OSError, ValueError, KeyError, TypeError):
        return None


def store_corpus_findings(folder: Path, key: str, found) -> None:
    """Save the cross-file findings of a run (file index, findings), one JSON line per file, written
    as they are made; under the key of all the run's files together."""
    path = folder / "corpus" / f"{key}.jsonl"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            for file, findings in found:
                out.write(_json([file, [vars(f) for f in findings]]).decode("utf-8") + "\n")
        os.replace(temporary, path)
    except OSError:
        for _ in found:  # the findings must still reach the report
            pass


def load_corpus_findings(folder: Path, key: str):
    """The cross-file findings stored under `key`, as a list of (file index, findings), or None."""
    from .finding import Finding

    try:
        with open(folder / "corpus" / f"{key}.jsonl", encoding="utf-8") as stored:
            return [(file, [Finding(**f) for f in findings]) for file, findings in map(orjson.loads, stored)]
    except (OSError, ValueError, KeyError, TypeError):
        return None
