"""`github`: GitHub Actions workflow commands, shown as annotations on the pull request's lines.

    ::error file=story.txt,line=3,col=1,endLine=3,endColumn=8,title=wire.duplicate-words::'The' is repeated...

Values are escaped as the runner expects (`%`, CR and LF everywhere; `:` and
`,` in properties too), so a message quoting copy cannot break the command.
"""

from __future__ import annotations

from checker.finding import Severity
from checker.reporters.base import ReportContext

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


class Reporter:
    def __init__(self, stream, context: ReportContext):
        self.out = stream
        self.context = context

    def start(self) -> None:
        pass

    def file(self, result) -> None:
        if result.error:
            self.out.write(f"::error file={_prop(result.path)},title=checker::{_data(result.error)}\n")
            return
        for failure in result.failures:  # a rule that could not finish on this story
            self.out.write(f"::error file={_prop(result.path)},title={_prop(failure.rule_id)}::"
                           f"{_data(failure.sentence)}\n")
        for f in result.findings:
            p = f.position
            props = (
                f"file={_prop(result.path)},line={p.line},col={p.column},"
                f"endLine={p.end_line},endColumn={p.end_column},title={_prop(f.rule_id)}"
            )
            self.out.write(f"::{LEVELS[f.severity]} {props}::{_data(f.message)}\n")

    def finish(self, summary) -> None:
        pass
