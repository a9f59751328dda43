"""Check stories: the one path from text to a `FileResult`, and many inputs in order (serially or in worker processes).

Results stream: nothing holds every report, so memory stays flat in the
number of files.
"""

from __future__ import annotations

import gc
import os
import signal
from typing import Callable, Iterator, Sequence

from checker import formats
from checker.bilingual.files import BilingualFileError, is_bilingual, read_units
from checker.document import Document
from checker.engine import RuleFailure, check_document
from checker.finding import Finding
from checker.inputs import DEFAULT_SOURCE_PATTERNS, InputError, Source, expand, read
from checker.results import FileResult
from checker.safety import MAX_BYTES, REGEX_BUDGET, TimeBudgetExceeded
from checker.rules import Rule

RuleLoader = Callable[[], list[Rule]]  # picklable, so spawned workers can build the same rules


def check_story(text: str, path: str, rules: list[Rule], input_format: str = "auto",
                source: Document | None = None, budget: float | None = REGEX_BUDGET,
                known: Sequence[Finding] = ()) -> FileResult:
    """Every finding of `rules` on one decoded story: the single place a text becomes a result.

    A story in a markup format (checker.formats) is checked on its prose and its findings are mapped
    back onto `text`; raises checker.formats.FormatError (an InputError) if it cannot be read so.
    `source` is the story's Chinese original (a Document of it), read by the bilingual kinds.
    A rule that fails becomes a RuleFailure on the result (its regexes out of `budget`, or a bug),
    never the end of the run; so does a bug outside any rule. `known`: findings other rules already
    made on this plain-text story (see checker.engine.check_document).
    """
    extracted = formats.extract(text, input_format, path)
    if known and not extracted.is_identity:  # the caller's mistake, not a story's failure
        raise ValueError("known findings are offsets into a plain-text story")
    failures: list[RuleFailure] = []
    try:
        doc = Document(extracted.text, path, source)
        findings = formats.remap(check_document(doc, rules, failures, budget, known), extracted)
        line_starts = doc.line_starts if extracted.is_identity else Document(text, path).line_starts
        result = FileResult(path, text, findings, words=doc.word_count, line_starts=line_starts, failures=failures)
        if source is not None and extracted.is_identity:  # side-by-side reports need offsets into `text`
            from checker.bilingual.align import segments

            result.source_path, result.source_text = source.path, source.text
            result.alignment = [(s.target.start, s.target.end, s.source.start, s.source.end) for s in segments(doc)]
        return result
    except TimeBudgetExceeded:
        raise  # the caller's deadline (a server's time budget) ended the check: not a bug
    except Exception as exc:  # noqa: BLE001 (a bug outside any one rule: this story fails, the run goes on)
        if os.environ.get("CHECKER_DEBUG"):
            import traceback

            traceback.print_exc()
        failure = RuleFailure("-", path, f"internal error: {type(exc).__name__}: {exc}", internal=True)
        return FileResult(path, text, [], failures=[*failures, failure])


def check_source(source: Source, rules: list[Rule], encoding: str | None, input_format: str = "auto",
                 max_bytes: int | None = MAX_BYTES, budget: float | None = REGEX_BUDGET) -> FileResult:
    """Read one input and check it; an unreadable or oversized input is a result with an error, not an exception."""
    if source.file is not None and is_bilingual(source.file):
        try:
            text, chinese, _ = read_units(source.file)
        except (BilingualFileError, OSError) as exc:
            return FileResult(source.path, error=f"{source.path}: {exc}")
        return check_story(text, source.path, rules, "text", Document(chinese, source.path), budget)
    try:
        text = read(source, encoding, max_bytes)
        original = None
        if source.source is not None:
            label = str(source.source)
            original = Document(read(Source(label, source.source), encoding, max_bytes), label)
        return check_story(text, source.path, rules, input_format, original, budget)
    except InputError as exc:
        return FileResult(source.path, error=str(exc))


def settle_heap() -> None:
    """Keep the garbage collector off the loaded rules and off the hot loop.

    The rule tables (word lists, gazetteer, compiled patterns) live for the
    whole run, so freezing them spares every full collection from walking
    them. A story's tokens and findings are freed by reference counting, not
    by the collector, so young collections can run far less often. About 4%
    of run time on the benchmark corpus; memory stays flat.
    """
    gc.freeze()  # (no gc.collect() first: it costs 7 ms of a one-story run, and start-up leaves little garbage)
    gc.set_threshold(YOUNG_COLLECTION_EVERY, *gc.get_threshold()[1:])


YOUNG_COLLECTION_EVERY = 5000  # allocations; CPython's default is 700

_worker_rules: list[Rule] = []


def _init_worker(load_rules: RuleLoader) -> None:
    global _worker_rules
    for sig in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):  # the pool's terminate() must end a worker;
        if sig is not None:  # a forked worker inherits the report writer's handler, which raises instead
            signal.signal(sig, signal.SIG_DFL)
    _worker_rules = load_rules()
    settle_heap()


def _check_in_worker(args: tuple[Source | FileResult, str | None, str, int | None, float | None]) -> FileResult:
    item, encoding, input_format, max_bytes, budget = args
    if isinstance(item, FileResult):
        return item  # an input error, or stdin already checked in the parent
    return check_source(item, _worker_rules, encoding, input_format, max_bytes, budget)


def check_paths(paths: list[str], load_rules: RuleLoader, encoding: str | None = None, jobs: int = 1,
                input_format: str = "auto", source_patterns: tuple[str, ...] = DEFAULT_SOURCE_PATTERNS,
                source: str | None = None, max_bytes: int | None = MAX_BYTES,
                budget: float | None = REGEX_BUDGET) -> Iterator[FileResult]:
    """Results in the order the inputs were given, whatever `jobs` is.

    `load_rules` gives the rule list; it is called once here and once in each
    worker (a memoised loader makes the call in a forked worker free).
    """
    rules = load_rules()
    items = expand(paths, source_patterns, source)
    settle_heap()
    if jobs <= 1:
        for item in items:
            yield (FileResult(item.path, error=str(item)) if isinstance(item, InputError)
                   else check_source(item, rules, encoding, input_format, max_bytes, budget))
        return
    # Input errors become results here, and stdin cannot be shared with workers: check it here.
    work = [
        FileResult(item.path, error=str(item)) if isinstance(item, InputError)
        else check_source(item, rules, encoding, input_format, max_bytes, budget) if item.file is None
        else item
        for item in items
    ]
    chunk = max(1, min(32, len(work) // (jobs * 8)))  # few round trips, yet balanced to the end
    import multiprocessing  # here: a one-process run never needs it (its import cost a cold start ~6 ms)

    ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    with ctx.Pool(jobs, initializer=_init_worker, initargs=(load_rules,)) as pool:
        yield from pool.imap(_check_in_worker, [(w, encoding, input_format, max_bytes, budget) for w in work],
                             chunksize=chunk)
