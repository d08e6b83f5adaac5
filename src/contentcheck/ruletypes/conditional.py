"""conditional: if `first` appears, `second` must appear too (an acronym needs its definition).

When both patterns have a capture group, the captures must agree: `NSAID` needs
"non-steroidal anti-inflammatory drugs (NSAIDs)" somewhere, not any definition.
"""

from __future__ import annotations

from ..errors import ConfigError
from ..patterns import compile_pattern
from ..registry import rule_type
from ..rule import Rule, field_line


@rule_type
class ConditionalRule(Rule):
    kind = "conditional"
    PLACEHOLDERS = frozenset({"match"})
    TYPE_FIELDS = {"first": str, "second": str, "ignorecase": bool, "exceptions": list}

    def prepare(self, data, path):
        for key in ("first", "second"):
            if not data.get(key):
                raise ConfigError(f"a conditional rule needs '{key}'", path, getattr(data, "line", None))
        flags = "(?i)" if data.get("ignorecase", False) else ""
        self.first = compile_pattern(flags + data["first"], path, field_line(data, "first"))
        self.second = compile_pattern(flags + data["second"], path, field_line(data, "second"))
        self.exceptions = {str(e) for e in data.get("exceptions") or []}

    def check(self, document):
        blocks = document.blocks
        defined = set()
        any_second = False
        for block in blocks:
            for match in self.second.finditer(block.text):
                any_second = True
                if self.second.groups:
                    defined.add(match.group(1))
        reported = set()
        for block in blocks:
            for match in self.first.finditer(block.text):
                key = match.group(1) if self.first.groups else match.group(0)
                if key in self.exceptions or key in reported:
                    continue
                satisfied = (key in defined or key.rstrip("s") in defined) if self.second.groups else any_second
                if satisfied:
                    continue
                reported.add(key)
                start, end = match.span(1) if self.first.groups else match.span()
                yield self.match_finding(block, start, end)
