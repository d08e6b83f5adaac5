"""A run, in one direction: find the files, then for each (in this process or in workers) read,
parse, check, fix and check again; then the corpus stage, then the baseline. Every stage reads the
same frozen Options. Each file goes through `check_one`, whether the run is serial or parallel, so
the report is the same either way; corpus extracts are reduced in file order."""

from __future__ import annotations

import gc
import hashlib
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .baseline import drop_baselined, load_baseline
from .config import Config, ConfigResolver, search_limit
from .corpus import Corpus, CorpusPayload, Span, outside_templates
from .engine import check_document, severity_here
from .errors import ContentcheckError
from .finding import Finding
from .fixes import apply_fixes, unified_diff, write_atomically
from .genre import detect as detect_genre
from .options import Options
from .registry import format_of_text, parse
from .report import FileResult, Report, in_memory
from .results_cache import (
    load_corpus_findings,
    load_result,
    prune,
    result_key,
    store_corpus_findings,
    store_result,
)
from .rule import CorpusRule
from .sources import decode, leaves_root, read_source, walk
from .spool import PickledResult, ResultList, SpooledResults

# An unchanged re-run of up to this many files keeps the cached results in memory (~40 KB each:
# 80 MB at most); above it they are spooled, as in every other run.
CACHED_RESULTS_IN_MEMORY = 2000
TEXTS_KEPT = 50_000_000  # characters of file text the corpus key may hand on to the check


@dataclass
class Outcome:
    """One file's result, with what it gives the corpus stage (None when the run has no corpus stage,
    or the last run's corpus findings still hold)."""

    result: FileResult | PickledResult
    corpus: CorpusPayload | None = None


def corpus_rules(config: Config, path: str) -> dict[str, CorpusRule]:
    return {rule.id: rule for rule in config.rules_for(path) if isinstance(rule, CorpusRule)}


# --- one file --------------------------------------------------------------------------------------
def check_text_as(text: str, path: str, config: Config, fmt: str | None = None, extract: bool = False):
    """Parse and check one text: (FileResult, corpus extracts or None, suppression regions)."""
    result = FileResult(path=path, source=text)
    try:
        document = parse(text, path, fmt)
        document.health_override = config.health_for(path)
        document.configured_audience = config.audience_for(path)
        document.allowed_servers = config.allowed_servers
        document.configured_genre = config.genre_for(path)
        document.configured_public_body = config.public_body_for(path)
        if document.configured_genre is None:
            document.detected_genre = detect_genre(document)
        rules = config.rules_for(path)
    except ContentcheckError as exc:
        result.error = str(exc) if exc.path else f"{path}: {exc}"
        return result, None, []
    checked = check_document(document, rules, config.rule_ids(), config.accepted_terms(), extract)
    artefacts = document.artefacts
    result.findings = checked.findings
    result.claims = [claim.to_json() for claim in artefacts.claims]
    result.metrics = artefacts.metrics
    result.notes = artefacts.notes
    genre, evidence = document.genre_and_evidence
    publisher, publisher_evidence = document.publisher
    result.facts = {**artefacts.facts.to_json(), "genre": genre, "genre_evidence": evidence,
                    "audience": document.audience, "publisher": publisher, "publisher_evidence": publisher_evidence}
    return result, (checked.extracts if extract else None), checked.regions


class FileChecker:
    """Checks files one at a time for a run: from the results cache when it has the file's text,
    with the fixes applied and the fixed text checked again when the run fixes. One per process."""

    def __init__(self, options: Options, together: bool, collect: bool, read: dict | None = None):
        self.options = options
        self.resolver = options.resolver()
        self.cache = Path(options.cache_dir) / "results" if options.cache_dir else None
        self.together = together  # files checked together: extract (and cache) what corpus rules need
        self.collect = collect  # ... and hand it on, unless the last run's corpus findings still hold
        self.read: dict[str, tuple[str, str]] = dict(read or {})  # path -> (text, cache key) already read

    def check_file(self, path: str) -> Outcome:
        try:
            config = self.resolver.for_path(path)
            text, key = self.read.pop(path, (None, None))
            if text is None:
                text = read_source(path, config.max_file_size)
            return self._outcome(path, text, config, key)
        except ContentcheckError as exc:
            return Outcome(FileResult(path=path, error=str(exc)))
        except Exception as exc:  # a bug or an exhausted resource costs one file, not the run
            return Outcome(FileResult(path=path, error=internal_error(path, exc)))

    def check_stdin(self) -> Outcome:
        """'-': never cached. With --fix the fixed text is kept on the result (`source`, `fixed`) for
        the command to write to standard output; with --diff, the diff."""
        name = self.options.stdin_name
        config = self.resolver.for_path(str(Path.cwd() / (self.options.stdin_filename or "stdin.md")))
        try:
            text = decode(self.options.stdin or b"", name)
        except ContentcheckError as exc:
            return Outcome(FileResult(path=name, error=str(exc)))
        fmt = None if self.options.stdin_filename else format_of_text(text)  # piped HTML is HTML
        checked = check_text_as(text, name, config, fmt, extract=self.together)
        checked = self._with_fixes(name, text, checked, lambda fixed: check_text_as(fixed, name, config, fmt,
                                                                                    extract=self.together), False)
        result, extracts, regions = checked
        return self._packed(result, extracts, regions, config)

    def _outcome(self, path: str, text: str, config: Config, key: str | None) -> Outcome:
        checked = self._checked_or_cached(path, text, config, key)
        checked = self._with_fixes(path, text, checked,
                                   lambda fixed: self._checked_or_cached(path, fixed, config, None), True)
        result, extracts, regions = checked
        return self._packed(result, extracts, regions, config)

    def _with_fixes(self, path: str, text: str, checked, recheck, write: bool):
        """--fix or --diff on a checked text: the diff on the result, or the fixed text (written to
        `path` when `write`) checked again by `recheck`; the check as it was when nothing applies."""
        result = checked[0]
        if not (self.options.fix or self.options.diff) or result.error:
            return checked
        fixed_text, applied = apply_fixes(text, result.findings, self.options.unsafe_fixes)
        if not applied:
            return checked
        if self.options.diff:
            result.diff = unified_diff(path, text, fixed_text)
            return checked
        if write:
            try:
                write_atomically(path, text, fixed_text)
            except ContentcheckError as exc:
                result.error = str(exc)
                return checked
        checked = recheck(fixed_text)
        checked[0].fixed = applied
        return checked

    def _checked_or_cached(self, path: str, text: str, config: Config, key: str | None):
        """check_text_as, from the results cache when it has this text (`key`, when given, is the
        cache key already made from this very text)."""
        if self.cache is None:
            return check_text_as(text, path, config, extract=self.collect)
        rules = corpus_rules(config, path)
        key = key or result_key(config.fingerprint() + ("+corpus" if self.together else ""), path, text)
        cached = load_result(self.cache, key, path, text, rules if self.collect else None)
        if cached is not None:
            return cached
        result, extracts, regions = check_text_as(text, path, config, extract=self.together)
        if not result.error:
            store_result(self.cache, key, result, extracts, regions, rules)
        return result, (extracts if self.collect else None), regions

    def _packed(self, result: FileResult, extracts: dict[str, Any] | None, regions, config: Config) -> Outcome:
        """The outcome with each extract packed where the file was checked (CorpusRule.pack_extract)."""
        if not extracts or result.error:
            return Outcome(result)
        rules = corpus_rules(config, result.path)
        facts = result.facts or {}
        severities = {rule_id: severity for rule_id in extracts
                      if (severity := severity_here(rules[rule_id], facts.get("publisher"), facts.get("genre")))}
        return Outcome(result, CorpusPayload({rule_id: rules[rule_id].pack_extract(extract)
                                              for rule_id, extract in extracts.items()}, regions, severities))


def internal_error(path: str, exc: BaseException) -> str:
    """The one-line error of a file whose check failed in contentcheck itself."""
    detail = str(exc).splitlines()[0][:200] if str(exc) else ""
    return (f"{path}: contentcheck failed on this file ({type(exc).__name__}{': ' + detail if detail else ''}); "
            "the other files were checked; please report it")


# --- worker processes ------------------------------------------------------------------------------
_WORKER: dict[str, FileChecker] = {}


NUMERIC_THREAD_SETTINGS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def one_thread_per_process() -> None:
    """contentcheck runs in parallel by processes (--jobs); numpy's BLAS threads would only spin
    beside them, about 1.5% of a run's CPU. Set before numpy is first imported; a value the user
    set stays."""
    for name in NUMERIC_THREAD_SETTINGS:
        os.environ.setdefault(name, "1")


def tune_gc_for_batch() -> None:
    """For a process that checks many files: parsing makes many short-lived objects, and with the
    default thresholds the cyclic collector ran every few hundred of them and walked everything
    still alive, about a tenth of the run. Objects made so far (rules, tables) are frozen out of its
    walks, and it runs every 20,000 allocations instead of 700."""
    gc.freeze()
    gc.set_threshold(20_000, 10, 10)


def _worker_start(options: Options, together: bool, collect: bool) -> None:
    _WORKER["checker"] = FileChecker(options, together, collect)
    tune_gc_for_batch()


def _worker_check(path: str) -> Outcome:
    outcome = _WORKER["checker"].check_file(path)
    if _WORKER["checker"].options.spool:
        outcome.result = PickledResult(outcome.result)  # the parent writes its bytes to the spool as they are
    return outcome


def _outcomes(files: list[str], checker: FileChecker, jobs: int) -> Iterator[Outcome]:
    """Each file's outcome, in file order, from this process or from `jobs` workers."""
    if jobs <= 1:
        for path in files:
            yield checker.check_file(path)
        return
    from concurrent.futures.process import BrokenProcessPool  # here: a serial run need not pay to import it

    done = 0
    while done < len(files):
        rest = files[done:]
        try:
            with _pool(checker, jobs) as pool:
                chunk = max(1, min(16, len(rest) // (jobs * 8)))  # small: the last chunk is a tail only one worker runs
                for outcome in pool.map(_worker_check, rest, chunksize=chunk):
                    done += 1
                    yield outcome
        except BrokenProcessPool:
            # A worker died (killed, out of memory). The pool cannot say whose file it had, so the
            # next file in order is checked again in a process of its own: it either dies alone there
            # or its result stands. Then the rest go to a fresh pool.
            yield _checked_alone(files[done], checker)
            done += 1


def _pool(checker: FileChecker, workers: int):
    """Worker processes that each build a FileChecker like `checker`."""
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(max_workers=workers, initializer=_worker_start,
                               initargs=(checker.options, checker.together, checker.collect))


def _checked_alone(path: str, checker: FileChecker) -> Outcome:
    """One file checked in a worker process of its own; an error naming it when that process dies."""
    from concurrent.futures.process import BrokenProcessPool

    with _pool(checker, 1) as pool:
        try:
            return pool.submit(_worker_check, path).result()
        except BrokenProcessPool:
            return Outcome(FileResult(path=path, error=f"{path}: the process checking this file died "
                                      "(killed or out of memory); the other files were checked"))


# --- the run ---------------------------------------------------------------------------------------
def run(paths: list[str], options: Options, progress: Callable[[int, int], None] | None = None) -> Report:
    """Check files and folders ("-" is stdin); unreadable files become per-file errors, the rest are
    still checked."""
    resolver = options.resolver()
    baseline = load_baseline(options.baseline) if options.baseline else None
    report = Report(files=SpooledResults() if options.spool else in_memory())
    use_stdin = "-" in paths
    files = expand_paths([p for p in paths if p != "-"], resolver, list(options.exclude), report)
    if options.changed_since:
        changed = changed_files(options.changed_since)
        files = [f for f in files if _real_path(f) in changed]
    together = len(files) + use_stdin > 1
    corpus = Corpus() if together else None
    take = _Taker(report, corpus, progress, len(files) + use_stdin)
    if use_stdin:
        take(FileChecker(options, together, together).check_stdin(), _config_or_none(resolver, _stdin_path(options)))
    cache = CorpusCache.look(files, options, resolver) if together and not use_stdin else None
    reused = cache.findings if cache else None
    if reused is not None:
        # Nothing changed since the last run: every result is in the cache and its corpus findings
        # still hold. Reading the results here is quicker than starting workers to read them.
        jobs, read = 1, cache.read if cache else None
        if options.spool and len(files) <= CACHED_RESULTS_IN_MEMORY:
            report.files = ResultList(report.files)  # a spool would only pickle and unpickle what was just read
    else:
        jobs, read = options.processes(len(files)), None  # workers read (and key) their files themselves
    checker = FileChecker(options, together, together and reused is None, read)
    for path, outcome in zip(files, _outcomes(files, checker, jobs)):
        if reused is not None and isinstance(outcome.result, FileResult):
            findings, spans = reused.pop(len(report.files), ([], []))
            outcome.result.findings = outside_templates(outcome.result.findings, spans)
            outcome.result.add_findings(findings)
        take(outcome, _config_or_none(resolver, path))
    if corpus is not None and reused is None:
        found = corpus.merge_into(report.files)
        if cache is not None:
            store_corpus_findings(cache.folder, cache.key, found)
        else:
            for _ in found:  # merging happens as the findings are drawn
                pass
    if baseline is not None:
        report.baselined = drop_baselined(report, baseline)
    if options.cache_dir:
        prune(Path(options.cache_dir) / "results")
    return report


class _Taker:
    """Adds each outcome to the report (and its extracts to the corpus) and reports progress."""

    def __init__(self, report: Report, corpus: Corpus | None, progress: Callable[[int, int], None] | None, total: int):
        self.report, self.corpus, self.progress, self.total, self.done = report, corpus, progress, total, 0

    def __call__(self, outcome: Outcome, config: Config | None) -> None:
        _take(self.report, self.corpus, outcome, config)
        self.done += 1
        if self.progress:
            self.progress(self.done, self.total)


def _stdin_path(options: Options) -> str:
    """Where text read from '-' is taken to be, for finding its config and format."""
    return str(Path.cwd() / (options.stdin_filename or "stdin.md"))


def _config_or_none(resolver: ConfigResolver, path: str) -> Config | None:
    try:
        return resolver.for_path(path)
    except ContentcheckError:
        return None  # the file's config is broken: its result already says so


def _take(report: Report, corpus: Corpus | None, outcome: Outcome, config: Config | None) -> None:
    result = outcome.result
    report.files.append(result)
    if result.error or config is None:
        return
    report.fail_on = report.fail_on or config.fail_on
    for rule in config.rules_for(result.path):
        report.rules.setdefault(rule.id, rule)
    if corpus is not None and outcome.corpus is not None:
        corpus.add(len(report.files) - 1, result.path, outcome.corpus, corpus_rules(config, result.path))


@dataclass
class CorpusCache:
    """Where a run over several files keeps its corpus findings in the results cache: under a key of
    every file's cached-result key together, so equal keys mean the last run's corpus findings still
    hold. `findings` are those (file index -> (findings, template spans)), None when no run with this
    key stored them."""

    folder: Path
    key: str
    read: dict[str, tuple[str, str]]  # path -> (text, result key) of files already read, for the check
    findings: dict[int, tuple[list[Finding], list[Span]]] | None

    @classmethod
    def look(cls, files: list[str], options: Options, resolver: ConfigResolver) -> CorpusCache | None:
        """None when the run does not cache, or fixes files (which changes them as it goes)."""
        if not options.cache_dir or options.fix or options.diff:
            return None
        folder = Path(options.cache_dir) / "results"
        key, read = _corpus_key(files, resolver, keep_texts=len(files) <= CACHED_RESULTS_IN_MEMORY)
        stored = load_corpus_findings(folder, key)
        findings = {file: (found, spans) for file, found, spans in stored} if stored is not None else None
        return cls(folder, key, read, findings)


def _corpus_key(files: list[str], resolver: ConfigResolver,
                keep_texts: bool = False) -> tuple[str, dict[str, tuple[str, str]]]:
    """Every file's cached-result key, taken together. Reading each file here is cheap next to
    checking. With keep_texts, each file's text and result key come back too (up to TEXTS_KEPT
    characters in all), so that an unchanged re-run, whose results hold every text anyway, reads and
    hashes each file once; otherwise each is read and keyed again when checked, since a key must come
    from the very text it stands for."""
    digest, budget = hashlib.sha256(), TEXTS_KEPT if keep_texts else 0
    kept: dict[str, tuple[str, str]] = {}
    for path in files:
        try:
            config = resolver.for_path(path)
            text = read_source(path, config.max_file_size)
            part = result_key(config.fingerprint() + "+corpus", path, text)
            if len(text) <= budget:
                kept[path], budget = (text, part), budget - len(text)
        except ContentcheckError as exc:
            part = f"unreadable {exc}"
        digest.update(part.encode("utf-8", "surrogatepass") + b"\x00")
    return digest.hexdigest(), kept


# --- which files -----------------------------------------------------------------------------------
def expand_paths(paths: list[str], resolver: ConfigResolver, exclude: list[str] | None = None,
                 report: Report | None = None) -> list[str]:
    """Files named directly are always checked; folders are walked with include/exclude/.gitignore.
    A symbolic link to a file outside the folder walked (for a file named directly: outside its
    repository, or the current folder) is skipped with a note."""
    files: list[str] = []

    def keep(path: str, root: str) -> None:
        if not leaves_root(path, root):
            files.append(path)
        elif report is not None:
            report.run_notes.append(f"{path}: skipped, a symbolic link to a file outside {root or '.'}")

    for path in paths:
        if Path(path).is_dir():
            config = resolver.for_path(str(Path(path) / "_"))
            for found in walk(path, config.include, config.exclude + list(exclude or [])):
                keep(found, path)
        elif Path(path).exists() or Path(path).is_symlink():
            keep(path, str(search_limit(Path(os.path.abspath(path)).parent)))
        elif report is not None:
            report.files.append(FileResult(path=path, error=f"{path}: no such file or directory"))
        else:
            raise ContentcheckError("no such file or directory", path)
    return list(dict.fromkeys(files))  # each file once, in the order named


def _real_path(path: str) -> str:
    try:
        return str(Path(path).resolve())
    except (OSError, RuntimeError):  # a symlink loop: it cannot be a changed file
        return os.path.abspath(path)


def changed_files(revision: str) -> set[str]:
    """Absolute paths of files changed since `revision` (committed or not), plus untracked files."""
    import subprocess  # here: only --changed-since runs git, and importing it costs every run ~5 ms

    if revision.startswith("-") or not revision.strip():
        # git would take it as an option ("--output=FILE" writes a file)
        raise ContentcheckError(f"--changed-since {revision!r}: not a git revision")

    def git(*args: str) -> list[str]:
        try:
            done = subprocess.run(["git", *args], capture_output=True, text=True, check=True)
        except (OSError, subprocess.CalledProcessError) as exc:
            detail = (getattr(exc, "stderr", "") or str(exc)).strip()
            reason = detail.splitlines()[-1] if detail else str(exc)
            raise ContentcheckError(f"--changed-since {revision}: git failed: {reason}") from None
        return [line for line in done.stdout.splitlines() if line]

    top = Path(git("rev-parse", "--show-toplevel")[0])
    names = git("diff", "--name-only", revision, "--") + git("ls-files", "--others", "--exclude-standard")
    return {str((top / name).resolve()) for name in names}
