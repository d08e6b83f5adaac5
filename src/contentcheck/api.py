"""The Python API behind the CLI: check_text and check_paths return what the CLI prints.

Each file goes through one function, `_check_file`, whether the run is serial or uses worker
processes (`jobs`), so output is the same either way; cross-file data is merged in file order.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, Iterator

from .cache import load_corpus_findings, load_result, result_key, store_corpus_findings, store_result
from .config import Config, ConfigResolver, load_config_file
from .engine import check_document
from .errors import ContentcheckError
from .families.readability import document_metrics
from .finding import Finding
from .parsers import parse
from .report import FileResult, Report
from .sources import decode, read_source, walk


def _as_config(config: Config | str | Path | None) -> Config | None:
    if config is None or isinstance(config, Config):
        return config
    return load_config_file(Path(config))


def check_text(text: str, path: str = "<text>", config: Config | str | Path | None = None,
               fmt: str | None = None) -> FileResult:
    """Check one text as if it were the file `path` (its suffix picks the parser)."""
    return _check_file(text, path, _as_config(config) or Config(), fmt)[0]


def _check_file(text: str, path: str, config: Config, fmt: str | None = None, collect_corpus: bool = False):
    """Parse and check one text; with collect_corpus, also return what the cross-file index needs."""
    result = FileResult(path=path, source=text)
    try:
        document = parse(text, path, fmt)
        document.health_override = config.health_for(path)
        document.audience = config.audience_for(path)
        rules = config.rules_for(path)
    except ContentcheckError as exc:
        result.error = str(exc) if exc.path else f"{path}: {exc}"
        return result, None
    known = {r.id for r in config.all_rules()}
    accepted = {" ".join(term.lower().split()) for term in config.accept}
    result.findings = check_document(document, rules, known, accepted)
    result.claims = document.cache.get("claims_register", [])
    result.metrics = document_metrics(document)
    result.notes = document.cache.get("notes", [])
    result.facts = document.cache.get("facts", {})
    payload = None
    if collect_corpus:
        from .families.crossfile import CrossFileDuplicateRule, extract
        from .suppressions import find_regions

        rule = next((r for r in rules if isinstance(r, CrossFileDuplicateRule)), None)
        if rule is not None:
            regions = find_regions(document, known)[0] if document.comments else []
            payload = (rule.id, extract(document, rule), regions)
    return result, payload


def expand_paths(paths: list[str], resolver: ConfigResolver, exclude: list[str] | None = None,
                 report: Report | None = None) -> list[str]:
    """Files named directly are always checked; folders are walked with include/exclude/.gitignore."""
    files: list[str] = []
    for path in paths:
        if Path(path).is_dir():
            config = resolver.for_path(str(Path(path) / "_"))
            files.extend(walk(path, config.include, config.exclude + list(exclude or [])))
        elif Path(path).exists() or Path(path).is_symlink():
            files.append(path)
        elif report is not None:
            report.files.append(FileResult(path=path, error=f"{path}: no such file or directory"))
        else:
            raise ContentcheckError("no such file or directory", path)
    seen: set[str] = set()
    return [f for f in files if not (f in seen or seen.add(f))]


def _real_path(path: str) -> str:
    try:
        return str(Path(path).resolve())
    except (OSError, RuntimeError):  # a symlink loop: it cannot be a changed file
        return os.path.abspath(path)


def changed_files(revision: str) -> set[str]:
    """Absolute paths of files changed since `revision` (committed or not), plus untracked files."""
    import subprocess  # here, not at the top: only --changed-since needs it, and it costs every run ~5 ms

    def git(*args: str) -> list[str]:
        try:
            done = subprocess.run(["git", *args], capture_output=True, text=True, check=True)
        except (OSError, subprocess.CalledProcessError) as exc:
            detail = getattr(exc, "stderr", "") or str(exc)
            raise ContentcheckError(f"--changed-since {revision}: git failed: {detail.strip().splitlines()[-1] if detail.strip() else exc}") from None
        return [line for line in done.stdout.splitlines() if line]

    top = Path(git("rev-parse", "--show-toplevel")[0])
    names = git("diff", "--name-only", revision, "--") + git("ls-files", "--others", "--exclude-standard")
    return {str((top / name).resolve()) for name in names}


# --- worker processes ------------------------------------------------------------------------------
_WORKER: dict = {}


def tune_gc_for_batch() -> None:
    """For a process that checks many files: parsing makes many short-lived objects, and with the
    default thresholds the cyclic collector ran every few hundred of them and walked everything
    still alive, about a tenth of the run. Objects made so far (rules, tables) are frozen out of its
    walks, and it runs every 20,000 allocations instead of 700."""
    import gc

    gc.freeze()
    gc.set_threshold(20_000, 10, 10)


def _pool_worker_start(*args) -> None:
    _worker_start(*args)
    tune_gc_for_batch()


def _worker_start(config: Config | None, select: list[str], ignore: list[str], cache_dir: str | None = None,
                  together: bool = False, collect: bool = False, read: dict | None = None) -> None:
    _WORKER["read"] = read or {}  # path -> (text, cache key) of files this run has read already
    _WORKER["resolver"] = ConfigResolver(config)
    _WORKER["selection"] = (select, ignore)
    _WORKER["cache"] = Path(cache_dir) / "results" if cache_dir else None
    _WORKER["together"] = together  # files checked together: extract (and cache) what the cross-file index needs
    _WORKER["collect"] = collect  # ... and hand it back, unless the last run's cross-file findings still hold


def _worker_check(path: str):
    file_config = _WORKER["resolver"].for_path(path).with_selection(*_WORKER["selection"])
    text, key = _WORKER["read"].pop(path, (None, None))
    if text is None:
        try:
            text = read_source(path, file_config.max_file_size)
        except ContentcheckError as exc:
            return FileResult(path=path, error=str(exc)), None
    return _packed(_checked_or_cached(path, text, file_config, key), file_config)


def _checked_or_cached(path: str, text: str, file_config: Config, key: str | None = None):
    """(FileResult, cross-file payload or None), from the results cache when it has this text
    (`key`, when given, is the cache key already made from this very text)."""
    cache, together, collect = _WORKER["cache"], _WORKER["together"], _WORKER["collect"]
    if cache is None:
        return _check_file(text, path, file_config, collect_corpus=collect)
    key = key or result_key(file_config.fingerprint() + ("+corpus" if together else ""), path, text)
    cached = load_result(cache, key, path, text, with_payload=collect)
    if cached is not None:
        return cached
    result, payload = _check_file(text, path, file_config, collect_corpus=together)
    if not result.error:
        store_result(cache, key, result, payload)
    return result, payload if collect else None


def _packed(outcome, file_config: Config):
    """The outcome with its cross-file items packed where the file was checked (see crossfile.PackedItems)."""
    from .families.crossfile import PackedItems

    result, payload = outcome
    if payload is None:
        return outcome
    rule_id, items, regions = payload
    return result, (rule_id, PackedItems(items, _rule(file_config, result.path, rule_id)), regions)


def _rule(file_config: Config, path: str, rule_id: str):
    return next(r for r in file_config.rules_for(path) if r.id == rule_id)


# An unchanged re-run of up to this many files keeps the cached results in memory (~40 KB each:
# 80 MB at most); above it they are spooled, as in every other run.
CACHED_RESULTS_IN_MEMORY = 2000
TEXTS_KEPT = 50_000_000  # characters of file text the corpus key may hand on to the check


def check_paths(paths: list[str], config: Config | str | Path | None = None, exclude: list[str] | None = None,
                select: list[str] | None = None, ignore: list[str] | None = None,
                stdin: bytes | None = None, stdin_filename: str | None = None, jobs: int = 1,
                changed_since: str | None = None, progress: Callable[[int, int], None] | None = None,
                cache_dir: str | None = None, spool: bool = False) -> Report:
    """Check files and folders ("-" is `stdin`); unreadable files become per-file errors, the rest are
    still checked. `select` replaces and `ignore` extends each config's own selection, as --select and
    --ignore do. `jobs` > 1 checks files in that many processes; the report is the same. With
    `cache_dir`, results of unchanged files (same bytes, rules and version) are reused. With `spool`,
    results wait in a temporary file rather than in memory (see spool.py): for runs over many files."""
    explicit = _as_config(config)
    resolver = ConfigResolver(explicit)
    report = Report()
    if spool:
        from .spool import SpooledResults

        report.files = SpooledResults()
    select, ignore = select or [], ignore or []
    files = expand_paths([p for p in paths if p != "-"], resolver, exclude, report)
    if changed_since:
        changed = changed_files(changed_since)
        files = [f for f in files if _real_path(f) in changed]
    stdin_name = stdin_filename or "<stdin>"
    corpus = _Corpus() if len(files) + ("-" in paths) > 1 else None
    total = len(files) + ("-" in paths)
    done = 0
    if "-" in paths:
        file_config = resolver.for_path(str(Path.cwd() / (stdin_filename or "stdin.md"))).with_selection(select, ignore)
        try:
            outcome = _packed(_check_file(decode(stdin or b"", stdin_name), stdin_name, file_config,
                                          collect_corpus=corpus is not None), file_config)
        except ContentcheckError as exc:
            outcome = (FileResult(path=stdin_name, error=str(exc)), None)
        done += 1
        _take(report, corpus, outcome, file_config)
        if progress:
            progress(done, total)
    corpus_key, read = None, {}
    if corpus and cache_dir and "-" not in paths:
        corpus_key, read = _corpus_key(files, resolver, select, ignore, keep_texts=len(files) <= CACHED_RESULTS_IN_MEMORY)
    known = load_corpus_findings(Path(cache_dir) / "results", corpus_key) if corpus_key else None
    collect = corpus is not None and known is None
    if known is not None:
        # Nothing changed since the last run: every result is in the cache and its cross-file findings
        # still hold. Reading the results here is quicker than starting workers to read them.
        jobs, known_for = 1, dict(known)
        if spool and len(files) <= CACHED_RESULTS_IN_MEMORY:
            from .spool import ResultList

            report.files = ResultList(report.files)  # a spool would only pickle and unpickle what was just read
    else:
        read = {}  # workers read (and key) their files themselves
    for path, outcome in _outcomes(files, explicit, select, ignore, jobs, cache_dir, corpus is not None, collect, spool,
                                   read):
        file_config = resolver.for_path(path).with_selection(select, ignore)
        if known is not None:
            outcome[0].add_findings(known_for.pop(len(report.files), []))
        _take(report, corpus, outcome, file_config)
        done += 1
        if progress:
            progress(done, total)
    if known is None and corpus is not None:
        found = corpus.add_findings(report.files)
        if corpus_key:
            store_corpus_findings(Path(cache_dir) / "results", corpus_key, found)
        else:
            for _ in found:
                pass
    return report


def _corpus_key(files: list[str], resolver: ConfigResolver, select, ignore,
                keep_texts: bool = False) -> tuple[str, dict[str, tuple[str, str]]]:
    """What every file's cached result is keyed on, taken together: equal keys mean the cross-file
    findings of the last run with them still hold. Reading each file here is cheap next to checking.
    With keep_texts, each file's text and result key come back too (up to TEXTS_KEPT characters in
    all), so that an unchanged re-run, whose results hold every text anyway, reads and hashes each
    file once; otherwise each is read and keyed again when checked, since a key must come from the
    very text it stands for."""
    import hashlib

    digest, kept, budget = hashlib.sha256(), {}, TEXTS_KEPT if keep_texts else 0
    for path in files:
        file_config = resolver.for_path(path).with_selection(select, ignore)
        try:
            text = read_source(path, file_config.max_file_size)
            part = result_key(file_config.fingerprint() + "+corpus", path, text)
            if len(text) <= budget:
                kept[path], budget = (text, part), budget - len(text)
        except ContentcheckError as exc:
            part = f"unreadable {exc}"
        digest.update(part.encode("utf-8", "surrogatepass") + b"\x00")
    return digest.hexdigest(), kept


def _merge(results, file: int, findings: list[Finding]) -> None:
    """Add cross-file findings to one file's result, in position order."""
    from .spool import SpooledResults

    if isinstance(results, SpooledResults):
        results.add_findings(file, findings)  # kept beside the result, not a rewrite of it
    elif findings:
        result = results[file]
        result.add_findings(findings)
        results[file] = result  # counted as a write, so a tally taken before is not reused


def _outcomes(files: list[str], config: Config | None, select, ignore, jobs: int, cache_dir: str | None,
              together: bool, collect: bool, spool: bool = False, read: dict | None = None):
    """(path, (FileResult, payload)) in file order, from this process or from workers (whose results
    come pickled, as spool.PickledResult, when they are going to a spool). `read`: path -> (text,
    cache key) of files already read, for this process."""
    if jobs <= 1 or len(files) < 2:
        _worker_start(config, select, ignore, cache_dir, together, collect, read)
        for path in files:
            yield path, _safe_worker_check(path)
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=jobs, initializer=_pool_worker_start,
                             initargs=(config, select, ignore, cache_dir, together, collect)) as pool:
        chunk = max(1, min(16, len(files) // (jobs * 8)))  # small: the last chunk is a tail only one worker runs
        check = _pickled_worker_check if spool else _safe_worker_check
        for path, outcome in zip(files, pool.map(check, files, chunksize=chunk)):
            yield path, outcome


def _safe_worker_check(path: str):
    """_worker_check, with a config error for this file turned into that file's error."""
    try:
        return _worker_check(path)
    except ContentcheckError as exc:
        return FileResult(path=path, error=str(exc)), None


def _pickled_worker_check(path: str):
    from .spool import PickledResult

    result, payload = _safe_worker_check(path)
    return PickledResult(result), payload


def _take(report: Report, corpus, outcome, file_config: Config) -> None:
    result, payload = outcome
    report.files.append(result)
    if result.error:
        return
    report.fail_on = report.fail_on or file_config.fail_on
    for rule in file_config.rules_for(result.path):
        report.rules.setdefault(rule.id, rule)
    if corpus is not None and payload is not None:
        rule_id, packed, regions = payload
        corpus.add(len(report.files) - 1, result.path, packed, _rule(file_config, result.path, rule_id), regions)


class _Corpus:
    """Files checked together, for rules that compare files (cross-file duplicates)."""

    def __init__(self):
        from .families.crossfile import CrossFileIndex

        self.index = CrossFileIndex()
        self.regions: dict[int, list] = {}
        self.paths: dict[int, str] = {}  # file index -> path, for files in the index

    def add(self, file: int, path: str, packed, rule, regions) -> None:
        self.paths[file] = path
        if regions:
            self.regions[file] = regions
        self.index.add_packed(file, packed, rule)

    def add_findings(self, results: list[FileResult]) -> Iterator[tuple[int, list[Finding]]]:
        """Merge cross-file findings into the results of the files they belong to, yielding what
        was merged (for the cache) as it goes."""
        from .suppressions import is_suppressed

        for file, findings in self.index.findings(self.paths):
            kept = [f for f in findings if not is_suppressed(f, self.regions.get(file, []))]
            if kept:
                _merge(results, file, kept)
                yield file, kept


def default_jobs() -> int:
    return os.cpu_count() or 1
