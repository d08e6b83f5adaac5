"""contentcheck as a language server (LSP over stdio, on pygls): findings as diagnostics while an
editor types, quick fixes, the rule's documentation on hover, and the claims register through the
custom request `contentcheck/claims`. The engine, the config discovery and the JSON claims are the
command line's own.

Positions: findings give offsets in code points; LSP counts UTF-16 code units per line, so an emoji
before a finding moves it two units, not one (Positions converts both ways).
"""

from __future__ import annotations

import asyncio
import bisect
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer

from .config import (
    CONFIG_NAMES,
    LANGUAGETOOL_ENV,
    Config,
    find_config_file,
    languagetool_settings,
    load_config_file,
)
from .config_edit import add_accepted_term
from .errors import ContentcheckError
from .finding import Finding
from .parsers.markdown import front_matter_end
from .report import FileResult
from .rule import Rule
from .runner import check_text_as
from .version import __version__

DEBOUNCE_SECONDS = 0.25  # after the last keystroke; a save or an open checks at once
SEVERITY = {"error": lsp.DiagnosticSeverity.Error, "warning": lsp.DiagnosticSeverity.Warning,
            "info": lsp.DiagnosticSeverity.Information}
CLAIMS_REQUEST = "contentcheck/claims"
SPELLING_RULE = "grammar.spelling"
_BODY_TAG = re.compile(r"<body\b[^>]*>", re.IGNORECASE)


class Positions:
    """Offsets in a text (code points) as LSP positions (line, UTF-16 code units), both ways."""

    def __init__(self, text: str):
        self.text = text
        self.line_starts = [0] + [match.end() for match in re.finditer("\n", text)]

    def position(self, offset: int) -> lsp.Position:
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self.line_starts, offset) - 1
        start = self.line_starts[line]
        return lsp.Position(line=line, character=len(self.text[start:offset].encode("utf-16-le")) // 2)

    def offset(self, position: lsp.Position) -> int:
        if position.line >= len(self.line_starts):
            return len(self.text)
        index, units = self.line_starts[position.line], 0
        while index < len(self.text) and self.text[index] != "\n" and units < position.character:
            units += 2 if ord(self.text[index]) > 0xFFFF else 1
            index += 1
        return index

    def range(self, start: int, end: int) -> lsp.Range:
        return lsp.Range(start=self.position(start), end=self.position(end))


@dataclass
class Checked:
    """The last check of an open document: its text and findings, and the rules that found them."""

    uri: str
    path: str
    text: str
    result: FileResult
    rules: dict[str, Rule]
    positions: Positions

    def span(self, finding: Finding) -> tuple[int, int]:
        """Where the finding sits: its text, or the first line for a whole-document finding."""
        if finding.start is None or finding.end is None:
            first_line = self.text.find("\n")
            return 0, len(self.text) if first_line < 0 else first_line
        return finding.start, finding.end

    def diagnostic(self, finding: Finding) -> lsp.Diagnostic:
        rule = self.rules.get(finding.rule)
        link = rule.link if rule and rule.link else (Path(rule.source).as_uri() if rule and rule.source else None)
        return lsp.Diagnostic(
            range=self.positions.range(*self.span(finding)), message=finding.message,
            severity=SEVERITY.get(finding.severity, lsp.DiagnosticSeverity.Information), code=finding.rule,
            code_description=lsp.CodeDescription(href=link) if link else None, source="contentcheck")


def path_of(uri: str) -> str:
    """The file a URI names; an unsaved buffer ("untitled:Untitled-1") keeps its name, so a
    suffix still picks the parser."""
    parsed = urlparse(uri)
    return unquote(parsed.path) if parsed.scheme == "file" else (parsed.path or uri)


class Configs:
    """The config for each document, found from its folder as the command line finds it, and read
    again whenever its file, or one it extends, changes (a vocabulary edit shows at the next check)."""

    def __init__(self) -> None:
        self.settings = dict(languagetool_settings(os.environ.get(LANGUAGETOOL_ENV)))
        self._loaded: dict[Path | None, tuple[tuple, Config]] = {}

    def for_path(self, path: str) -> tuple[Config, Path | None]:
        folder = Path(path).parent if os.path.isabs(path) else Path.cwd()
        config_file = find_config_file(folder)
        cached = self._loaded.get(config_file)
        if cached is None or cached[0] != _stamps(config_file, cached[1].extended):
            config = (load_config_file(config_file) if config_file else Config()).with_settings(**self.settings)
            cached = self._loaded[config_file] = (_stamps(config_file, config.extended), config)
        return cached[1], config_file


def _stamps(config_file: Path | None, extended: tuple[Path, ...]) -> tuple:
    """When each file of the config last changed: the config and every config it extends."""
    return tuple(_stamp(path) for path in (*extended, config_file))


def _stamp(path: Path | None) -> tuple[int, int] | None:
    if path is None:
        return None
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


class ContentcheckServer(LanguageServer):
    """Checks open documents and keeps the last result of each for code actions, hover and claims."""

    def __init__(self) -> None:
        super().__init__("contentcheck", __version__,
                         text_document_sync_kind=lsp.TextDocumentSyncKind.Incremental)
        self.configs = Configs()
        self.checked: dict[str, Checked] = {}
        self.pending: dict[str, asyncio.TimerHandle] = {}

    def check(self, uri: str) -> Checked:
        """Check the document as it stands now and publish its diagnostics."""
        self.pending.pop(uri, None)
        document = self.workspace.get_text_document(uri)
        text, path = document.source, path_of(uri)
        try:
            config, _ = self.configs.for_path(path)
            result, _, _ = check_text_as(text, path, config)
            rules = {rule.id: rule for rule in config.rules_for(path)}
        except ContentcheckError as exc:  # a broken config: say so where the editor looks
            result, rules = FileResult(path=path, source=text, error=str(exc)), {}
        checked = Checked(uri, path, text, result, rules, Positions(text))
        self.checked[uri] = checked
        diagnostics = [checked.diagnostic(finding) for finding in result.findings]
        if result.error:
            diagnostics.insert(0, lsp.Diagnostic(range=checked.positions.range(0, 0), message=result.error,
                                                 severity=lsp.DiagnosticSeverity.Error, source="contentcheck"))
        self.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=document.version))
        return checked

    def check_later(self, uri: str) -> None:
        """Check after a pause in typing: each change restarts the wait."""
        waiting = self.pending.pop(uri, None)
        if waiting is not None:
            waiting.cancel()
        loop = asyncio.get_running_loop()
        self.pending[uri] = loop.call_later(DEBOUNCE_SECONDS, self.check, uri)

    def check_all_open(self) -> None:
        for uri in list(self.workspace.text_documents):
            self.check(uri)

    def findings_in(self, checked: Checked, start: int, end: int) -> list[Finding]:
        """The findings of the last check that touch [start, end] (a cursor touches what it is in)."""
        return [finding for finding in checked.result.findings
                if (span := checked.span(finding))[0] <= end and start <= span[1]]


def code_actions(checked: Checked, finding: Finding, configs: Configs, root: str | None) -> list[lsp.CodeAction]:
    """The quick fixes for one finding: its fix, its suggested wording, accepting a word (spelling),
    and turning the rule off for the line."""
    diagnostic = checked.diagnostic(finding)
    actions = []

    def edit(title: str, start: int, end: int, new_text: str, preferred: bool = False) -> lsp.CodeAction:
        change = lsp.TextEdit(range=checked.positions.range(start, end), new_text=new_text)
        return lsp.CodeAction(title=title, kind=lsp.CodeActionKind.QuickFix, diagnostics=[diagnostic],
                              edit=lsp.WorkspaceEdit(changes={checked.uri: [change]}), is_preferred=preferred)

    if finding.fix:
        unsafe = finding.fix.get("applicability") == "unsafe"
        title = "Delete the repeated text" if not finding.fix["replacement"] else "Apply the fix"
        actions.append(edit(title + (" (unsafe: check the other copy first)" if unsafe else ""),
                            finding.fix["start"], finding.fix["end"], finding.fix["replacement"],
                            preferred=not unsafe))
    rule = checked.rules.get(finding.rule)
    if rule is not None and rule.SUGGESTS_REPLACEMENT and finding.suggestion and finding.start is not None:
        actions.append(edit(f"Replace with '{finding.suggestion}'", finding.start, finding.end or finding.start,
                            finding.suggestion, preferred=not finding.fix))
    if finding.rule == SPELLING_RULE and finding.text:
        actions.append(vocabulary_action(checked, finding, diagnostic, configs, root))
    where, comment = _suppression(checked, finding)
    actions.append(edit(f"Disable {finding.rule} " + ("for this line" if finding.start is not None else
                                                      "in this file"), where, where, comment))
    return actions


def _suppression(checked: Checked, finding: Finding) -> tuple[int, str]:
    """Where the suppression comment goes, and its text. A finding in the text: a disable-next-line
    comment at the end of the line before (inside a paragraph a line of its own would split it), or
    on a line of its own above when there is no line before it in the block. A whole-document
    finding: a disable comment after the front matter (or after <body>)."""
    text = checked.text
    if finding.start is None:
        directive = f"<!-- contentcheck: disable={finding.rule} -->"
        if checked.path.lower().endswith((".html", ".htm")):
            body = _BODY_TAG.search(text)
            return (body.end(), "\n" + directive) if body else (0, directive + "\n")
        return front_matter_end(text), directive + "\n"
    directive = f"<!-- contentcheck: disable-next-line={finding.rule} -->"
    line_start = text.rfind("\n", 0, finding.start) + 1
    previous_end = line_start - 1
    previous_start = text.rfind("\n", 0, max(previous_end, 0)) + 1
    if line_start == 0 or not text[previous_start:previous_end].strip():
        indent = re.match(r"[ \t]*", text[line_start:]).group()  # type: ignore[union-attr]
        return line_start, f"{indent}{directive}\n"
    return previous_end, " " + directive


def hover_text(checked: Checked, findings: list[Finding]) -> str:
    """Markdown for the findings under the cursor: each message, then the rule's why and examples."""
    parts = []
    for finding in findings:
        rule = checked.rules.get(finding.rule)
        lines = [f"**{finding.rule}** ({finding.severity}): {finding.message}"]
        if rule is not None:
            if rule.why:
                lines.append(" ".join(rule.why.split()))
            if rule.example:
                lines.append(f"Instead of: *{' '.join(rule.example.split())}*")
            if rule.better:
                lines.append(f"Better: *{' '.join(rule.better.split())}*")
        parts.append("\n\n".join(lines))
    return "\n\n---\n\n".join(parts)


def claims_of(checked: Checked) -> list[dict[str, Any]]:
    """The claims register as the JSON report has it, each claim with its LSP range."""
    claims = []
    for claim in checked.result.claims or []:
        found = checked.positions.range(claim["start"], claim["end"])
        claims.append({**claim, "range": {"start": {"line": found.start.line, "character": found.start.character},
                                          "end": {"line": found.end.line, "character": found.end.character}}})
    return claims


def vocabulary_action(checked: Checked, finding: Finding, diagnostic: lsp.Diagnostic, configs: Configs,
                      root: str | None) -> lsp.CodeAction:
    """Accept the word in the config that applies to the document, as an edit of that file (a new
    .contentcheck.yaml at the workspace root, or beside the document, when there is none); the
    server checks the open documents again when the config is saved. A config this cannot edit
    safely makes the action disabled, with the reason."""
    word = finding.text or ""
    title = f"Add '{word}' to the vocabulary"
    _, config_file = configs.for_path(checked.path)
    if config_file is None:
        config_file = Path(root or os.path.dirname(os.path.abspath(checked.path))) / CONFIG_NAMES[0]
    try:
        old = config_file.read_text(encoding="utf-8") if config_file.exists() else None
        new = add_accepted_term(old, word, str(config_file))
    except (ContentcheckError, OSError, UnicodeDecodeError) as exc:
        return lsp.CodeAction(title=title, kind=lsp.CodeActionKind.QuickFix, diagnostics=[diagnostic],
                              disabled=lsp.CodeActionDisabled(reason=str(exc)))
    uri = config_file.as_uri()
    changes: list[Any] = [] if old is not None else [lsp.CreateFile(uri=uri)]
    changes.append(lsp.TextDocumentEdit(
        text_document=lsp.OptionalVersionedTextDocumentIdentifier(uri=uri, version=None),
        edits=[_minimal_edit(old or "", new)]))
    return lsp.CodeAction(title=title, kind=lsp.CodeActionKind.QuickFix, diagnostics=[diagnostic],
                          edit=lsp.WorkspaceEdit(document_changes=changes))


def _common_length(a: str, b: str) -> int:
    return next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))


def _minimal_edit(old: str, new: str) -> lsp.TextEdit:
    """One edit replacing only what differs between the texts (the config's other lines stay put)."""
    prefix = _common_length(old, new)
    suffix = _common_length(old[prefix:][::-1], new[prefix:][::-1])
    positions = Positions(old)
    return lsp.TextEdit(range=positions.range(prefix, len(old) - suffix), new_text=new[prefix:len(new) - suffix])


def build_server() -> ContentcheckServer:
    server = ContentcheckServer()

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: ContentcheckServer, params: lsp.DidOpenTextDocumentParams) -> None:
        ls.check(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: ContentcheckServer, params: lsp.DidChangeTextDocumentParams) -> None:
        ls.check_later(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: ContentcheckServer, params: lsp.DidSaveTextDocumentParams) -> None:
        if os.path.basename(path_of(params.text_document.uri)) in CONFIG_NAMES:
            ls.check_all_open()  # the config changed: every open article may read differently
        else:
            ls.check(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: ContentcheckServer, params: lsp.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls.checked.pop(uri, None)
        waiting = ls.pending.pop(uri, None)
        if waiting is not None:
            waiting.cancel()
        ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def config_changed(ls: ContentcheckServer, params: lsp.DidChangeWatchedFilesParams) -> None:
        ls.check_all_open()

    @server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION,
                    lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix]))
    def actions(ls: ContentcheckServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
        checked = ls.checked.get(params.text_document.uri)
        if checked is None:
            return []
        start, end = checked.positions.offset(params.range.start), checked.positions.offset(params.range.end)
        root = ls.workspace.root_path
        return [action for finding in ls.findings_in(checked, start, end)
                for action in code_actions(checked, finding, ls.configs, root)]

    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    def hover(ls: ContentcheckServer, params: lsp.HoverParams) -> lsp.Hover | None:
        checked = ls.checked.get(params.text_document.uri)
        if checked is None:
            return None
        offset = checked.positions.offset(params.position)
        findings = [finding for finding in ls.findings_in(checked, offset, offset) if finding.start is not None]
        if not findings:
            return None
        return lsp.Hover(contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown,
                                                    value=hover_text(checked, findings)))

    @server.feature(CLAIMS_REQUEST)
    def claims(ls: ContentcheckServer, params: Any) -> dict[str, Any]:
        uri = _uri_of(params)
        checked = ls.checked.get(uri) or (ls.check(uri) if uri in ls.workspace.text_documents else None)
        return {"uri": uri, "claims": claims_of(checked) if checked else []}

    return server


def _uri_of(params: Any) -> str:
    """The document of a custom request: {"textDocument": {"uri": ...}} as pygls hands it over."""
    document = getattr(params, "text_document", None) or getattr(params, "textDocument", None)
    if document is None and isinstance(params, dict):
        document = params.get("textDocument")
    uri = getattr(document, "uri", None) or (document.get("uri") if isinstance(document, dict) else None)
    return str(uri or "")


def main() -> None:
    build_server().start_io()
