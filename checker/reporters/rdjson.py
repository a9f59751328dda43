"""`rdjson`: reviewdog's diagnostic format, for review comments with suggested changes.

reviewdog counts columns in UTF-8 bytes (its proto says so), unlike our
code-point offsets: a line holding Chinese shifts every column after it,
so columns are converted here from the story text.
"""

from __future__ import annotations

import json

from checker.document import Document
from checker.reporters.base import ReportContext

SEVERITIES = {"error": "ERROR", "warning": "WARNING", "info": "INFO"}


def _position(doc: Document, offset: int) -> dict:
    line, _ = doc.line_col(offset)
    line_start = doc.line_starts[line - 1]
    return {"line": line, "column": len(doc.text[line_start:offset].encode("utf-8")) + 1}


def _range(doc: Document, start: int, end: int) -> dict:
    return {"start": _position(doc, start), "end": _position(doc, end)}


class Reporter:
    def __init__(self, stream, context: ReportContext):
        self.out = stream
        self.context = context
        self.diagnostics = []

    def start(self) -> None:
        pass

    def file(self, result) -> None:
        if result.error:
            return  # reported on stderr
        doc = Document(result.text, result.path)
        for f in result.findings:
            diagnostic = {
                "message": f.message,
                "location": {"path": result.path, "range": _range(doc, f.start, f.end)},
                "severity": SEVERITIES[str(f.severity)],
                "code": {"value": f.rule_id},
            }
            if f.fixes:
                diagnostic["suggestions"] = [{"range": _range(doc, x.start, x.end), "text": x.replacement} for x in f.fixes]
            self.diagnostics.append(diagnostic)

    def finish(self, summary) -> None:
        out = {"source": {"name": "checker"}, "diagnostics": self.diagnostics}
        self.out.write(json.dumps(out, ensure_ascii=False, indent=2) + "\n")
