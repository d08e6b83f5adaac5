"""Errors a user can act on: each renders as one line naming the file and, when known, the line."""

from __future__ import annotations


class ContentcheckError(Exception):
    """A usage, config or input problem. Exit code 2; other files are still checked."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        return f"{where}{self.message}"


class ConfigError(ContentcheckError):
    """A config file or rule pack that cannot be used as written."""


class InputError(ContentcheckError):
    """A file to check that cannot be read or decoded."""
