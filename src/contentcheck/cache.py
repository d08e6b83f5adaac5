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
