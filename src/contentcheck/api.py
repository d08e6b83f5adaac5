"""The Python API behind the CLI: check_text and check_paths return what the CLI prints."""

from __future__ import annotations

from pathlib import Path

from .config import Config, ConfigResolver, load_config_file
from .engine import check_document
from .families.readability import document_metrics
from .errors import ContentcheckError
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
    resolved = _as_config(config) or Config()
    return _check_source(text, path, resolved, fmt)


def _check_source(text: str, path: str, config: Config, fmt: str | None = None,
                  corpus: "Corpus | None" = None) -> FileResult:
    result = FileResult(path=path, source=text)
    try:
        document = parse(text, path, fmt)
        document.health_override = config.health_for(path)
        document.audience = config.audience_for(path)
        rules = config.rules_for(path)
    except ContentcheckError as exc:
        result.error = str(exc) if exc.path else f"{path}: {exc}"
        return result
    known = {r.id for r in config.all_rules()}
    accepted = {" ".join(term.lower().split()) for term in config.accept}
    result.findings = check_document(document, rules, known, accepted)
    result.claims = document.cache.get("claims_register", [])
    result.metrics = document_metrics(document)
    result.notes = document.cache.get("notes", [])
    result.facts = document.cache.get("facts", {})
    if corpus is not None:
        corpus.add(document, rules, known)
    return result


class Corpus:
    """Files checked together, for rules that compare files (cross-file duplicates)."""

    def __init__(self):
        from .families.crossfile import CrossFileIndex

        self.index = CrossFileIndex()
        self.paths: list[str] = []
        self.regions: dict[int, list] = {}

    def add(self, document, rules, known_ids) -> None:
        from .families.crossfile import CrossFileDuplicateRule
        from .suppressions import find_regions

        file = len(self.paths)
        self.paths.append(document.path)
        rule = next((r for r in rules if isinstance(r, CrossFileDuplicateRule)), None)
        if rule is None:
            return
        if document.comments:
            self.regions[file] = find_regions(document, known_ids)[0]
        self.index.add(file, document, rule)

    def add_findings(self, results: list[FileResult]) -> None:
        """Merge cross-file findings into the results of the files they belong to."""
        from .finding import Finding
        from .suppressions import is_suppressed

        by_path = {r.path: r for r in results}
        for file, findings in self.index.findings(self.paths).items():
            result = by_path[self.paths[file]]
            kept = [f for f in findings if not is_suppressed(f, self.regions.get(file, []))]
            if kept:
                result.findings = sorted(result.findings + kept, key=Finding.sort_key)


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


def check_paths(paths: list[str], config: Config | str | Path | None = None, exclude: list[str] | None = None,
                select: list[str] | None = None, ignore: list[str] | None = None,
                stdin: bytes | None = None, stdin_filename: str | None = None) -> Report:
    """Check files and folders ("-" is `stdin`); unreadable files become per-file errors, the rest are still checked.

    `select` replaces and `ignore` extends each config's own selection, as --select/--ignore do.
    """
    resolver = ConfigResolver(_as_config(config))
    report = Report()
    files = expand_paths([p for p in paths if p != "-"], resolver, exclude, report)
    stdin_name = stdin_filename or "<stdin>"
    targets = ([stdin_name] if "-" in paths else []) + files
    corpus = Corpus() if len(targets) > 1 else None
    for path in targets:
        is_stdin = "-" in paths and path is stdin_name
        try:
            file_config = resolver.for_path(str(Path.cwd() / (stdin_filename or "stdin.md")) if is_stdin else path)
            file_config = file_config.with_selection(select or [], ignore or [])
            text = decode(stdin or b"", path) if is_stdin else read_source(path, file_config.max_file_size)
        except ContentcheckError as exc:
            report.files.append(FileResult(path=path, error=str(exc)))
            continue
        report.fail_on = report.fail_on or file_config.fail_on
        for rule in file_config.rules_for(path):
            report.rules.setdefault(rule.id, rule)
        report.files.append(_check_source(text, path, file_config, corpus=corpus))
    if corpus is not None:
        corpus.add_findings(report.files)
    return report
