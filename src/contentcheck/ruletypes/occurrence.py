"""occurrence: a pattern must appear at least `min` and at most `max` times in the document.

The basis of "a disclaimer must be present". Boilerplate (an HTML footer) and front-matter
values count too when `include_boilerplate` / `metadata_keys` say so.
"""

from __future__ import annotations

from ..errors import ConfigError
from ..patterns import Matcher, find_in_blocks
from ..registry import rule_type
from ..rule import Rule, field_line, item_lines


@rule_type
class OccurrenceRule(Rule):
    kind = "occurrence"
    PLACEHOLDERS = frozenset({"count", "match"})
    TYPE_FIELDS = {"tokens": list, "patterns": list, "ignorecase": bool, "min": int, "max": int,
                   "include_boilerplate": bool, "metadata_keys": list}

    def prepare(self, data, path):
        if "min" not in data and "max" not in data:
            raise ConfigError("an occurrence rule needs 'min' or 'max'", path, getattr(data, "line", None))
        self.minimum = data.get("min")
        self.maximum = data.get("max")
        self.matcher = Matcher([str(t) for t in data.get("tokens") or []], [str(p) for p in data.get("patterns") or []],
                               data.get("ignorecase", True), True, path,
                               field_line(data, "tokens") or field_line(data, "patterns"),
                               pattern_lines=item_lines(data, "patterns"))
        if self.matcher.empty:
            raise ConfigError("an occurrence rule needs 'tokens' or 'patterns'", path, getattr(data, "line", None))
        self.include_boilerplate = data.get("include_boilerplate", False)
        self.metadata_keys = [str(k) for k in data.get("metadata_keys") or []]

    def check(self, document):
        blocks = document.blocks + (document.boilerplate if self.include_boilerplate else [])
        matches = find_in_blocks(self.matcher, document, blocks)
        count = len(matches) + sum(1 for key in self.metadata_keys if document.metadata.get(key))
        if self.minimum is not None and count < self.minimum:
            yield self.finding(self.render(count=count))
        if self.maximum is not None and count > self.maximum:
            matches.sort(key=lambda m: m[0].source_offset(m[1]))
            block, start, end = matches[self.maximum]
            yield self.match_finding(block, start, end, message=self.render(count=count))
