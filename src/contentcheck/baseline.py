"""Baselines: record today's findings, then report only new ones. Findings match by path, rule and
a fingerprint of the flagged text and its line (fingerprints.py), so edits elsewhere keep them matched."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from .errors import ConfigError
from .fingerprints import fingerprints
from .output import write_file_whole
from .report import Report

VERSION = 1


def _key_path(path: str) -> str:
    return Path(path).as_posix()


def write_baseline(report: Report, path: str) -> int:
    entries = sorted(
        {"path": _key_path(r.path), "rule": f.rule, "fingerprint": p, "line": f.line}.items()
        for r in report.files for f, p in zip(r.findings, fingerprints(r)))
    data = {"version": VERSION, "tool": "contentcheck", "findings": [dict(e) for e in entries]}
    write_file_whole(path, [json.dumps(data, indent=1) + "\n"])
    return len(entries)


def load_baseline(path: str) -> Counter:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"cannot read baseline: {exc.strerror}", path) from None
    except json.JSONDecodeError as exc:
        raise ConfigError(f"baseline is not valid JSON: {exc.msg}", path, exc.lineno) from None
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("findings"), list):
        raise ConfigError(f"not a contentcheck baseline (version {VERSION})", path)
    return Counter((e["path"], e["rule"], e["fingerprint"]) for e in data["findings"])


def drop_baselined(report: Report, baseline: Counter) -> int:
    """Remove findings recorded in the baseline (each entry matches once); return how many were dropped."""
    remaining = Counter(baseline)
    dropped = 0
    for index, result in enumerate(report.files):
        kept = []
        for finding, print_ in zip(result.findings, fingerprints(result)):
            key = (_key_path(result.path), finding.rule, print_)
            if remaining[key] > 0:
                remaining[key] -= 1
                dropped += 1
            else:
                kept.append(finding)
        if len(kept) != len(result.findings):
            result.findings = kept
            report.files[index] = result
    return dropped
