"""`gitlab`: GitLab Code Quality JSON (a Code Climate subset), for merge-request widgets.

GitLab compares reports between branches by `fingerprint`, so each issue's
fingerprint is the finding's own (rule, text, surrounding words) tied to its
file: an edit above a finding does not make it look new.
"""

from __future__ import annotations

import json
from pathlib import PurePath

from checker.fingerprint import for_report
from checker.finding import Severity
from checker.reporters.base import ReportContext

SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


class Reporter:
    def __init__(self, stream, context: ReportContext):
        self.out = stream
        self.context = context
        self.first = True

    def start(self) -> None:
        self.out.write("[")

    def file(self, result) -> None:
        if result.error:
            return  # not a code-quality issue; reported on stderr
        path = PurePath(result.path).as_posix()
        for f in result.findings:
            issue = {
                "check_name": f.rule_id,
                "description": f.message,
                "severity": SEVERITIES[f.severity],
                "fingerprint": for_report(path, f.fingerprint),
                "location": {"path": path, "lines": {"begin": f.position.line, "end": f.position.end_line}},
            }
            self.out.write(("\n  " if self.first else ",\n  ") + json.dumps(issue, ensure_ascii=False))
            self.first = False

    def finish(self, summary) -> None:
        self.out.write("]\n" if self.first else "\n]\n")
