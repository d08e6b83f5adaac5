"""metric: a readability formula over words, sentences and syllables, with a condition.

`formula` is a name (flesch_kincaid_grade) or arithmetic over the counts
(`words / sentences`); `condition` is a comparison such as "> 8". The formula is evaluated
from a parsed expression tree, never with eval. `as_read`: a sentence over the limit is counted
again as textstats.as_read reads it, and reported only if still over.
"""

from __future__ import annotations

import ast
import math
import operator
import re
from collections.abc import Callable

from ..errors import ConfigError
from ..pointers import is_pointer
from ..registry import rule_type
from ..rule import Rule, field_line
from ..textstats import FORMULA_VARIABLES, TextStats, as_read, combined, relative_limit, sentence_stats
from .existence import inside_quotation

_OPERATORS: dict[type, Callable[..., float]] = {
    ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv,
    ast.Pow: operator.pow, ast.USub: operator.neg, ast.UAdd: operator.pos}
_FUNCTIONS: dict[str, Callable[..., float]] = {"sqrt": math.sqrt, "min": min, "max": max, "abs": abs}
_VARIABLES = set(FORMULA_VARIABLES)
_CONDITION = re.compile(r"^\s*(<=|>=|<|>|==|!=)\s*(-?\d+(?:\.\d+)?)\s*$")
_COMPARE = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge, "==": operator.eq,
            "!=": operator.ne}


def compile_formula(formula: str, path: str, line: int | None) -> ast.expr:
    try:
        tree = ast.parse(formula, mode="eval").body
    except SyntaxError:
        raise ConfigError(f"formula {formula!r} is not a valid expression", path, line) from None
    for node in ast.walk(tree):
        number = isinstance(node, ast.Constant) and type(node.value) in (int, float)
        if isinstance(node, ast.Constant) and not number:
            raise ConfigError(f"formula {formula!r} may use only numbers, counts, + - * / ** and sqrt/min/max/abs",
                              path, line)
        if isinstance(node, ast.Name) and node.id not in _VARIABLES and node.id not in _FUNCTIONS:
            raise ConfigError(f"formula uses unknown name '{node.id}' (known: {', '.join(sorted(_VARIABLES))})", path,
                              line)
        if not isinstance(node, (ast.Expression, ast.BinOp, ast.UnaryOp, ast.Constant, ast.Name, ast.Call, ast.Load,
                                 *_OPERATORS)):
            raise ConfigError(f"formula {formula!r} may use only numbers, counts, + - * / ** and sqrt/min/max/abs",
                              path, line)
    return tree


def _getter(name: str) -> Callable[[TextStats], float]:
    """A count is a field of TextStats, a formula (flesch_kincaid_grade) one of its methods."""
    member = getattr(TextStats, name, None)
    if callable(member):
        return lambda stats: float(member(stats))
    return lambda stats: float(getattr(stats, name))


def _divide(left: float, right: float) -> float:
    return left / right if right else 0.0


def as_function(node: ast.expr) -> Callable[[TextStats], float]:
    """The checked expression tree as nested closures, built once per rule: a sentence's value is then
    a few calls, and only the counts the formula names are computed."""
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
        number = float(node.value)
        return lambda stats: number
    if isinstance(node, ast.Name):
        return _getter(node.id)
    if isinstance(node, ast.BinOp):
        left, right = as_function(node.left), as_function(node.right)
        apply = _divide if isinstance(node.op, ast.Div) else _OPERATORS[type(node.op)]
        return lambda stats: apply(left(stats), right(stats))
    if isinstance(node, ast.UnaryOp):
        operand, unary = as_function(node.operand), _OPERATORS[type(node.op)]
        return lambda stats: unary(operand(stats))
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        arguments, function = [as_function(a) for a in node.args], _FUNCTIONS[node.func.id]
        return lambda stats: float(function(*(argument(stats) for argument in arguments)))
    raise ValueError("unsupported formula")


@rule_type
class MetricRule(Rule):
    kind = "metric"
    PLACEHOLDERS = frozenset({"value", "threshold", "words"})
    TYPE_FIELDS = {"formula": str, "condition": str, "unit": str, "min_words": int, "median_factor": (int, float),
                   "ceiling_above": (int, float), "thresholds": dict, "skip_quoted": bool, "margin_share": (int, float),
                   "margin_shares": dict,
                   "skip_pointers": bool, "as_read": bool}
    LIMITS = {"median_factor": (0.0, 100.0), "margin_share": (0.0, 10.0)}

    def prepare(self, data, path):
        if "formula" not in data or "condition" not in data:
            raise ConfigError("a metric rule needs 'formula' and 'condition'", path, getattr(data, "line", None))
        self.formula = as_function(compile_formula(data["formula"], path, field_line(data, "formula")))
        match = _CONDITION.match(data["condition"])
        if not match:
            raise ConfigError(f"condition {data['condition']!r} must look like '> 8'", path,
                              field_line(data, "condition"))
        self.compare, self.threshold = _COMPARE[match.group(1)], float(match.group(2))
        self.unit = data.get("unit", "document")
        if self.unit not in ("document", "paragraph", "sentence"):
            raise ConfigError("unit must be document, paragraph or sentence", path, field_line(data, "unit"))
        self.min_words = data.get("min_words", 1)
        # a unit must also exceed this many times the document's median unit (news runs long sentences)
        self.median_factor = float(data.get("median_factor", 0))
        self.ceiling_above = data.get("ceiling_above")  # ... but a unit this far over the threshold always counts
        # a sentence or paragraph counts only when it is well above the threshold: this share over it
        # (a 26-word sentence against a limit of 25 is not one an editor would split)
        self.margin_share = float(data.get("margin_share", 0))
        # audience -> its own share ("patients: 0.13": a leaflet's 28-word sentence is fine, a 29-word one is not)
        self.margin_shares = dict(data.get("margin_shares") or {})
        for audience, share in self.margin_shares.items():
            if not isinstance(share, (int, float)) or not 0 <= share <= 10:
                raise ConfigError(f"margin share for '{audience}' must be a number from 0 to 10", path,
                                  field_line(data, "margin_shares"))
        # audience -> the condition's number for that audience instead (null: not checked for it)
        self.thresholds = dict(data.get("thresholds") or {})
        for audience, number in self.thresholds.items():
            if number is not None and not isinstance(number, (int, float)):
                raise ConfigError(f"threshold for '{audience}' must be a number or null (off)", path,
                                  field_line(data, "thresholds"))
        self.skip_quoted = data.get("skip_quoted", False)  # a quotation is not the writer's to shorten
        self.skip_pointers = data.get("skip_pointers", False)  # a sentence that says where to read more
        # a sentence over the limit is counted again as read (textstats.as_read): asides, quotations and
        # a leading label left out; it is reported only if it is still over
        self.as_read = data.get("as_read", False)

    def _message(self, value: float, stats: TextStats, threshold: float) -> str:
        return self.render(value=f"{value:.1f}", threshold=f"{threshold:g}", words=stats.words)

    def check(self, document):
        blocks = document.blocks
        threshold = self.thresholds.get(document.audience, self.threshold)
        if threshold is None:
            return  # not checked for this audience
        if self.unit == "document":
            stats = combined([part for block in blocks for part in sentence_stats(document, block)])
            value = self.formula(stats)
            if stats.words >= self.min_words and self.compare(value, threshold):
                yield self.finding(self._message(value, stats, threshold), value=round(value, 2))
            return
        measured = []
        for block in blocks:
            per_sentence = sentence_stats(document, block)
            if self.unit == "paragraph":
                units = [(0, len(block.text), combined(per_sentence))]
            else:
                units = [(s.start, s.end, counts) for s, counts in zip(block.sentences, per_sentence)]
            measured += [(block, start, end, stats, self.formula(stats))
                         for start, end, stats in units]
        floor = relative_limit(threshold, [value for *_, value in measured], self.median_factor, self.ceiling_above)
        limit = threshold * (1 + float(self.margin_shares.get(document.audience, self.margin_share)))
        for block, start, end, stats, value in measured:
            if stats.words < self.min_words or not self.compare(value, limit):
                continue
            if self.median_factor and value <= floor:
                continue
            if self.skip_quoted and inside_quotation(block.text, start + 1):
                continue
            if self.skip_pointers and self.unit == "sentence" and is_pointer(block.text[start:end]):
                continue
            if self.as_read and self.unit == "sentence" and \
                    not self.compare(self.formula(as_read(block.text[start:end])), limit):
                continue  # long only for an aside in brackets, a quotation or a label
            source_start, source_end = block.to_source(start, end)
            yield self.finding(self._message(value, stats, threshold), source_start, source_end, value=round(value, 2))
