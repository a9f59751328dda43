"""The `checker` command: thin click commands over the engine and the reporters."""

from __future__ import annotations

import os
import sys
from contextlib import ExitStack
from pathlib import Path

from checker.cache import collector_paused

with collector_paused(freeze=True):  # start-up makes what lives for the whole run: none of it is garbage
    import click

    from checker import __version__
    from checker.api import Checker, Options, make_reporter
    from checker.config import ConfigError
    from checker.formats import FORMATS
    from checker.progress import Progress
    from checker.reporters import REPORTERS
    from checker.engine import RuleFailed
    from checker.results import EXIT_ERROR, EXIT_FINDINGS, EXIT_INTERNAL, EXIT_OK, THRESHOLDS
    from checker.rules import load_rules, rule_file_schema
    from checker.safety import (MAX_BYTES, CheckerError, Interrupted, atomic_output, refuse_input_as_output, regex_warnings,
                                terminal_safe)
    from checker.suppress import SuppressionError


def _error(message: str) -> None:
    click.echo(f"checker: error: {terminal_safe(message)}", err=True)


def _checker(config_path: str | None = None, rules=(), select=(), ignore=(), **more) -> Checker:
    """The library's Checker for these options; rule-file problems are printed, a bad config is a usage error."""
    try:
        with collector_paused(freeze=True):  # loading the rules
            checker = Checker(Options(config=config_path, rules=tuple(rules), select=tuple(select), ignore=tuple(ignore), **more))
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from None
    for problem in checker.problems:
        _error(str(problem))
    return checker


def _use_color(no_color: bool, stream) -> bool:
    return not no_color and "NO_COLOR" not in os.environ and hasattr(stream, "isatty") and stream.isatty()


config_option = click.option("--config", "config_path", metavar="FILE", help="Config file (default: checker.yaml or [tool.checker] found upwards).")
rules_option = click.option("--rules", "rule_paths", multiple=True, metavar="PATH", help="Extra rule file or folder (repeatable).")
select_option = click.option("--select", multiple=True, metavar="IDS", help="Only these rule ids or prefixes (comma-separated).")
input_format_option = click.option(
    "--input-format", type=click.Choice(FORMATS), default="auto",
    show_default=True, help="How to read the inputs (auto: by file name, then content).")
ignore_option = click.option("--ignore", multiple=True, metavar="IDS", help="Skip these rule ids or prefixes (comma-separated).")
enable_option = click.option("--enable", multiple=True, metavar="IDS",
                             help="Also run these rules that are off by default: ids or prefixes (comma-separated).")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="checker")
def cli():
    """Consistency and translation-quality checks for wire copy translated into English."""


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(sorted(REPORTERS)), default="text", show_default=True)
@click.option("--fail-on", type=click.Choice(THRESHOLDS), default=None,
              help="Lowest severity that makes the exit code 1  [default: error]")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), help="Write the report to FILE.")
@click.option("--quiet", "-q", is_flag=True, help="Findings only: no context lines, no summary.")
@click.option("--no-color", is_flag=True, help="No colour (also when NO_COLOR is set).")
@click.option("--encoding", metavar="NAME", help="Read inputs in this encoding (e.g. gb18030) instead of UTF-8.")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=1, show_default=True, help="Worker processes.")
@click.option("--names", "names_file", metavar="FILE", help="House name authority (YAML or CSV) of canonical spellings.")
@click.option("--baseline", metavar="FILE", help="Report only findings not recorded in FILE.")
@click.option("--write-baseline", metavar="FILE", help="Record every current finding in FILE; report none of them.")
@click.option("--max-bytes", type=click.IntRange(1), default=None, help=f"Largest story to check  [default: {MAX_BYTES:,}]")
@click.option("--regex-budget", type=click.FloatRange(0), default=None, metavar="SECONDS",
              help="Time rule-file regexes may take per MB of story (at least this per story); 0: no limit  [default: 5]")
@click.option("--source", "source_file", metavar="FILE", help="The Chinese original of the one story given (default: STEM.zh.txt beside it).")
@click.option("--glossary", "glossary_file", metavar="FILE", help="House glossary zh -> en (CSV or TBX), held against the original.")
@input_format_option
@config_option
@rules_option
@select_option
@ignore_option
@enable_option
def lint(paths, fmt, fail_on, output, quiet, no_color, encoding, jobs, names_file, baseline, write_baseline,
         max_bytes, regex_budget, source_file, glossary_file, input_format, config_path, rule_paths, select, ignore, enable):
    """Check stories (files, folders of .txt/.md and NITF/NewsML-G2/ninjs/HTML stories, or - for stdin) and report findings.

    A story with its Chinese original beside it (story.txt + story.zh.txt) is also checked against it.
    """
    refuse_input_as_output(output, list(paths), "report file")
    checker = _checker(config_path, rule_paths, select, ignore, names=names_file, encoding=encoding, fail_on=fail_on,
                       baseline=baseline, write_baseline=write_baseline, jobs=jobs, input_format=input_format,
                       source=source_file, glossary=glossary_file, max_bytes=max_bytes, regex_budget=regex_budget,
                       enable=tuple(enable))
    stack = ExitStack()  # the report file appears whole when the run ends, or not at all (the old one stays)
    stream = stack.enter_context(atomic_output(output)) if output else sys.stdout
    progress = Progress(sys.stderr, quiet, report=stream)

    def on_result(result):
        progress.clear()
        if result.error:
            _error(result.error)
        for failure in result.failures:
            _error(str(failure))
        progress.advance(result.path)

    def on_note(note):
        progress.clear()
        click.echo(f"checker: {note}", err=True)

    with stack:
        try:
            reporter = make_reporter(fmt, stream, checker, color=_use_color(no_color, stream), quiet=quiet)
            summary = checker.lint(list(paths), reporter, on_result, on_note)
        except SuppressionError as exc:
            raise click.ClickException(str(exc)) from None
        finally:
            progress.clear()
    return checker.exit_code(summary)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--diff", is_flag=True, help="Print a unified diff of the fixes instead of writing them (exit 1 if any).")
@click.option("--encoding", metavar="NAME", help="Stories are in this encoding (kept when writing) instead of UTF-8.")
@click.option("--force", is_flag=True, help="Also rewrite read-only stories.")
@click.option("--max-bytes", type=click.IntRange(1), default=None, help=f"Largest story to fix  [default: {MAX_BYTES:,}]")
@input_format_option
@config_option
@rules_option
@select_option
@ignore_option
@enable_option
def fix(paths, diff, encoding, force, max_bytes, input_format, config_path, rule_paths, select, ignore, enable):
    """Apply the safe fixes in place, keeping encoding and line ends; stories with overlapping fixes are left alone."""
    checker = _checker(config_path, rule_paths, select, ignore, encoding=encoding, max_bytes=max_bytes,
                       input_format=input_format, enable=tuple(enable))
    if checker.problems:  # a mistyped --ignore would let through the fixes it was meant to stop
        return EXIT_ERROR
    from checker.fixes import fix_paths  # here: `lint` does not need it (difflib)

    fixed = files = left = errors = internal = 0
    for outcome in fix_paths(list(paths), checker, not diff, force):
        for failure in outcome.failures:
            errors, internal = errors + 1, internal + failure.internal
            _error(str(failure))
        if outcome.note:
            click.echo(f"checker: warning: {terminal_safe(outcome.path)}: {outcome.note}", err=True)
        if outcome.error:
            errors += 1
            _error(outcome.error)
        elif outcome.conflict:
            left += 1
            click.echo(f"checker: warning: {terminal_safe(outcome.conflict)}", err=True)
        elif outcome.fixed:
            fixed, files = fixed + len(outcome.fixed), files + 1
            if diff:
                click.echo(outcome.diff, nl=False)
    verb = "would fix" if diff else "fixed"
    click.echo(f"checker: {verb} {fixed} finding{'s' * (fixed != 1)} in {files} file{'s' * (files != 1)}"
               + (f"; {left} left unchanged (overlapping fixes)" if left else ""), err=True)
    if internal:
        return EXIT_INTERNAL
    if errors:
        return EXIT_ERROR
    return EXIT_FINDINGS if left or (diff and fixed) else EXIT_OK


@cli.command()
@click.argument("input_path", metavar="INPUT")
@click.option("--output", "-o", required=True, metavar="OUT",
              help="Findings folder OUT.parquet or OUT.jsonl: a file per partition, then _summary.json.")
@click.option("--workers", type=click.IntRange(1, 1024), default=os.cpu_count() or 1, show_default="cores",
              help="Worker processes of the local Dask cluster.")
@click.option("--scheduler", metavar="tcp://HOST:PORT", help="Use a running Dask cluster instead of a local one.")
@click.option("--resume", is_flag=True, help="Skip partitions a previous run of the same job already wrote.")
@click.option("--partition-size", type=click.IntRange(1), default=500, show_default=True, help="Stories per task.")
@click.option("--cross-story", is_flag=True, help="Also flag minority name spellings and conflicting numbered titles across stories.")
@click.option("--fail-on", type=click.Choice(THRESHOLDS), default=None, help="Lowest severity that makes the exit code 1  [default: error]")
@click.option("--encoding", metavar="NAME", help="Read stories in this encoding instead of UTF-8.")
@click.option("--names", "names_file", metavar="FILE", help="House name authority (YAML or CSV) of canonical spellings.")
@config_option
@rules_option
@select_option
@ignore_option
@enable_option
def batch(input_path, output, workers, scheduler, resume, partition_size, cross_story, fail_on, encoding, names_file,
          config_path, rule_paths, select, ignore, enable):
    """Check an archive (folder tree, JSON Lines or Parquet of id/text/date/source/desk) on a Dask cluster (extra: dask)."""
    from checker.archive.commands import batch as run

    options = Options(config=config_path, rules=tuple(rule_paths), select=tuple(select), ignore=tuple(ignore),
                      enable=tuple(enable), names=names_file, encoding=encoding, fail_on=fail_on)
    return run(input_path, output, options, workers, scheduler, resume, partition_size, cross_story)


@cli.group()
def rules():
    """List, validate and describe rules."""


@rules.command("list")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@config_option
@rules_option
@select_option
@ignore_option
@enable_option
def rules_list(fmt, config_path, rule_paths, select, ignore, enable):
    """The rules in force, with severity and kind; rules off by default (not turned on) are listed as `off`."""
    ruleset = _checker(config_path, rule_paths, select, ignore, enable=tuple(enable)).ruleset
    listed = [(r, True) for r in ruleset.rules] + [(r, False) for r in ruleset.off]  # the off ones last
    if fmt == "json":
        import json

        click.echo(json.dumps([
            {"id": r.id, "kind": r.kind, "severity": str(r.severity), "category": r.category,
             "issue_type": r.issue_type, "source": r.source, "enabled": on} for r, on in listed], indent=2))
    else:
        width = max((len(r.id) for r, _ in listed), default=10)
        for r, on in listed:
            level = str(r.severity) if on else "off"
            click.echo(f"{r.id:<{width}}  {level:<7}  {r.kind:<12}  {r.description.splitlines()[0]}")
    return EXIT_ERROR if ruleset.problems else EXIT_OK


@rules.command("validate")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
def rules_validate(paths):
    """Check rule files: schema, regexes, message placeholders, duplicate ids."""
    missing = [p for p in paths if not Path(p).exists()]
    for p in missing:
        _error(f"{p}: no such file or directory")
    loaded, problems = load_rules([Path(p) for p in paths if Path(p).exists()], lazy=False)  # every rule built
    for problem in problems:
        _error(str(problem))
    no_examples = [r for r in loaded if not r.examples.get("flag")]
    for r in no_examples:
        click.echo(f"checker: warning: {r.source}:{r.line}: [{r.id}] has no `examples.flag`; it cannot be tested", err=True)
    for warning in (w for r in loaded for w in regex_warnings(r)):
        click.echo(f"checker: warning: {warning}", err=True)
    if not problems and not missing:
        click.echo(f"{len(loaded)} rule{'s' * (len(loaded) != 1)} OK")
    return EXIT_ERROR if problems or missing else EXIT_OK


@rules.command("schema")
def rules_schema():
    """Print the JSON Schema (draft 2020-12) that rule files are validated against."""
    import json

    click.echo(json.dumps(rule_file_schema(), indent=2))
    return EXIT_OK


@cli.command()
@click.argument("rule_id")
@config_option
@rules_option
def explain(rule_id, config_path, rule_paths):
    """What a rule checks and why, with examples."""
    ruleset = _checker(config_path, rule_paths).ruleset
    rule = ruleset.get_any(rule_id)
    if rule is None:
        close = [r.id for r in [*ruleset.rules, *ruleset.off] if rule_id in r.id]
        hint = f" (did you mean {', '.join(close[:5])}?)" if close else ""
        raise click.ClickException(f"no rule {rule_id!r}{hint}; `checker rules list` shows them all")
    click.echo(f"{rule.id}  ({rule.severity}, kind {rule.kind}, {rule.issue_type})")
    click.echo(f"defined in {rule.source}:{rule.line}\n")
    if ruleset.get(rule_id) is None:
        click.echo(f"Off by default (enabled: false): run it with --select {rule.id} or --enable {rule.id},\n"
                   "or `enable:` in the config.\n")
    click.echo(rule.description + "\n")
    for label, key in (("Flags", "flag"), ("Passes", "pass")):
        items = rule.examples.get(key, [])
        if items:
            click.echo(f"{label}:")
            for ex in items:
                click.echo(f"  - {ex.text}")
    return EXIT_OK


@cli.command("eval")
@click.argument("sets", nargs=-1, required=True, type=click.Path(exists=True, file_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.option("--verbose", "-v", is_flag=True, help="List misses, false alarms and unannotated findings.")
@config_option
@rules_option
@select_option
@ignore_option
@enable_option
def evaluate(sets, as_json, verbose, config_path, rule_paths, select, ignore, enable):
    """Score the rules on annotated story sets (expected.yaml folders or fixture folders)."""
    from checker.evaluate import as_dict, score_set, table

    checker = _checker(config_path, rule_paths, select, ignore, enable=tuple(enable))
    scores = [score_set(Path(s), checker.rules) for s in sets]
    if as_json:
        import json

        click.echo(json.dumps([as_dict(s) for s in scores], indent=2, ensure_ascii=False))
        return EXIT_OK
    for score in scores:
        click.echo(table(score))
        if verbose:
            for label, items in (("missed", score.misses), ("false alarm", score.false_alarms), ("unannotated", score.unannotated)):
                for item in items:
                    click.echo(f"    {label}: {item}")
        click.echo()
    return EXIT_ERROR if checker.problems else EXIT_OK


@cli.group()
def names():
    """Ask the transliteration matcher that `lint` uses about two spellings."""


def _name_matcher(config_path, rule_paths):
    """Exactly the matcher of the name-drift rule in force, from that rule's own data folder."""
    matcher = _checker(config_path, rule_paths).ruleset.name_matcher()
    if matcher is None:
        raise click.ClickException("no name-drift rule is loaded (check --rules / select / ignore)")
    return matcher


@names.command("compare")
@click.argument("first")
@click.argument("second")
@config_option
@rules_option
def names_compare(first, second, config_path, rule_paths):
    """Say whether FIRST and SECOND are one entity spelled two ways (exit 0) or two entities (exit 1)."""
    verdict = _name_matcher(config_path, rule_paths).compare(first, second)
    label = "policy variant" if verdict.policy else "same" if verdict.same else "distinct"
    click.echo(f"{label}: {first!r} / {second!r}: {verdict.reason}")
    return EXIT_OK if verdict.same else EXIT_FINDINGS


@names.command("eval")
@click.argument("pairs", type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@config_option
@rules_option
def names_eval(pairs, as_json, config_path, rule_paths):
    """Precision and recall of the matcher over a pair file (`same:` and `distinct:` lists of {a, b})."""
    from checker.names import evaluate_pairs

    result = evaluate_pairs(_name_matcher(config_path, rule_paths), Path(pairs))
    if as_json:
        import json

        click.echo(json.dumps(result, indent=2, ensure_ascii=False, default=str))
        return EXIT_OK
    for key in ("tp", "fn", "fp", "tn"):
        click.echo(f"{key}: {result[key]}")
    click.echo(f"precision: {result['precision']:.3f}")
    click.echo(f"recall: {result['recall']:.3f}")
    for error in result.get("errors", []):
        click.echo(f"  {error}")
    return EXIT_OK


@names.command("learn")
@click.argument("archive")
@click.option("--output", "-o", required=True, metavar="FILE", help="Name authority to write (YAML, the --names format).")
@click.option("--names", "house", metavar="FILE", help="The house list: its spelling is canonical where it names an entity.")
@click.option("--workers", type=click.IntRange(1, 1024), default=os.cpu_count() or 1, show_default="cores")
@click.option("--scheduler", metavar="tcp://HOST:PORT", help="Use a running Dask cluster instead of a local one.")
@click.option("--partition-size", type=click.IntRange(1), default=500, show_default=True)
@config_option
@rules_option
def names_learn(archive, output, house, workers, scheduler, partition_size, config_path, rule_paths):
    """Cluster an archive's name spellings with lint's matcher into a reviewable name authority (extra: dask)."""
    from checker.archive.commands import names_learn as run

    return run(archive, output, Options(config=config_path, rules=tuple(rule_paths)), workers, scheduler,
               partition_size, house)


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind (0.0.0.0: every interface).")
@click.option("--port", type=click.IntRange(1, 65535), default=8081, show_default=True)
@click.option("--workers", type=click.IntRange(1, 256), default=1, show_default=True, help="Worker processes, each with the rules loaded once.")
@click.option("--max-body", type=click.IntRange(1), default=1_000_000, show_default=True, help="Largest request body in bytes (413 above).")
@click.option("--token", envvar="CHECKER_SERVE_TOKEN", help="Bearer token the API demands (or CHECKER_SERVE_TOKEN).")
@click.option("--cors-origin", multiple=True, metavar="ORIGIN", help="Origin allowed to call the API from a browser (repeatable).")
@click.option("--time-budget", type=click.FloatRange(0.1), default=10.0, show_default=True, help="Seconds one check may take (503 after).")
@config_option
def serve(host, port, workers, max_body, token, cors_origin, time_budget, config_path):
    """Serve the checks over HTTP: /v1/check (JSON report), LanguageTool's /v2 API, and a page for editors at /."""
    try:
        from checker.server import Settings, serve as run_server
        import starlette, uvicorn  # noqa: F401  (the serve extra)
    except ImportError as exc:
        raise click.ClickException(f"checker serve needs the serve extra: pip install 'checker[serve]' ({exc.name} is missing)")
    config_path = str(Path(config_path).resolve()) if config_path else None
    _checker(config_path, discover_config=False)  # a bad config or rule file: one line and exit 2, before any worker starts
    settings = Settings(config=config_path, max_body=max_body, token=token,
                        cors_origins=tuple(cors_origin), time_budget=time_budget)
    return run_server(settings, host, port, workers)


def main(argv: list[str] | None = None) -> int:
    """Run the CLI and return its exit code (0 clean, 1 findings, 2 usage/config/input error, 3 internal error)."""
    for stream in (sys.stdout, sys.stderr):  # a lone surrogate in copy (utf-7, the API) is escaped, never a crash
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    try:
        code = cli.main(args=argv, prog_name="checker", standalone_mode=False)
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.UsageError as exc:
        exc.show()
        return EXIT_ERROR
    except click.ClickException as exc:
        _error(exc.format_message())
        return EXIT_ERROR
    except CheckerError as exc:
        _error(str(exc))
        return EXIT_ERROR
    except click.Abort:
        return EXIT_ERROR
    except Interrupted as exc:  # SIGTERM/SIGHUP while a file was being written: temporary files are gone
        _error(str(exc))
        return 128 + exc.signum
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # noqa: BLE001 (a bug: one line and exit 3, never a traceback dressed as findings)
        if os.environ.get("CHECKER_DEBUG"):
            import traceback

            traceback.print_exc()
        where = f" ({exc.failure.rule_id} on {exc.failure.path})" if isinstance(exc, RuleFailed) else ""
        _error(f"internal error{where}: {type(exc).__name__}: {exc} (set CHECKER_DEBUG=1 for the traceback)")
        return EXIT_INTERNAL
    return code if isinstance(code, int) else EXIT_OK
