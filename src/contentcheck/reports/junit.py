"""JUnit XML: one testsuite per file, one failing testcase per finding, one error per unreadable file."""

from __future__ import annotations

from ..registry import report_format
from ..report import Report
from .escaping import xml


@report_format("junit")
def format_junit(report: Report, **_: object) -> str:
    import xml.etree.ElementTree as ET  # only when JUnit is asked for

    tally = report.tally()
    suites = ET.Element("testsuites", name="contentcheck", tests=str(max(tally.findings, 1)),
                        failures=str(tally.findings), errors=str(tally.failed_files))
    for result in report.files:
        suite = ET.SubElement(suites, "testsuite", name=xml(result.path), tests=str(max(len(result.findings), 1)),
                              failures=str(len(result.findings)), errors="1" if result.error else "0")
        if result.error:
            case = ET.SubElement(suite, "testcase", name="read", classname=xml(result.path))
            ET.SubElement(case, "error", message=xml(result.error), type="input-error")
            continue
        if not result.findings:
            ET.SubElement(suite, "testcase", name="contentcheck", classname=xml(result.path))
        for f in result.findings:
            case = ET.SubElement(suite, "testcase", name=xml(f"{f.rule} at {f.line}:{f.column}"),
                                 classname=xml(result.path))
            failure = ET.SubElement(case, "failure", message=xml(f.message), type=f.severity)
            failure.text = xml(f"{result.path}:{f.line}:{f.column}: {f.rule} [{f.severity}] {f.message}"
                              + (f"\nSuggestion: {f.suggestion}" if f.suggestion else "")
                              + (f"\nText: {f.text}" if f.text else ""))
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
