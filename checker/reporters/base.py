"""What every reporter is given: the run's rules and options."""

from __future__ import annotations

from dataclasses import dataclass, field

from checker import __version__
from checker.finding import Finding, Position


@dataclass
class ReportContext:
    rules: list  # the Rule objects in force
    color: bool = False
    quiet: bool = False
    fail_on: str = "error"  # the gate's threshold (or "never"), for formats that show pass/fail
    tool_version: str = __version__
    extra: dict = field(default_factory=dict)


def position_dict(p: Position) -> dict:
    return {
        "start": p.start,
        "end": p.end,
        "line": p.line,
        "column": p.column,
        "end_line": p.end_line,
        "end_column": p.end_column,
        "text": p.text,
    }


def finding_dict(f: Finding) -> dict:
    """The JSON shape of one finding (documented in docs/json-report.md)."""
    return {
        "rule": f.rule_id,
        "severity": str(f.severity),
        "message": f.message,
        "issue_type": f.issue_type,
        "category": f.category,
        **position_dict(f.position),
        "replacements": list(f.replacements),
        "related": [{**position_dict(r.position), "label": r.label} for r in f.related],
        "fingerprint": f.fingerprint,
        "fixes": [{"start": x.start, "end": x.end, "replacement": x.replacement, "safe": x.safe} for x in f.fixes],
    }
