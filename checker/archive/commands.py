"""What `checker batch` and `checker names learn` do, behind their thin click commands.

Paths in the options are made absolute and the config file is found here,
on the client, so every worker (local or remote, whatever its working folder)
builds the rule set the client would.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import click

from checker.api import Checker, Options
from checker.archive import MissingExtra, require
from checker.config import ConfigError, find_config
from checker.results import EXIT_ERROR, EXIT_INTERNAL, exit_code


def _absolute(options: Options) -> Options:
    config = options.config
    if config is None and options.discover_config:
        found = find_config(Path.cwd())
        config = str(found) if found else None
    resolve = lambda p: str(Path(p).resolve()) if p else p  # noqa: E731
    return replace(options, config=resolve(config), discover_config=False, names=resolve(options.names),
                   rules=tuple(resolve(r) for r in options.rules))


def _start(options: Options) -> tuple[Options, Checker]:
    """Check the extra, the config and the rule files on the client, before any cluster starts."""
    try:
        require()
        options = _absolute(options)
        checker = Checker(options)
    except (MissingExtra, ConfigError) as exc:
        raise click.ClickException(str(exc)) from None
    for problem in checker.problems:
        click.echo(f"checker: error: {problem}", err=True)
    return options, checker


def _house(path: str | None) -> list[dict]:
    if not path:
        return []
    from checker.kinds.base import RuleError
    from checker.kinds.name_authority import read_authority

    try:
        return read_authority(Path(path))
    except RuleError as exc:
        raise click.ClickException(str(exc)) from None


def _internal(exc: Exception, output: str | None) -> int:
    again = "; finished partitions are kept: rerun with --resume" if output else ""
    click.echo(f"checker: internal error: {type(exc).__name__}: {exc}{again}", err=True)
    return EXIT_INTERNAL


def batch(input_path: str, output: str, options: Options, workers: int, scheduler: str | None, resume: bool,
          partition_size: int, cross_story: bool) -> int:
    options, checker = _start(options)
    from checker.archive.job import run_batch, summary_of
    from checker.archive.names import NoNameRule
    from checker.archive.readers import ArchiveError

    try:
        totals = run_batch(Path(input_path), Path(output), options, workers, scheduler, resume, partition_size,
                           cross_story, _house(options.names))
    except (ArchiveError, NoNameRule, ValueError, OSError) as exc:
        raise click.ClickException(str(exc)) from None
    except Exception as exc:  # a partition that failed on every retry (KilledWorker), a lost scheduler
        return _internal(exc, output)
    summary = summary_of(totals)
    by = ", ".join(f"{n} {sev}{'s' * (n != 1)}" for sev, n in summary.by_severity.items() if n)
    failed = f"; {summary.rule_failures} rule failures (error rows)" if summary.rule_failures else ""
    click.echo(f"checker: {summary.files} stories checked, {summary.errors} could not be{failed}; {summary.findings} findings"
               f"{f' ({by})' if by else ''}" + (f", {totals['cross_story_findings']} cross-story" if cross_story else "")
               + f" in {totals['partitions']} partitions ({totals['resumed']} resumed), {totals['seconds']:.1f} s,"
               f" {totals['stories_per_second']:.0f} stories/s -> {output}", err=True)
    return exit_code(summary, checker.threshold, problems=bool(checker.problems))


def names_learn(archive: str, output: str, options: Options, workers: int, scheduler: str | None,
                partition_size: int, house: str | None) -> int:
    options, checker = _start(options)
    from checker.archive.job import learn_names
    from checker.archive.names import NoNameRule, write_authority
    from checker.archive.readers import ArchiveError

    try:
        entries, totals = learn_names(Path(archive), options, workers, scheduler, partition_size,
                                      _house(house))
    except (ArchiveError, NoNameRule, OSError) as exc:
        raise click.ClickException(str(exc)) from None
    except Exception as exc:
        return _internal(exc, None)
    write_authority(Path(output), entries, archive)
    click.echo(f"checker: {totals['stories']} stories, {totals['errors']} could not be read, "
               f"{totals['distinct_spellings']} distinct name spellings, "
               f"{len(entries)} names spelled more than one way -> {output}", err=True)
    return EXIT_ERROR if checker.problems or totals["errors"] else 0
