"""SARIF 2.1.0 for GitHub code scanning: rules with help text, results with regions, stable
partialFingerprints, and a notification for each file that could not be checked."""

from __future__ import annotations

import json

from ..fingerprints import fingerprints
from ..registry import report_format
from ..report import Report
from ..version import __version__

LEVELS = {"error": "error", "warning": "warning", "info": "note"}
SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"


def _rule_descriptor(rule_id: str, rule) -> dict:
    if rule is None:
        return {"id": rule_id, "shortDescription": {"text": rule_id}}
    help_text = "\n\n".join(part for part in (rule.description, rule.why and f"Why: {rule.why}",
                                               rule.example and f"Example: {rule.example}",
                                               rule.better and f"Use instead: {rule.better}") if part)
    descriptor = {
        "id": rule.id,
        "name": rule.id.split(".")[-1].replace("-", " ").title().replace(" ", ""),
        "shortDescription": {"text": (rule.description or rule.message).strip().split("\n")[0][:200]},
        "fullDescription": {"text": (rule.description or rule.message).strip()},
        "help": {"text": help_text or rule.message},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"category": rule.category, "pack": rule.pack, "tags": [rule.category]},
    }
    if rule.link:
        descriptor["helpUri"] = rule.link
    return descriptor


@report_format("sarif")
def format_sarif(report: Report, **_: object) -> str:
    rule_ids = sorted({rule for rule, _, _ in report.tally().by_rule})
    index = {rule_id: i for i, rule_id in enumerate(rule_ids)}
    results = []
    for result in report.files:
        uri = result.path.replace("\\", "/")
        for finding, print_ in zip(result.findings, fingerprints(result)):
            region = {"startLine": finding.line, "startColumn": finding.column}
            if finding.span is not None:
                start, end = finding.span
                region.update(endLine=finding.end_line, endColumn=finding.end_column, charOffset=start,
                              charLength=end - start)
            item = {
                "ruleId": finding.rule, "ruleIndex": index[finding.rule], "level": LEVELS[finding.severity],
                "message": {"text": finding.message
                            + (f" Suggestion: {finding.suggestion}" if finding.suggestion else "")},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri},
                                                    "region": region}}],
                "partialFingerprints": {"contentcheckFingerprint/v1": print_},
                "properties": {"category": finding.category},
            }
            if finding.fix:
                item["fixes"] = [{"description": {"text": finding.suggestion or "Apply the fix."},
                                  "artifactChanges": [{"artifactLocation": {"uri": uri},
                                                       "replacements": [{"deletedRegion": {
                                                           "charOffset": finding.fix["start"],
                                                           "charLength": finding.fix["end"] - finding.fix["start"]},
                                                           "insertedContent": {"text": finding.fix["replacement"]}}]}]}]
            results.append(item)
    notifications = [{"level": "error", "message": {"text": r.error}} for r in report.files if r.error]
    notifications += [{"level": "error", "message": {"text": p}} for p in report.problems]
    notifications += [{"level": "note", "message": {"text": n}} for n in report.notes]
    sarif = {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "contentcheck", "version": __version__, "semanticVersion": __version__,
                                "rules": [_rule_descriptor(r, report.rules.get(r)) for r in rule_ids]}},
            "invocations": [{"executionSuccessful": not report.has_errors,
                             "toolExecutionNotifications": notifications}],
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }
    return json.dumps(sarif, indent=2, ensure_ascii=False) + "\n"
