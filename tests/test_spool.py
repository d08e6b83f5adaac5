"""Spooled results (what the CLI keeps per file on disk) read back as the list they stand for."""

from contentcheck.finding import Finding
from contentcheck.report import FileResult
from contentcheck.spool import PickledResult, SpooledResults


def finding(start: int, rule: str = "duplicates.cross-file") -> Finding:
    return Finding(rule, "duplicate", "warning", "copied", start, start + 4)


def test_findings_added_after_spooling_are_merged_in_position_order_until_the_result_is_replaced():
    results = SpooledResults()
    results.append(FileResult("a.md", findings=[finding(10, "promotional.superlatives")]))
    results.append(PickledResult(FileResult("b.md", findings=[finding(3, "promotional.superlatives")])))
    results.add_findings(1, [finding(20)])
    results.add_findings(-1, [finding(0)])  # a second addition keeps the first
    assert [(f.start, f.rule) for f in results[1].findings] == [
        (0, "duplicates.cross-file"), (3, "promotional.superlatives"), (20, "duplicates.cross-file")]
    assert [r.path for r in results] == ["a.md", "b.md"] and len(results[0].findings) == 1
    edited = results[1]
    edited.findings = edited.findings[1:]  # what a baseline does: drop some, write the rest back
    results[1] = edited
    assert [f.start for f in results[1].findings] == [3, 20]  # the added findings are not merged twice
