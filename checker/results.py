"""The report's data model: one story's result and the run's summary, plus the exit gate.

Every face (CLI, server, cluster worker, evaluation) produces these and every
reporter reads only these; nothing here knows about processes or click.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from checker.finding import Finding, Severity

THRESHOLDS = ("error", "warning", "info", "never")  # the gate's choices, strongest first
EXIT_OK, EXIT_FINDINGS, EXIT_ERROR, EXIT_INTERNAL = 0, 1, 2, 3


@dataclass
class FileResult:
    path: str
    text: str | None = None
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None
    words: int = 0
    line_starts: list[int] | None = None  # offsets where each line begins, for reporters that show lines
    failures: list = field(default_factory=list)  # rules that could not finish on this story (checker.engine.RuleFailure)
    # With a Chinese original (bilingual checking): its path and text, and the aligned
    # (target start, target end, source start, source end) segments, for side-by-side reports.
    source_path: str | None = None
    source_text: str | None = None
    alignment: list[tuple[int, int, int, int]] | None = None


def empty_counts() -> dict[str, int]:
    return {str(s): 0 for s in sorted(Severity, reverse=True)}


@dataclass
class Summary:
    files: int = 0
    errors: int = 0  # inputs that could not be checked
    words: int = 0
    by_severity: dict[str, int] = field(default_factory=empty_counts)
    accepted: int = 0  # findings dropped by the config's accept list (checker.suppress)
    baselined: int = 0  # findings dropped by, or recorded in, a baseline
    unused_suppressions: list[dict] = field(default_factory=list)
    rule_failures: int = 0  # (story, rule) pairs that could not finish: a regex out of time, a rule's bug
    internal_errors: int = 0  # of those, bugs (exit 3)

    def add(self, result: FileResult) -> None:
        self.rule_failures += len(result.failures)
        self.internal_errors += sum(f.internal for f in result.failures)
        if result.error:
            self.errors += 1
            return
        self.files += 1
        self.words += result.words
        for f in result.findings:
            self.by_severity[str(f.severity)] += 1

    @property
    def findings(self) -> int:
        return sum(self.by_severity.values())

    def worst(self) -> Severity | None:
        for sev in sorted(Severity, reverse=True):
            if self.by_severity[str(sev)]:
                return sev
        return None


def threshold_severity(threshold: str) -> Severity | None:
    """The lowest severity that fails the gate, or None for `never`."""
    return None if threshold == "never" else Severity.parse(threshold)


def fails(summary: Summary, threshold: str) -> bool:
    """The gate: is there a finding at or above the threshold?"""
    lowest = threshold_severity(threshold)
    worst = summary.worst()
    return lowest is not None and worst is not None and worst >= lowest


def exit_code(summary: Summary, threshold: str, problems: bool = False) -> int:
    """0 clean, 1 findings at or above the threshold, 2 when a rule file, an input or a rule's regex budget
    failed, 3 when the checker itself failed (a rule raised): a crash is never reported as findings."""
    if summary.internal_errors:
        return EXIT_INTERNAL
    if problems or summary.errors or summary.rule_failures:
        return EXIT_ERROR
    return EXIT_FINDINGS if fails(summary, threshold) else EXIT_OK
