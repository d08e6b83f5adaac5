"""`contentcheck rules --explain ID`: a rule's page, in the shape ruff uses for its rules."""

from __future__ import annotations

from difflib import get_close_matches

from .errors import ContentcheckError
from .rule import Rule


def explain(rule_id: str, rules: list[Rule]) -> str:
    by_id = {r.id: r for r in rules}
    rule = by_id.get(rule_id)
    if rule is None:
        hint = get_close_matches(rule_id, list(by_id), n=1)
        raise ContentcheckError(f"unknown rule '{rule_id}'" + (f"; did you mean '{hint[0]}'?" if hint else ""))
    lines = [f"# {rule.id}", "",
             f"Category: {rule.category}   Default severity: {rule.severity}   Pack: {rule.pack}   Type: {rule.kind}"]
    if rule.source:
        lines.append(f"Defined in: {rule.source}")
    lines += ["", "## What it does", rule.description or rule.message]
    if rule.why:
        lines += ["", "## Why it matters", rule.why]
    if rule.example:
        lines += ["", "## Example", *("    " + line for line in rule.example.rstrip().splitlines())]
    if rule.better:
        lines += ["", "## Use instead", *("    " + line for line in rule.better.rstrip().splitlines())]
    if rule.link:
        lines += ["", f"More: {rule.link}"]
    return "\n".join(lines) + "\n"
