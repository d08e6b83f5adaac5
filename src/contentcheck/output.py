"""Writing a report or a baseline to a file the user named."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from .errors import ContentcheckError


def write_file_whole(path: str, pieces: Iterable[str]) -> None:
    """A report or baseline, all or nothing: written beside the target and renamed over it, so a full
    disk or a killed run never leaves half a file where CI reads one. A device or pipe is written to
    as it is. Failing is a one-line error (exit 2)."""
    target = Path(path)
    try:
        if target.exists() and not target.is_file():
            with open(target, "w", encoding="utf-8") as stream:
                stream.writelines(pieces)
            return
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                stream.writelines(pieces)
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporary, 0o666 & ~umask)  # as open() would have made it, not mkstemp's 0600
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise ContentcheckError(f"cannot write the file: {exc.strerror or exc}", path) from None
