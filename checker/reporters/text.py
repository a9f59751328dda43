"""`text`: the editor's report, readable in a terminal and in a CI log.

    path:line:col: severity rule-id message
       12 | ...the State-owned State-owned State-owned Enterprises...
          |        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
          = suggestion: State-owned
          = see 3:40 "Laba Dolma"

Long wire paragraphs are shown as a window around the span.
"""

from __future__ import annotations

import unicodedata

import click

from checker.lines import line_text
from checker.finding import Severity
from checker.reporters.base import ReportContext, group_findings
from checker.results import FileResult
from checker.safety import terminal_safe as safe  # escape sequences in copy or file names must not reach the terminal

COLORS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}
WINDOW = 50  # characters of context either side of a span


class Reporter:
    def __init__(self, stream, context: ReportContext):
        self.out = stream
        self.context = context

    def _style(self, text: str, **kw) -> str:
        return click.style(text, **kw) if self.context.color else text

    def _echo(self, line: str = "") -> None:
        self.out.write(line + "\n")

    def start(self) -> None:
        pass

    def file(self, result) -> None:
        if result.error:
            return  # input errors go to stderr from the CLI
        if self.context.quiet:  # one line a finding, each on its own
            for f in result.findings:
                self._echo(self._head(result.path, f))
            return
        for group in group_findings(result.findings):
            f = group[0]
            p = f.position
            more = f" ({len(group)} places)" if len(group) > 1 else ""
            self._echo(self._head(result.path, f) + more)
            self._snippet(result, p.line, p.start, p.end, COLORS[f.severity])
            if len(group) > 1:
                self._echo("      = also at " + ", ".join(f"{g.position.line}:{g.position.column}" for g in group[1:]))
            if f.suggestion and f.suggestion != p.text:
                self._echo(f"      = suggestion: {safe(f.suggestion)}")
            for r in f.related:
                label = f" ({r.label})" if r.label and r.label != r.position.text else ""
                shown = f" \"{safe(_one_line(r.position.text))}\"" if r.position.text else ""
                where = f"{safe(r.path)}:" if r.path else ""  # a span of the Chinese original
                self._echo(f"      = see {where}{r.position.line}:{r.position.column}{shown}{safe(label)}")

    def _head(self, path: str, f) -> str:
        p = f.position
        sev = str(f.severity)
        return (
            f"{self._style(f'{safe(path)}:{p.line}:{p.column}:', bold=True)} "
            f"{self._style(sev, fg=COLORS[f.severity], bold=True)} {self._style(f.rule_id, dim=True)} {safe(f.message)}"
        )

    def _snippet(self, result: FileResult, line: int, start: int, end: int, color: str) -> None:
        starts = result.line_starts or [0]
        text = line_text(result.text or "", starts, line)
        line_start = starts[line - 1]
        col, col_end = start - line_start, min(end - line_start, len(text))
        col_end = min(col_end, col + 2 * WINDOW)  # a span as long as a paragraph: show its start
        lo, hi = max(0, col - WINDOW), min(len(text), col_end + WINDOW)
        prefix = "…" if lo > 0 else ""
        suffix = "…" if hi < len(text) else ""
        shown = prefix + safe(text[lo:hi]) + suffix
        pad = _width(prefix + safe(text[lo:col]))
        marks = "^" * max(1, _width(safe(text[col:col_end])))
        gutter = f"{line:>6} | "
        self._echo(gutter + shown.replace("\t", " "))
        self._echo(" " * (len(gutter) - 2) + "| " + " " * pad + self._style(marks, fg=color, bold=True))

    def finish(self, summary) -> None:
        if self.context.quiet:
            return
        counts = summary.by_severity
        parts = [f"{counts['error']} error{'s' * (counts['error'] != 1)}",
                 f"{counts['warning']} warning{'s' * (counts['warning'] != 1)}",
                 f"{counts['info']} info"]
        line = f"{summary.findings} finding{'s' * (summary.findings != 1)} ({', '.join(parts)}) in {summary.files} file{'s' * (summary.files != 1)}"
        if summary.accepted or summary.baselined:
            line += f"; {summary.accepted} accepted, {summary.baselined} in the baseline, not shown"
        if summary.errors:
            line += f"; {summary.errors} input{'s' * (summary.errors != 1)} could not be checked"
        if summary.rule_failures:  # never "clean" when a rule did not run to the end
            line += f"; {summary.rule_failures} rule run{'s' * (summary.rule_failures != 1)} could not finish (see the errors)"
        self._echo(("\n" if summary.findings else "") + self._style(line, bold=True))


def _width(s: str) -> int:
    """Terminal columns: wide (CJK, full-width) characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 0 if unicodedata.combining(ch) else 1 for ch in s)


def _one_line(s: str) -> str:
    s = " ".join(s.split())
    return s if len(s) <= 60 else s[:57] + "…"
