"""One frozen set of options for a run, made once from argv (or the Python API) and handed whole to
every stage: read, parse, check, fix and re-check, corpus reduce, baseline, report."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from .config import Config, ConfigResolver

# With no --jobs, a run takes one more process for each this many files, up to one per core. A
# worker's start (rules and tables built again) costs about 0.3 s: on 2 cores, 48 articles took
# 0.51 s in one process and 0.53 s in two, 64 took 0.60 s and 0.58 s, 96 took 0.77 s and 0.69 s.
FILES_PER_WORKER = 32


@dataclass(frozen=True)
class Options:
    config: Config | None = None  # one config for every file (--config); None: discover each file's own
    select: tuple[str, ...] = ()  # replaces each config's selection
    ignore: tuple[str, ...] = ()  # adds to each config's ignore list
    exclude: tuple[str, ...] = ()  # extra globs to skip inside folders
    settings: tuple[tuple[str, Any], ...] = ()  # top-level config settings given on the command line
    stdin: bytes | None = None  # the text of "-"
    stdin_filename: str | None = None  # its name, which picks its format
    jobs: int | None = None  # processes (0: one per core); None: one per core when there are enough files
    changed_since: str | None = None  # only files changed since this git revision
    cache_dir: str | None = None  # the results cache; None: check every file again
    spool: bool = False  # keep results in a temporary file rather than in memory (runs over many files)
    fix: bool = False  # write the safe fixes, then check the fixed text again
    diff: bool = False  # work out what `fix` would change, without writing
    unsafe_fixes: bool = False  # also apply fixes marked unsafe (a duplicate far from the copy it repeats)
    baseline: str | None = None  # leave out the findings recorded in this baseline file

    @property
    def stdin_name(self) -> str:
        return self.stdin_filename or "<stdin>"

    def resolver(self) -> ConfigResolver:
        """A resolver of the config each file is checked with: its own (or --config), with --select,
        --ignore and the command line's settings applied."""
        return ConfigResolver(self.config, self.select, self.ignore, dict(self.settings))

    def processes(self, files: int) -> int:
        """How many processes check `files` files."""
        cores = os.cpu_count() or 1
        if self.jobs is None:
            return max(1, min(cores, files // FILES_PER_WORKER))
        return max(1, min(cores if self.jobs == 0 else self.jobs, files))
