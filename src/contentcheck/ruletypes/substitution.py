"""substitution: a phrase with a better alternative (`swap: {utilize: use}`), suggested as a fix."""

from __future__ import annotations

from ..errors import ConfigError
from ..patterns import Matcher
from .base import Rule, field_line


def _match_case(replacement: str, matched: str) -> str:
    if matched[:1].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement


class SubstitutionRule(Rule):
    kind = "substitution"
    TYPE_FIELDS = {"swap": dict, "ignorecase": bool, "exceptions": list}

    def prepare(self, data, path):
        swap = data.get("swap") or {}
        if not swap:
            raise ConfigError("a substitution rule needs a non-empty 'swap' mapping", path, getattr(data, "line", None))
        for key, value in swap.items():
            if not isinstance(value, str):
                raise ConfigError(f"swap value for '{key}' must be a string", path, swap.line_of(key) if hasattr(swap, "line_of") else None)
        self.ignorecase = data.get("ignorecase", True)
        self.swap = {self._key(k): v for k, v in swap.items()}
        self.matcher = Matcher([str(k) for k in swap], (), self.ignorecase, True, path, field_line(data, "swap"))
        self.exceptions = Matcher([str(e) for e in data.get("exceptions") or []], (), self.ignorecase, True, path, field_line(data, "exceptions"))

    def _key(self, text: str) -> str:
        key = " ".join(text.replace("’", "'").split())
        return key.lower() if self.ignorecase else key

    def check(self, document):
        for block in self.blocks(document):
            excepted = list(self.exceptions.finditer(block.text))
            for start, end in self.matcher.finditer(block.text):
                if any(s <= start and end <= e for s, e in excepted):
                    continue
                matched = block.text[start:end]
                replacement = self.swap.get(self._key(matched))
                if replacement is None:
                    continue
                yield self.match_finding(block, start, end, suggestion=_match_case(replacement, matched))
