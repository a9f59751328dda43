"""The library core every face calls: load the rules once, check texts or paths, report, gate.

The CLI, `checker fix`, `checker eval`, the server and cluster workers all go
through `Checker`; none of them reads, decodes or checks a story its own way.

    from checker.api import Checker, Options
    checker = Checker(Options(select=("wire",)))
    result = checker.check_text("The the copy.", path="story.txt")
    for finding in result.findings:
        print(finding.rule_id, finding.position.line, finding.message)
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO

from checker.config import Config, find_config, load_config
from checker.document import Document
from checker.engine import RuleSet, build_ruleset
from checker.formats import FORMATS
from checker.inputs import DEFAULT_SOURCE_PATTERNS
from checker.results import THRESHOLDS, FileResult, Summary, exit_code
from checker.rules import Rule
from checker.run import check_paths, check_story
from checker.safety import MAX_BYTES, refuse_input_as_output
from checker.suppress import Suppressor


@dataclass(frozen=True)
class Options:
    """What a run is asked to do; hashable and picklable, so workers can rebuild the same rule set."""

    config: str | None = None  # config file; None: checker.yaml / [tool.checker] found upwards from the working folder
    discover_config: bool = True  # False: no config unless `config` names one (a server's default)
    rules: tuple[str, ...] = ()  # extra rule files or folders
    select: tuple[str, ...] = ()  # rule ids or prefixes; empty: the config's, else all
    ignore: tuple[str, ...] = ()
    enable: tuple[str, ...] = ()  # rules off by default to run too: ids or prefixes (added to the config's)
    names: str | None = None  # house name authority file
    encoding: str | None = None  # read inputs in this encoding instead of UTF-8
    fail_on: str | None = None  # the gate's threshold; None: the config's, else "error"
    baseline: str | None = None
    write_baseline: str | None = None
    jobs: int = 1
    max_bytes: int | None = None  # largest story to check; None: the config's, else checker.safety.MAX_BYTES
    regex_budget: float | None = None  # seconds of rule-file regex time per MB of story (0: no limit); None: config's or 5
    input_format: str = "auto"  # how stories are read: auto, text, markdown, html, nitf, newsml, ninjs (checker.formats)
    source: str | None = None  # the Chinese original of the one story checked (`--source FILE`)
    source_patterns: tuple[str, ...] | None = None  # where originals lie beside stories; None: the config's, else {stem}.zh.txt
    glossary: str | None = None  # house glossary zh -> en, CSV or TBX (bilingual.glossary)

    def __post_init__(self) -> None:
        if self.fail_on is not None and self.fail_on not in THRESHOLDS:
            raise ValueError(f"fail_on must be one of {', '.join(THRESHOLDS)}, not {self.fail_on!r}")
        if self.input_format not in FORMATS:
            raise ValueError(f"input_format must be one of {', '.join(FORMATS)}, not {self.input_format!r}")


def _split(values: Iterable[str]) -> list[str]:
    """`--select a,b --select c` and ("a", "b, c") alike: one list of ids."""
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def config_for(options: Options) -> Config:
    """The config file in force (raises checker.config.ConfigError for a bad one)."""
    if options.config:
        return load_config(Path(options.config))
    return load_config(find_config(Path.cwd()) if options.discover_config else None)


def with_config_found(options: Options) -> Options:
    """The options naming the config file that discovery finds from here, so that they, and the rule set
    memoised on them, mean one thing wherever the working folder later is (a server, a test, a worker)."""
    if options.config or not options.discover_config:
        return options
    found = find_config(Path.cwd())
    return replace(options, config=str(found) if found else None, discover_config=False)


@functools.lru_cache(maxsize=8)
def load_ruleset(options: Options) -> RuleSet:
    """The rule set for these options, built once per process (and inherited by forked workers)."""
    config = config_for(options)
    return build_ruleset(config, [Path(r) for r in options.rules], _split(options.select), _split(options.ignore),
                         Path(options.names) if options.names else None, Path(options.glossary) if options.glossary else None,
                         _split(options.enable))


def rules_for(options: Options) -> list[Rule]:
    return load_ruleset(options).rules


class Checker:
    """A loaded rule set and the options of a run: build once, check many stories."""

    def __init__(self, options: Options = Options()):
        options = with_config_found(options)
        self.options = options
        self.config = config_for(options)
        self.ruleset = load_ruleset(options)
        self.threshold = options.fail_on or self.config.fail_on or "error"
        self.max_bytes = options.max_bytes or self.config.max_bytes or MAX_BYTES
        budget = options.regex_budget if options.regex_budget is not None else self.ruleset.regex_budget
        self.regex_budget = budget or None

    @property
    def rules(self) -> list[Rule]:
        return self.ruleset.rules

    @property
    def problems(self) -> list:
        """Rule-file problems met while loading (each names file, line and rule id)."""
        return self.ruleset.problems

    def suppressor(self) -> Suppressor:
        return Suppressor.from_options(self.config, self.options.baseline, self.options.write_baseline,
                                       [r.id for r in self.rules])

    def check_text(self, text: str, path: str = "<text>", input_format: str | None = None, source: str | None = None,
                   source_path: str = "<source>") -> FileResult:
        """One story given as text; the config's accepted findings are dropped.

        `input_format` (default: the options') says how to read it; a story that cannot be read in
        its format raises checker.formats.FormatError, whose message names `path` and the place.
        `source` is the story's Chinese original, held against it by the bilingual rules.
        """
        result = self._check_text(text, path, input_format, source, source_path)
        if not self.config.accept:
            return result
        return replace(result, findings=self.accepted_filter()(path, result.findings))

    def lint_text(self, text: str, path: str = "<text>", input_format: str | None = None, source: str | None = None,
                  source_path: str = "<source>") -> tuple[FileResult, Summary]:
        """One story as `lint` reports it: accepted findings dropped and counted, unused accept entries listed."""
        result = self._check_text(text, path, input_format, source, source_path)
        summary = Summary()
        if not self.config.accept:
            summary.add(result)
            return result, summary
        suppressor = Suppressor.from_options(self.config, None, None, [r.id for r in self.rules])
        result = next(suppressor.apply([result]))
        summary.add(result)
        suppressor.finish(summary)
        return result, summary

    def _check_text(self, text: str, path: str, input_format: str | None, source: str | None, source_path: str) -> FileResult:
        original = Document(source, source_path) if source is not None else None
        return check_story(text, path, self.rules, input_format or self.options.input_format, original, self.regex_budget)

    def accepted_filter(self) -> Callable[[str, list], list]:
        """Drops findings the config accepts (never baselines): what `fix` and `check_text` honour."""
        return Suppressor.from_options(self.config, None, None, [r.id for r in self.rules]).filter

    def check_paths(self, paths: list[str]) -> Iterator[FileResult]:
        """Files, folders and `-`, in order, without suppression (see `lint`)."""
        patterns = self.options.source_patterns
        if patterns is None:
            patterns = tuple(self.config.source_patterns) if self.config.source_patterns is not None else DEFAULT_SOURCE_PATTERNS
        return check_paths(list(paths), functools.partial(rules_for, self.options), self.options.encoding, self.options.jobs,
                           self.options.input_format, patterns, self.options.source, self.max_bytes, self.regex_budget)

    def lint(self, paths: list[str], reporter=None, on_result: Callable[[FileResult], None] | None = None,
             on_note: Callable[[str], None] | None = None) -> Summary:
        """Check paths with the accept list and baseline applied, feeding a reporter; returns the summary.

        `on_result` sees each result before the reporter (the CLI prints input
        errors and advances its progress line); `on_note` gets the closing
        notes (unused suppressions, the baseline written).
        Raises checker.suppress.SuppressionError for an unreadable or unwritable baseline,
        checker.safety.CheckerError for a baseline to write that is one of the inputs.
        """
        refuse_input_as_output(self.options.write_baseline, list(paths), "baseline file")
        suppressor = self.suppressor()
        summary = Summary()
        if reporter is not None:
            reporter.start()
        for result in suppressor.apply(self.check_paths(paths)):
            if on_result is not None:
                on_result(result)
            summary.add(result)
            if reporter is not None:
                reporter.file(result)
        for note in suppressor.finish(summary):
            if on_note is not None:
                on_note(note)
        if reporter is not None:
            reporter.finish(summary)
        return summary

    def exit_code(self, summary: Summary) -> int:
        """0 clean, 1 findings at or above the threshold, 2 a bad input, rule file or regex budget, 3 an internal error."""
        return exit_code(summary, self.threshold, problems=bool(self.problems))


def make_reporter(fmt: str, stream: IO[str], checker: Checker, color: bool = False, quiet: bool = False):
    """A reporter of format `fmt` writing to `stream`, told the run's rules and threshold."""
    from checker.reporters import REPORTERS
    from checker.reporters.base import ReportContext

    return REPORTERS[fmt](stream, ReportContext(rules=checker.rules, color=color, quiet=quiet, fail_on=checker.threshold))
