"""Grammar through a LanguageTool server (language-tool-python's remote mode), when one is
configured. LanguageTool cannot be downloaded here, so with no server (or local install) the rule
is skipped and the report says so once; it never crashes a run and never calls the network unasked.
"""

from __future__ import annotations

import bisect
import os
from pathlib import Path
from typing import Any

from ..registry import rule_type
from ..rule import Rule

_TOOLS: dict[tuple[str, str], Any] = {}
NOT_CONFIGURED = ("grammar: skipped, no LanguageTool server configured "
                  "(use --languagetool-url or CONTENTCHECK_LANGUAGETOOL_URL)")


def local_install() -> bool:
    """language-tool-python finds a local LanguageTool under LTP_PATH; only use it when it is there."""
    folder = os.environ.get("LTP_PATH")
    return bool(folder) and any(Path(folder or ".").glob("LanguageTool*"))


@rule_type
class LanguageToolRule(Rule):
    kind = "languagetool"
    TYPE_FIELDS = {"url": str, "language": str, "disabled_rules": list}
    PLACEHOLDERS = frozenset({"message"})
    SETTINGS = {"url": "languagetool_url"}

    def prepare(self, data, path):
        self.url = data.get("url")
        self.language = data.get("language", "en-US")
        self.disabled_rules = {str(r) for r in data.get("disabled_rules") or []}

    def _tool(self, url: str | None):
        key = (url or "local", self.language)
        if key not in _TOOLS:
            import language_tool_python  # only when a server or a local install is configured

            _TOOLS[key] = (language_tool_python.LanguageTool(self.language, remote_server=url) if url
                           else language_tool_python.LanguageTool(self.language))
        return _TOOLS[key]

    def check(self, document):
        url = self.url
        if not url and not local_install():
            document.note(NOT_CONFIGURED)
            return
        if url and document.allowed_servers is not None and url not in document.allowed_servers:
            document.note(f"grammar: skipped, the LanguageTool server {url} comes from a config file; article text "
                          "is sent only to a server you name yourself (--languagetool-url or "
                          "CONTENTCHECK_LANGUAGETOOL_URL with the same URL)")
            return
        blocks = document.blocks
        if not blocks:
            return
        text, starts = "", []
        for block in blocks:
            starts.append(len(text))
            text += block.text + "\n\n"
        try:
            matches = self._tool(url).check(text)
        except Exception as exc:  # a server that is down or answers garbage is a note, not a crash
            # the exception's type only: its text may hold the server's reply, which must not reach a report
            document.note(f"grammar: LanguageTool at {url or 'LTP_PATH'} failed ({type(exc).__name__}); "
                          "grammar was not checked")
            return
        for match in matches:
            if match.rule_id in self.disabled_rules:
                continue
            index = bisect.bisect_right(starts, match.offset) - 1
            block, local = blocks[index], match.offset - starts[index]
            local_end = min(local + match.error_length, len(block.text))
            if local >= len(block.text) or local_end <= local:
                continue
            start, end = block.to_source(local, local_end)
            replacements = list(match.replacements[:5])
            yield self.finding(self.render(message=match.message), start, end,
                               suggestion=replacements[0] if replacements else None,
                               languagetool_rule=match.rule_id, replacements=replacements)
