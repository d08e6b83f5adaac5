"""The command line: parses options, calls the API, picks a formatter, sets the exit code.

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage, config or input error.
"""

from __future__ import annotations

import itertools
import os
import sys
from pathlib import Path

import click

from . import __version__
from .api import check_paths, default_jobs, tune_gc_for_batch
from .cache import DEFAULT_RESULTS_DIR
from .config import STARTER_CONFIG, ConfigResolver, load_config_file
from .errors import ContentcheckError
from .finding import SEVERITIES
from .report import Report
from .reports import FORMATS, format_statistics


def _split(values: tuple[str, ...]) -> list[str]:
    return [item.strip() for value in values for item in value.split(",") if item.strip()]


def _use_color(output) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return output is None and sys.stdout.isatty()


class _Group(click.Group):
    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except ContentcheckError as exc:
            click.echo(f"error: {exc}", err=True)
            ctx.exit(2)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="contentcheck")
def cli() -> None:
    """Lint health articles: duplicated text, promotional and unsupported claims, missing
    disclaimers, readability. Run `contentcheck check PATH...`."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATS)), default="text", show_default=True, help="Report format.")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write the report to a file instead of stdout.")
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False), help="Use this config file for every file.")
@click.option("--select", multiple=True, help="Only these rule ids, packs or categories (comma-separated).")
@click.option("--ignore", multiple=True, help="Skip these rule ids, packs or categories (comma-separated).")
@click.option("--exclude", multiple=True, help="Extra globs to skip inside folders (comma-separated).")
@click.option("--fail-on", type=click.Choice(list(SEVERITIES) + ["none"]), help="Lowest severity that fails the run [default: warning].")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings fail the run (errors still exit 2).")
@click.option("--statistics", is_flag=True, help="Print how many findings each rule raised.")
@click.option("--quiet", "-q", is_flag=True, help="Findings only: no source lines or suggestions.")
@click.option("--stdin-filename", help="Name (and so format) for text read from '-'.")
@click.option("--claims", "show_claims", is_flag=True, help="Print each file's claims register after its findings.")
@click.option("--languagetool-url", metavar="URL", help="LanguageTool server for grammar checks (or set CONTENTCHECK_LANGUAGETOOL_URL).")
@click.option("--jobs", "-j", type=int, default=1, show_default=True, help="Check files in this many processes (0: one per core).")
@click.option("--max-findings", type=int, help="Fail only when more than N findings are at or above --fail-on.")
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False), help="Report only findings not in this baseline file.")
@click.option("--write-baseline", "write_baseline_path", type=click.Path(dir_okay=False), help="Record today's findings as the baseline and exit.")
@click.option("--changed-since", metavar="REV", help="Check only files changed since this git revision.")
@click.option("--no-cache", is_flag=True, help="Check every file again instead of reusing results of unchanged files.")
@click.option("--cache-dir", type=click.Path(file_okay=False), default=DEFAULT_RESULTS_DIR, show_default=True,
              help="Where results of unchanged files are kept (safe to delete).")
@click.option("--fix", is_flag=True, help="Apply safe fixes (exact duplicates, back-to-back repeats) to the files.")
@click.option("--diff", is_flag=True, help="Show what --fix would change, without writing.")
def check(paths, fmt, output, config_path, select, ignore, exclude, fail_on, exit_zero, statistics, quiet, stdin_filename,
          show_claims, languagetool_url, jobs, max_findings, baseline_path, write_baseline_path, changed_since,
          no_cache, cache_dir, fix, diff):
    """Check Markdown, HTML and text files and folders ('-' reads stdin)."""
    if languagetool_url:
        from .families.grammar import ENV_URL

        os.environ[ENV_URL] = languagetool_url  # read by the grammar rule, in this process only
    explicit = load_config_file(Path(config_path)) if config_path else None
    (explicit or ConfigResolver().for_path(str(Path.cwd() / "_"))).with_selection(_split(select), _split(ignore))
    paths = list(paths) or ["."]
    stdin = sys.stdin.buffer.read() if "-" in paths else None
    jobs = default_jobs() if jobs == 0 else max(1, jobs)
    progress = _progress_bar() if sys.stderr.isatty() and not quiet else None
    tune_gc_for_batch()
    report = check_paths(paths, explicit, _split(exclude), _split(select), _split(ignore), stdin, stdin_filename,
                         jobs=jobs, changed_since=changed_since, progress=progress,
                         cache_dir=None if no_cache else cache_dir,
                         spool=True)
    if progress:
        click.echo("\r\x1b[K", nl=False, err=True)
    if write_baseline_path:
        from .baseline import write_baseline

        count = write_baseline(report, write_baseline_path)
        click.echo(f"wrote {count} findings to the baseline {write_baseline_path}", err=True)
        sys.exit(2 if report.has_errors else 0)
    if baseline_path:
        from .baseline import drop_baselined, load_baseline

        dropped = drop_baselined(report, load_baseline(baseline_path))
        report.baselined = dropped
    if fix or diff:
        report = _fix_or_diff(report, paths, explicit, exclude, select, ignore, stdin, stdin_filename, write=fix and not diff)
        if diff:
            sys.exit(2 if report.has_errors else 0)
    _emit(report, fmt, output, quiet, statistics, show_claims)
    if report.has_errors:
        sys.exit(2)
    threshold = fail_on or report.fail_on or "warning"
    if exit_zero:
        sys.exit(0)
    if max_findings is not None:
        sys.exit(1 if report.count_at_or_above(threshold) > max_findings else 0)
    sys.exit(1 if report.fails(threshold) else 0)


def _progress_bar():
    """A one-line progress bar on stderr (only on a terminal)."""
    width = 30

    def show(done: int, total: int) -> None:
        filled = int(width * done / max(total, 1))
        click.echo(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} files", nl=False, err=True)

    return show


def _fix_or_diff(report, paths, explicit, exclude, select, ignore, stdin, stdin_filename, write: bool):
    """Print diffs (--diff) or write fixed files (--fix), then re-check what was written."""
    from .fixes import apply_fixes, unified_diff, write_atomically

    fixed_any = False
    for index, result in enumerate(report.files):
        if result.error or (stdin is not None and result.path == (stdin_filename or "<stdin>")):
            continue  # stdin is never rewritten
        new_text, applied = apply_fixes(result.source, result.findings)
        if not applied:
            continue
        if not write:
            click.echo(unified_diff(result.path, result.source, new_text), nl=False)
            continue
        try:
            write_atomically(result.path, result.source, new_text)
        except ContentcheckError as exc:
            result.error = str(exc)
            report.files[index] = result
            continue
        fixed_any = True
        click.echo(f"fixed {applied} finding{'s' if applied != 1 else ''} in {result.path}", err=True)
    if not fixed_any:
        return report
    return check_paths(paths, explicit, _split(exclude), _split(select), _split(ignore), stdin, stdin_filename)


def _emit(report: Report, fmt: str, output: str | None, quiet: bool, statistics: bool, claims: bool = False) -> None:
    color = _use_color(output) and fmt == "text"
    pieces = FORMATS[fmt](report, color=color, quiet=quiet, claims=claims)
    if isinstance(pieces, str):
        pieces = [pieces]
    if statistics and fmt == "text":
        pieces = itertools.chain([format_statistics(report)], pieces)
    if output:
        with open(output, "w", encoding="utf-8") as stream:
            stream.writelines(pieces)
    else:
        for piece in pieces:
            click.echo(piece, nl=False, color=color)  # click strips colour off a non-terminal unless told


@cli.command()
@click.option("--explain", "explain_id", metavar="ID", help="Print one rule's documentation.")
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False), help="Config whose packs to list.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def rules(explain_id, config_path, fmt):
    """List every rule, or explain one (`--explain ID`)."""
    config = load_config_file(Path(config_path)) if config_path else ConfigResolver().for_path(str(Path.cwd() / "_"))
    all_rules = config.all_rules()
    if explain_id:
        from .explain import explain

        click.echo(explain(explain_id, all_rules))
        return
    if fmt == "json":
        import json

        click.echo(json.dumps([{"id": r.id, "category": r.category, "severity": r.severity, "pack": r.pack,
                                "type": r.kind, "description": r.description} for r in all_rules], indent=2))
        return
    width = max(len(r.id) for r in all_rules)
    for rule in sorted(all_rules, key=lambda r: r.id):
        click.echo(f"{rule.id:<{width}}  {rule.category:<12} {rule.severity:<8} {rule.pack}")


@cli.command()
@click.option("--force", is_flag=True, help="Overwrite an existing .contentcheck.yaml.")
def init(force):
    """Write a commented starter .contentcheck.yaml in this folder."""
    target = Path(".contentcheck.yaml")
    if target.exists() and not force:
        raise ContentcheckError("already exists; use --force to overwrite", str(target))
    target.write_text(STARTER_CONFIG, encoding="utf-8")
    click.echo(f"wrote {target}")


def main(argv: list[str] | None = None) -> int:
    try:
        code = cli.main(args=argv, prog_name="contentcheck", standalone_mode=False)
        if isinstance(code, int):
            return code  # click returns ctx.exit(n) codes when not in standalone mode
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.ClickException as exc:
        exc.show()
        return 2
    except click.exceptions.Abort:
        return 2
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 0
    return 0
