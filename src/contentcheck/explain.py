"""`contentcheck rules --explain ID`: a rule's page, in the shape ruff uses for its rules."""

from __future__ import annotations

from difflib import get_close_matches

from .errors import ContentcheckError
from .rule import Rule


def explain(rule_id: str, rules: list[Rule], configured: dict[str, str] | None = None) -> str:
    """The page of one rule, or the list of a pack's or category's rules. `configured`: the severity
    the config in force gives each enabled rule (a rule it leaves out is off)."""
    by_id = {r.id: r for r in rules}
    rule = by_id.get(rule_id)
    group = [r for r in rules if rule_id in (r.pack, r.category) and (r.pack != "meta" or rule_id == "meta")]
    if rule is None and group:  # a pack or a category: list its rules
        width = max(len(r.id) for r in group)
        lines = [f"# {rule_id}: {len(group)} rules", ""]
        severity = configured or {}
        lines += [f"{r.id:<{width}}  {severity.get(r.id, r.severity if configured is None else 'off'):<8} "
                  f"{(r.description or r.message).split('. ')[0].strip()}" for r in sorted(group, key=lambda r: r.id)]
        return "\n".join(lines) + "\n\nExplain one: contentcheck rules --explain ID\n"
    if rule is None:
        hint = get_close_matches(rule_id, list(by_id), n=1)
        raise ContentcheckError(f"unknown rule '{rule_id}'" + (f"; did you mean '{hint[0]}'?" if hint else ""))
    lines = [f"# {rule.id}", "",
             f"Category: {rule.category}   Default severity: {rule.severity}   Pack: {rule.pack}   Type: {rule.kind}"]
    if configured is not None and configured.get(rule.id) != rule.severity:
        lines.append(f"Your config: {configured.get(rule.id, 'off')}")
    if rule.source:
        lines.append(f"Defined in: {rule.source}")
    if rule.audiences or rule.genres or rule.genre_severity or rule.public_body_severity:
        where = [f"audiences: {', '.join(rule.audiences)}"] if rule.audiences else []
        where += [f"genres: {', '.join(rule.genres)} (and articles of unknown genre)"] if rule.genres else []
        where += [f"{severity} in {genre}" for genre, severity in rule.genre_severity.items()]
        where += [f"{rule.public_body_severity} on a public health body's page (`public_body:`)"
                  ] if rule.public_body_severity else []
        lines.append("Applies to " + "; ".join(where))
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
