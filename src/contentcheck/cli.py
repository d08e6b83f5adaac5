"""The command line: parses options, calls the API, picks a formatter, sets the exit code.

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage, config or input error.
"""

from __future__ import annotations

import itertools
import json
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import click

from .baseline import write_baseline
from .config import LANGUAGETOOL_ENV, ConfigResolver, languagetool_settings, load_config_file, starter_config
from .errors import ContentcheckError
from .explain import explain
from .finding import SEVERITIES
from .options import Options
from .output import write_file_whole
from .plugins import raise_load_errors
from .registry import REPORT_FORMATS
from .report import Report
from .reports.text import format_statistics
from .results_cache import DEFAULT_RESULTS_DIR
from .runner import one_thread_per_process, run, tune_gc_for_batch
from .serve import main as serve_page
from .version import __version__


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
            raise_load_errors()
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
@click.option("--format", "fmt", type=click.Choice(sorted(REPORT_FORMATS)), default="text", show_default=True,
              help="Report format.")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write the report to a file instead of stdout.")
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False),
              help="Use this config file for every file.")
@click.option("--select", multiple=True, help="Only these rule ids, packs or categories (comma-separated).")
@click.option("--ignore", multiple=True, help="Skip these rule ids, packs or categories (comma-separated).")
@click.option("--exclude", multiple=True, help="Extra globs to skip inside folders (comma-separated).")
@click.option("--fail-on", type=click.Choice(list(SEVERITIES) + ["none"]),
              help="Lowest severity that fails the run [default: warning].")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings fail the run (errors still exit 2).")
@click.option("--statistics", is_flag=True, help="Print how many findings each rule raised.")
@click.option("--quiet", "-q", is_flag=True, help="Findings only: no source lines or suggestions.")
@click.option("--stdin-filename", help="Name (and so format) for text read from '-'.")
@click.option("--claims", "show_claims", is_flag=True, help="Print each file's claims register after its findings.")
@click.option("--audience", help="Who the articles are for (patients, general, professionals), as the config's "
                                 "top-level audience: [default: patients; general for news].")
@click.option("--genre", help="What the articles are (patient-info, news, press-release, marketing, review, "
                              "professional), as the config's top-level genre.")
@click.option("--languagetool-url", metavar="URL", envvar=LANGUAGETOOL_ENV,
              help=f"LanguageTool server for grammar checks (or set {LANGUAGETOOL_ENV}).")
@click.option("--jobs", "-j", type=click.IntRange(min=0),
              help="Check files in this many processes (0: one per core) [default: one per core when there are "
                   "enough files to pay for starting them].")
@click.option("--max-findings", type=int, help="Fail only when more than N findings are at or above --fail-on.")
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False),
              help="Report only findings not in this baseline file.")
@click.option("--write-baseline", "write_baseline_path", type=click.Path(dir_okay=False),
              help="Record today's findings as the baseline and exit.")
@click.option("--changed-since", metavar="REV", help="Check only files changed since this git revision.")
@click.option("--no-cache", is_flag=True, help="Check every file again instead of reusing results of unchanged files.")
@click.option("--cache-dir", type=click.Path(file_okay=False), default=DEFAULT_RESULTS_DIR, show_default=True,
              help="Where results of unchanged files are kept (safe to delete).")
@click.option("--fix", is_flag=True, help="Apply safe fixes (exact duplicates, back-to-back repeats) to the files.")
@click.option("--diff", is_flag=True, help="Show what --fix would change, without writing (exit 1 when it would "
                                          "change something).")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff, also apply fixes marked unsafe (a "
                                                  "duplicate sentence in another paragraph than its copy).")
def check(paths: tuple[str, ...], **flags: Any) -> None:
    """Check Markdown, HTML and text files and folders ('-' reads stdin)."""
    options = _options(list(paths) or ["."], flags)
    options.resolver().for_path(str(Path.cwd() / "_"))  # a bad --select or config fails here, before any file is read
    progress = _progress_bar() if sys.stderr.isatty() and not flags["quiet"] else None
    tune_gc_for_batch()
    report = run(list(paths) or ["."], options, progress)
    if progress:
        click.echo("\r\x1b[K", nl=False, err=True)
    if flags["write_baseline_path"]:
        count = write_baseline(report, flags["write_baseline_path"])
        click.echo(f"wrote {count} findings to the baseline {flags['write_baseline_path']}", err=True)
        sys.exit(2 if report.has_errors else 0)
    if options.diff:
        diffs = [result.diff for result in report.files if result.diff]
        _write_out(diffs)
        sys.exit(2 if report.has_errors else 1 if diffs else 0)
    if options.fix and "-" in paths:
        # an editor's filter (`:%!contentcheck check --fix -`): the fixed text, and nothing else, on stdout
        stdin_result = next(r for r in report.files if r.path == options.stdin_name)
        _write_out([stdin_result.source])
        sys.exit(_exit_code(report, flags))
    for result in report.files:
        if result.fixed:
            click.echo(f"fixed {result.fixed} finding{'s' if result.fixed != 1 else ''} in {result.path}", err=True)
    _emit(report, flags["fmt"], flags["output"], flags["quiet"], flags["statistics"], flags["show_claims"])
    sys.exit(_exit_code(report, flags))


def _options(paths: list[str], flags: dict[str, Any]) -> Options:
    """The run's options, from the command line."""
    return Options(
        config=load_config_file(Path(flags["config_path"])) if flags["config_path"] else None,
        select=tuple(_split(flags["select"])), ignore=tuple(_split(flags["ignore"])),
        exclude=tuple(_split(flags["exclude"])),
        settings=languagetool_settings(flags["languagetool_url"]) + tuple(
            (name, flags[name]) for name in ("audience", "genre") if flags[name]),
        stdin=sys.stdin.buffer.read() if "-" in paths else None, stdin_filename=flags["stdin_filename"],
        jobs=flags["jobs"], changed_since=flags["changed_since"],
        cache_dir=None if flags["no_cache"] else flags["cache_dir"], spool=True,
        fix=flags["fix"] and not flags["diff"], diff=flags["diff"], baseline=flags["baseline_path"],
        unsafe_fixes=flags["unsafe_fixes"])


def _exit_code(report: Report, flags: dict[str, Any]) -> int:
    """0 nothing at or above the threshold, 1 findings at or above it, 2 a file or the config could not be used."""
    if report.has_errors:
        return 2
    threshold = flags["fail_on"] or report.fail_on or "warning"
    if flags["exit_zero"]:
        return 0
    if flags["max_findings"] is not None:
        return 1 if report.count_at_or_above(threshold) > flags["max_findings"] else 0
    return 1 if report.fails(threshold) else 0


def _progress_bar():
    """A one-line progress bar on stderr (only on a terminal)."""
    width = 30

    def show(done: int, total: int) -> None:
        filled = int(width * done / max(total, 1))
        click.echo(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} files", nl=False, err=True)

    return show


def _emit(report: Report, fmt: str, output: str | None, quiet: bool, statistics: bool, claims: bool = False) -> None:
    color = _use_color(output) and fmt == "text"
    pieces = REPORT_FORMATS[fmt](report, color=color, quiet=quiet, claims=claims)
    if isinstance(pieces, str):
        pieces = [pieces]
    if statistics and fmt == "text":
        pieces = itertools.chain([format_statistics(report)], pieces)
    if output:
        write_file_whole(output, pieces)
    else:
        _write_out(pieces, color)


def _write_out(pieces: Iterable[str], color: bool = False) -> None:
    """Write to stdout until the reader goes away (`| head`, `| grep -q`): then stop writing, quietly,
    and let the command end with the exit code its findings give."""
    try:
        for piece in pieces:
            click.echo(piece, nl=False, color=color)  # click strips colour off a non-terminal unless told
        sys.stdout.flush()
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # nothing more reaches the closed pipe
    except OSError as exc:  # a full disk under `> report.txt`
        raise ContentcheckError(f"cannot write to standard output: {exc.strerror or exc}") from None


@cli.command()
@click.option("--explain", "explain_id", metavar="ID", help="Print one rule's documentation.")
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False),
              help="Config whose packs to list.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def rules(explain_id, config_path, fmt):
    """List every rule, or explain one (`--explain ID`)."""
    config = load_config_file(Path(config_path)) if config_path else ConfigResolver().for_path(str(Path.cwd() / "_"))
    # what the config makes of each rule here: its severity, or off
    configured = {rule.id: rule for rule in config.rules_for(str(Path(config.path or Path.cwd() / "_")))}
    if explain_id:
        here = {rule_id: rule.severity for rule_id, rule in configured.items()}
        _write_out([explain(explain_id, config.all_rules(), here) + "\n"])
        return
    all_rules = [configured.get(rule.id, rule) for rule in config.all_rules()]
    if fmt == "json":
        _write_out([json.dumps([{"id": r.id, "category": r.category, "severity": r.severity, "pack": r.pack,
                                 "type": r.kind, "description": r.description, "enabled": r.id in configured}
                                for r in all_rules], indent=2) + "\n"])
        return
    width = max(len(r.id) for r in all_rules)
    _write_out(f"{rule.id:<{width}}  {rule.category:<12} {rule.severity if rule.id in configured else 'off':<8} "
               f"{rule.pack}\n" for rule in sorted(all_rules, key=lambda r: r.id))


@cli.command()
@click.option("--force", is_flag=True, help="Overwrite an existing .contentcheck.yaml.")
def init(force):
    """Write a commented starter .contentcheck.yaml in this folder."""
    target = Path(".contentcheck.yaml")
    if target.exists() and not force:
        raise ContentcheckError("already exists; use --force to overwrite", str(target))
    target.write_text(starter_config(), encoding="utf-8")
    click.echo(f"wrote {target}")


@cli.command()
@click.option("--stdio", is_flag=True, help="Talk over standard input and output (the default, and the only way).")
def lsp(stdio):
    """Run the language server for editors (LSP over stdio): diagnostics, quick fixes, hover."""
    from .lsp import main as serve_lsp  # pygls and lsprotocol take 0.35 s to load: only for the editor

    serve_lsp()


@cli.command()
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True,
              help="Port to listen on (0: any free one).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but this machine's own lets others send text.")
def serve(port, host):
    """Run a local review page: paste or open a draft, see its review, apply fixes, download."""
    serve_page(host, port)


def main(argv: list[str] | None = None) -> int:
    one_thread_per_process()
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
