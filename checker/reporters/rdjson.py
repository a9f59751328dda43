"""`rdjson`: reviewdog's diagnostic format, for review comments with suggested changes.

reviewdog counts columns in UTF-8 bytes (its proto says so), unlike our
code-point offsets: a line holding Chinese shifts every column after it,
so columns are converted here from the story text.
"""

from __future__ import annotations

import json

from checker.lines import line_col
from checker.results import FileResult
from checker.finding import Severity
from checker.reporters.base import ReportContext

SEVERITIES = {s: str(s).upper() for s in Severity}


def _position(result: FileResult, offset: int) -> dict:
    """reviewdog counts columns in UTF-8 bytes."""
    starts, text = result.line_starts or [0], result.text or ""
    line, _ = line_col(starts, offset)
    return {"line": line, "column": len(text[starts[line - 1]:offset].encode("utf-8")) + 1}


def _range(result: FileResult, start: int, end: int) -> dict:
    return {"start": _position(result, start), "end": _position(result, end)}


class Reporter:
    def __init__(self, stream, context: ReportContext):
        self.out = stream
        self.context = context
        self.diagnostics: list[dict] = []

    def start(self) -> None:
        pass

    def file(self, result) -> None:
        if result.error:
            return  # reported on stderr
        for f in result.findings:
            diagnostic = {
                "message": f.message,
                "location": {"path": result.path, "range": _range(result, f.start, f.end)},
                "severity": SEVERITIES[f.severity],
                "code": {"value": f.rule_id},
            }
            if f.fixes:
                diagnostic["suggestions"] = [{"range": _range(result, x.start, x.end), "text": x.replacement} for x in f.fixes]
            self.diagnostics.append(diagnostic)

    def finish(self, summary) -> None:
        out = {"source": {"name": "checker"}, "diagnostics": self.diagnostics}
        self.out.write(json.dumps(out, ensure_ascii=False, indent=2) + "\n")
