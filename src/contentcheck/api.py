"""The Python API: check_text and check_paths return what the CLI prints."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .config import Config, load_config_file
from .options import Options
from .plugins import raise_load_errors
from .report import FileResult, Report
from .runner import check_text_as, run


def _as_config(config: Config | str | Path | None) -> Config | None:
    if config is None or isinstance(config, Config):
        return config
    return load_config_file(Path(config))


def check_text(text: str, path: str = "<text>", config: Config | str | Path | None = None,
               fmt: str | None = None) -> FileResult:
    """Check one text as if it were the file `path` (its suffix picks the parser)."""
    raise_load_errors()
    return check_text_as(text, path, _as_config(config) or Config(), fmt)[0]


def check_paths(paths: list[str], config: Config | str | Path | None = None, exclude: list[str] | None = None,
                select: list[str] | None = None, ignore: list[str] | None = None,
                stdin: bytes | None = None, stdin_filename: str | None = None, jobs: int | None = None,
                changed_since: str | None = None, progress: Callable[[int, int], None] | None = None,
                cache_dir: str | None = None, spool: bool = False, options: Options | None = None) -> Report:
    """Check files and folders ("-" is `stdin`); unreadable files become per-file errors, the rest are
    still checked. `select` replaces and `ignore` extends each config's own selection, as --select and
    --ignore do. `jobs` processes check the files (0: one per core; None: one per core when there are
    enough files); the report is the same. With `cache_dir`, results of unchanged files (same bytes,
    rules and version) are reused. With `spool`, results wait in a temporary file rather than in
    memory: for runs over many files. `options`, when given, is used as it is instead of the others."""
    raise_load_errors()
    if options is None:
        options = Options(config=_as_config(config), select=tuple(select or ()), ignore=tuple(ignore or ()),
                          exclude=tuple(exclude or ()), stdin=stdin, stdin_filename=stdin_filename, jobs=jobs,
                          changed_since=changed_since, cache_dir=cache_dir, spool=spool)
    return run(paths, options, progress)
