"""The results cache of a project: unchanged files are not checked again. It lives in
.contentcheck_cache in the current folder (like ruff's .ruff_cache), or --cache-dir, and is always
safe to delete.

A file's result is keyed on its path and text, the configuration's fingerprint (every rule as built,
every data file a rule reads, the settings), contentcheck's own code, and the versions of the
packages whose data decides findings. Entries are JSON, never pickle, and each is signed with a key
kept in the user cache (an HMAC): a cache folder committed to a repository was made with another key,
fails verification and is ignored, so it cannot make a bad article pass or put text in a report.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import tempfile
from collections.abc import Iterable
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import orjson  # JSON in and out of the cache: ~2x json's speed to read, ~8x to write

from .finding import Finding
from .metrics import PACKAGES as METRICS_PACKAGES
from .registry import INPUT_FORMATS, RULE_TYPES
from .report import FileResult
from .rule import CorpusRule
from .suppressions import Region
from .usercache import user_cache_dir, write_bytes_atomically
from .version import __version__

DEFAULT_RESULTS_DIR = ".contentcheck_cache"


@lru_cache(maxsize=1)
def environment_fingerprint() -> str:
    """A hash of contentcheck's own source files (an edited checkout, not only a new version, never
    reuses results it did not produce) and of the versions of the packages whose data decides findings
    (those every rule type and input format declares, and the readability figures')."""
    digest = hashlib.sha256(__version__.encode())
    for source in sorted(Path(__file__).resolve().parent.rglob("*.py")):
        digest.update(source.read_bytes())
    packages = set(METRICS_PACKAGES)
    packages.update(p for rule_type in RULE_TYPES.values() for p in rule_type.PACKAGES)
    packages.update(p for input_format in INPUT_FORMATS.values() for p in input_format.packages)
    for package in sorted(packages):
        try:
            digest.update(f"{package}=={version(package)}".encode())
        except PackageNotFoundError:
            digest.update(f"{package} missing".encode())
    return digest.hexdigest()


_MAC_SIZE = 64  # hex digits of an HMAC-SHA256, at the start of every entry


@lru_cache(maxsize=1)
def _signing_key() -> bytes | None:
    """This user's secret for signing entries, made once (mode 0600) in the user cache, never in the
    repository. None when it cannot be kept: the run then uses no results cache."""
    path = user_cache_dir() / "results-cache.key"
    try:
        key = path.read_bytes()
        if len(key) == 32:
            return key
    except OSError:
        pass
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")  # created 0600
        with os.fdopen(handle, "wb") as out:
            out.write(os.urandom(32))
        try:
            os.link(temporary, path)  # never replaces a key another process made first
        except FileExistsError:
            pass
        finally:
            os.unlink(temporary)
        key = path.read_bytes()
    except OSError:
        return None
    return key if len(key) == 32 else None


def _mac(key: str, data: bytes) -> bytes:
    secret = _signing_key() or b""
    return hmac.new(secret, key.encode() + b"\x00" + data, hashlib.sha256).hexdigest().encode()


def _signed(key: str, data: bytes) -> bytes:
    return _mac(key, data) + data


def _verified(key: str, entry: bytes) -> bytes:
    """The data of an entry signed with this user's key under `key`; ValueError for anything else."""
    mac, data = entry[:_MAC_SIZE], entry[_MAC_SIZE:]
    if _signing_key() is None or not hmac.compare_digest(mac, _mac(key, data)):
        raise ValueError("not an entry this user's contentcheck wrote")
    return data


@lru_cache(maxsize=8)
def _ignore_in_git(folder: Path) -> None:
    """A .gitignore of '*' in the cache folder (as ruff and pytest do), so `git add -A` never commits it."""
    if not (folder / ".gitignore").exists():
        write_bytes_atomically(folder / ".gitignore", b"# made by contentcheck: never commit this cache\n*\n")


def result_key(config_fingerprint: str, path: str, text: str) -> str:
    digest = hashlib.sha256()
    for part in (environment_fingerprint(), config_fingerprint, path, text):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\x00")
    return digest.hexdigest()


def _json(data) -> bytes:
    try:
        return orjson.dumps(data, option=orjson.OPT_NON_STR_KEYS)
    except TypeError:  # lone surrogates (from a file name that is not UTF-8): escaped, so the entry stays valid
        return json.dumps(data).encode("ascii")


def store_result(folder: Path, key: str, result: FileResult, extracts: dict[str, Any] | None,
                 regions: list[Region], rules: dict[str, CorpusRule]) -> None:
    """Save one file's result; what its corpus rules took from it goes beside it (as each rule
    dumps it), read only when files changed."""
    # findings as their dataclass fields, which Finding(**fields) rebuilds
    if _signing_key() is None:
        return
    _ignore_in_git(folder.parent)
    data = {"findings": [vars(f) for f in result.findings], "claims": result.claims,
            "metrics": result.metrics, "notes": result.notes, "facts": result.facts}
    if extracts:
        corpus = {"extracts": {rule_id: rules[rule_id].dump_extract(extract) for rule_id, extract in extracts.items()},
                  "regions": [vars(r) for r in regions]}
        write_bytes_atomically(folder / key[:2] / f"{key}.corpus.json", _signed(key + ".corpus", _json(corpus)))
    write_bytes_atomically(folder / key[:2] / f"{key}.json", _signed(key, _json(data)))


def load_result(folder: Path, key: str, path: str, text: str, rules: dict[str, CorpusRule] | None = None):
    """(FileResult, extracts, regions) from the cache, or None when absent or unreadable; with
    `rules` (the file's corpus rules by id), the corpus rules' extracts too."""
    try:
        data = orjson.loads(_verified(key, (folder / key[:2] / f"{key}.json").read_bytes()))
        result = FileResult(path=path, source=text, claims=data["claims"], metrics=data["metrics"],
                            notes=data["notes"], facts=data["facts"],
                            findings=[Finding(**finding) for finding in data["findings"]])
        if not rules:
            return result, None, []
        corpus = orjson.loads(_verified(key + ".corpus", (folder / key[:2] / f"{key}.corpus.json").read_bytes()))
        extracts = {rule_id: rules[rule_id].load_extract(dumped) for rule_id, dumped in corpus["extracts"].items()}
        return result, extracts, [Region(**region) for region in corpus["regions"]]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def store_corpus_findings(folder: Path, key: str,
                          found: Iterable[tuple[int, list[Finding], list[tuple[int, int]]]]) -> None:
    """Save the corpus findings of a run (file index, findings, template spans), one JSON line per
    file, written as they are made; under the key of all the run's files together."""
    path = folder / "corpus" / f"{key}.jsonl"
    try:
        if _signing_key() is None:
            raise OSError("no key to sign entries with")
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            for file, findings, spans in found:
                out.write(_signed(key, _json([file, [vars(f) for f in findings], spans])).decode("utf-8") + "\n")
        os.replace(temporary, path)
    except OSError:
        for _ in found:  # the findings must still reach the report
            pass


PRUNE_AFTER_DAYS = 30  # an entry not written for this long goes (an unchanged file is then checked again)


def prune(folder: Path, now: float | None = None) -> int:
    """Delete entries older than PRUNE_AFTER_DAYS, at most once a day (the time of the last pass is
    kept in `.pruned`): entries of old versions, configs and texts otherwise pile up for ever.
    Returns how many were deleted."""
    import time

    if not folder.is_dir():
        return 0  # never make the folder just to prune it
    now = time.time() if now is None else now
    marker = folder / ".pruned"
    try:
        if now - marker.stat().st_mtime < 86_400:
            return 0
    except OSError:
        pass
    oldest, deleted = now - PRUNE_AFTER_DAYS * 86_400, 0
    for entry in [*folder.glob("??/*.json"), *folder.glob("corpus/*.jsonl")]:
        try:
            if entry.stat().st_mtime < oldest:
                entry.unlink()
                deleted += 1
        except OSError:
            continue
    write_bytes_atomically(marker, b"")
    return deleted


def load_corpus_findings(folder: Path, key: str) -> list[tuple[int, list[Finding], list[tuple[int, int]]]] | None:
    """The corpus findings stored under `key`, as a list of (file index, findings, template spans), or None."""
    try:
        with open(folder / "corpus" / f"{key}.jsonl", "rb") as stored:
            lines = [orjson.loads(_verified(key, line.rstrip(b"\n"))) for line in stored]
        return [(file, [Finding(**f) for f in findings], [(s, e) for s, e in spans]) for file, findings, spans in lines]
    except (OSError, ValueError, KeyError, TypeError):
        return None
