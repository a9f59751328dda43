"""What every reporter is given: the run's rules and options."""

from __future__ import annotations

from dataclasses import dataclass
from typing import IO, Protocol

from checker import __version__
from checker.finding import Finding, Position, Severity
from checker.results import FileResult, Summary, threshold_severity


class Reporter(Protocol):
    """A report format: built with (stream, context), fed results as files are checked."""

    def __init__(self, stream: IO[str], context: "ReportContext") -> None: ...
    def start(self) -> None: ...
    def file(self, result: FileResult) -> None: ...
    def finish(self, summary: Summary) -> None: ...


@dataclass
class ReportContext:
    rules: list  # the Rule objects in force
    color: bool = False
    quiet: bool = False
    fail_on: str = "error"  # the gate's threshold (or "never"), for formats that show pass/fail
    tool_version: str = __version__

    def failing(self, severity: Severity) -> bool:
        """Does a finding of this severity fail the gate?"""
        lowest = threshold_severity(self.fail_on)
        return lowest is not None and severity >= lowest


def group_findings(findings: list[Finding]) -> list[list[Finding]]:
    """Findings of one rule that say the same thing about the same other mentions, as one group.

    `mixed-apostrophes` six times with the same three "see" lines reads as one
    finding with six places in a report for people (text, HTML); machine
    formats keep each. Groups come in the order of their first finding.
    """
    groups: dict[tuple, list[Finding]] = {}
    for i, f in enumerate(findings):
        # only findings that point at the same other mentions are one fault seen in several places;
        # two doubled words are two faults, however alike their messages
        key = (f.rule_id, f.message, f.suggestion, tuple((r.position.start, r.position.end) for r in f.related)) if f.related else (i,)
        groups.setdefault(key, []).append(f)
    return list(groups.values())


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
        "related": [{**position_dict(r.position), "label": r.label, **({"path": r.path} if r.path else {})} for r in f.related],
        "fingerprint": f.fingerprint,
        "fixes": [{"start": x.start, "end": x.end, "replacement": x.replacement, "safe": x.safe} for x in f.fixes],
    }
