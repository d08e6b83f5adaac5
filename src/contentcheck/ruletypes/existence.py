"""existence: flag every occurrence of a phrase or pattern, unless an exception covers it."""

from __future__ import annotations

from ..patterns import Matcher
from .base import Rule, field_line, item_lines


class ExistenceRule(Rule):
    kind = "existence"
    TYPE_FIELDS = {"tokens": list, "patterns": list, "ignorecase": bool, "nonword": bool, "exceptions": list}

    def prepare(self, data, path):
        tokens = [str(t) for t in data.get("tokens") or []]
        patterns = [str(p) for p in data.get("patterns") or []]
        if not tokens and not patterns:
            from ..errors import ConfigError

            raise ConfigError("an existence rule needs 'tokens' or 'patterns'", path, getattr(data, "line", None))
        ignorecase = data.get("ignorecase", True)
        self.matcher = Matcher(tokens, patterns, ignorecase, not data.get("nonword", False), path, field_line(data, "tokens") or field_line(data, "patterns"),
                               pattern_lines=item_lines(data, "patterns"))
        self.exceptions = Matcher([str(e) for e in data.get("exceptions") or []], (), ignorecase, True, path, field_line(data, "exceptions"))

    def check(self, document):
        for block in self.blocks(document):
            excepted = list(self.exceptions.finditer(block.text))
            for start, end in self.matcher.finditer(block.text):
                if any(s <= start and end <= e for s, e in excepted):
                    continue
                yield self.match_finding(block, start, end)
