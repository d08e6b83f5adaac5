"""conditional: if `first` appears, `second` must appear too (an acronym needs its definition).

When both patterns have a capture group, the captures must agree: `NSAID` needs
"non-steroidal anti-inflammatory drugs (NSAIDs)" somewhere, not any definition. A pattern with
several alternatives may capture in any of its groups; the first that took part counts.
`skip_capital_runs`: a match beside another word in capitals is part of a heading or dateline
("FDA WARNS CONSUMERS", "BETHESDA, MD —"), not an abbreviation in running text.
`names_before`: words that make the match part of a name when they follow it ("the RET gene",
"CAR T-cell therapy"): a gene's symbol or a therapy's name is not an abbreviation to spell out.
`defined_in_metadata`: front-matter fields that name the page's publisher or source: their names
define their initials ("publisher: NIH (National Cancer Institute)" defines NCI on the page).
"""

from __future__ import annotations

import re

from ..errors import ConfigError
from ..patterns import compile_pattern, regex_matches_in_blocks
from ..registry import rule_type
from ..rule import Rule, field_line


@rule_type
class ConditionalRule(Rule):
    kind = "conditional"
    PLACEHOLDERS = frozenset({"match"})
    TYPE_FIELDS = {"first": str, "second": str, "ignorecase": bool, "exceptions": list, "skip_capital_runs": bool,
                   "defined_in_metadata": list, "names_before": list}

    def prepare(self, data, path):
        for key in ("first", "second"):
            if not data.get(key):
                raise ConfigError(f"a conditional rule needs '{key}'", path, getattr(data, "line", None))
        flags = "(?i)" if data.get("ignorecase", False) else ""
        self.first = compile_pattern(flags + data["first"], path, field_line(data, "first"))
        self.second = compile_pattern(flags + data["second"], path, field_line(data, "second"))
        self.exceptions = {str(e) for e in data.get("exceptions") or []}
        self.skip_capital_runs = data.get("skip_capital_runs", False)
        self.defined_in_metadata = [str(field) for field in data.get("defined_in_metadata") or []]
        self.names_before = {str(word).lower() for word in data.get("names_before") or []}

    def check(self, document):
        blocks = document.blocks
        defined = {initials for field in self.defined_in_metadata
                   for initials in initials_of_names(str(document.metadata.get(field) or ""))}
        any_second = False
        for _, _, match in regex_matches_in_blocks(self.second, document, blocks):
            any_second = True
            if self.second.groups:
                defined.add(_captured(match))
        reported = set()
        for block, offset, match in regex_matches_in_blocks(self.first, document, blocks):
            key = _captured(match) if self.first.groups else match.group(0)
            if key in self.exceptions or key in reported:
                continue
            if self.skip_capital_runs and _beside_capitals(block.text, match.start() - offset, match.end() - offset):
                continue
            if self.names_before and _word_after(block.text, match.end() - offset) in self.names_before:
                continue
            satisfied = (key in defined or key.rstrip("s") in defined) if self.second.groups else any_second
            if satisfied:
                continue
            reported.add(key)
            start, end = _captured_span(match) if self.first.groups else match.span()
            yield self.match_finding(block, start - offset, end - offset)


_NAME = re.compile(r"[A-Z][\w'’-]*(?:\s+(?:(?:of|and|for|the|on|&)\s+)*[A-Z][\w'’-]*)+")
_JOINING = frozenset({"of", "and", "for", "the", "on", "&"})


def initials_of_names(text: str) -> set[str]:
    """The initials of each name of two or more capitalised words ("National Library of Medicine" ->
    NLM), and each name already in capitals ("NIH")."""
    found = {word for word in re.findall(r"\b[A-Z]{2,6}\b", text)}
    for name in _NAME.findall(text):
        found.add("".join(word[0] for word in name.split() if word not in _JOINING))
    return found


def _captured(match) -> str:
    return next(group for group in match.groups() if group is not None)


def _captured_span(match) -> tuple[int, int]:
    index = next(i for i, group in enumerate(match.groups(), 1) if group is not None)
    return match.span(index)


def _word_after(text: str, end: int) -> str:
    words = text[end:end + 30].split()
    return words[0].strip(".,;:!?()[]*_").lower() if words else ""


def _beside_capitals(text: str, start: int, end: int) -> bool:
    """Another word of two or more capitals right before or after the match."""
    before = text[max(0, start - 30):start].split()
    after = text[end:end + 30].split()
    return any(len(w) > 1 and w.isupper() and any(c.isalpha() for c in w)
               for w in (before[-1:] + after[:1]))
