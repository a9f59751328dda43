"""Guards that keep the checker from hanging, destroying a file or saying "clean" when it checked nothing.

One place for the defences a CI gate or a CMS relies on when it feeds the
checker copy nobody has read: the input size limit, the time budget of rule
regexes, refusing to write over an input, atomic report files, rule ids that
match no rule, and text made safe for a terminal.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import regex

MAX_BYTES = 8 * 1024 * 1024  # default input size limit: wire stories are 2-20 KB, a long feature 100 KB
REGEX_BUDGET = 5.0  # seconds of rule-file regex matching per MB of story (at least this), all rules together;
# the shipped rules need about 1 s per MB, a catastrophic pattern runs for minutes on 5,000 characters


class CheckerError(Exception):
    """A usage, config or input problem: one line for the user, exit code 2."""


# ---------------------------------------------------------------- regex time budget


class RegexTimeout(Exception):
    """A rule file's regex used up the story's time budget."""


class TimeBudgetExceeded(Exception):
    """The whole check ran past its deadline (a server's time budget): stop checking this story."""


class _StoryBudget(threading.local):
    """The current story's budgets, one per thread: a server checks several stories at once."""

    left: float | None = None  # seconds of rule-file regex matching left for the story
    total: float | None = None
    stop_at: float | None = None  # time.monotonic() past which the whole check stops


_story = _StoryBudget()


@contextmanager
def regex_budget(seconds: float | None):
    """Let rule-file regexes run `seconds` in total while checking one story (None: no limit).

    Only time spent inside those regexes counts, not the rest of a rule's work.
    """
    story = _story
    saved = story.left, story.total
    story.left = story.total = round(seconds, 1) if seconds else None
    try:
        yield
    finally:
        story.left, story.total = saved


@contextmanager
def time_budget(seconds: float | None):
    """Stop the check in this thread once `seconds` have passed (TimeBudgetExceeded).

    A server answers 503 when a check runs past its budget; this makes the
    abandoned check stop too, at the next rule or regex, instead of running
    on and slowing every other request in the worker.
    """
    story = _story
    saved = story.stop_at
    story.stop_at = None if seconds is None else time.monotonic() + seconds
    try:
        yield
    finally:
        story.stop_at = saved


def check_deadline() -> None:
    """Raise TimeBudgetExceeded if this thread's check is past its deadline (called between rules)."""
    stop_at = _story.stop_at
    if stop_at is not None and time.monotonic() >= stop_at:
        raise TimeBudgetExceeded("time budget of the check used up")


def _used_up() -> RegexTimeout:
    return RegexTimeout(f"regex time budget of {_story.total:g} s for this story used up")


def _timeout(story: _StoryBudget) -> float | None:
    """Seconds the next regex call may run: the regex budget left, cut at the check's deadline."""
    if story.stop_at is None:
        return story.left
    until = story.stop_at - time.monotonic()
    if until <= 0:
        raise TimeBudgetExceeded("time budget of the check used up")
    return until if story.left is None else min(story.left, until)


def _timed_out(story: _StoryBudget) -> Exception:
    check_deadline()  # the deadline, not the regex budget, stopped it: end the whole check
    story.left = 0
    return _used_up()


def _timed(call, *args, **kw):
    story = _story
    left, stop_at = story.left, story.stop_at
    if left is None and stop_at is None:
        return call(*args, **kw)
    if left is not None and left <= 0:
        raise _used_up()
    timeout = left if stop_at is None else _timeout(story)
    start = time.perf_counter()
    try:
        return call(*args, timeout=timeout, **kw)
    except TimeoutError:
        raise _timed_out(story) from None
    finally:
        if left:
            story.left = left - (time.perf_counter() - start)


class TimedPattern:
    """A compiled rule-file regex whose every match runs inside the story's time budget."""

    __slots__ = ("_p",)

    def __init__(self, pattern: regex.Pattern):
        self._p = pattern

    def __getattr__(self, name):  # pattern, groupindex, flags, groups...
        if name == "_p":
            raise AttributeError(name)
        return getattr(self._p, name)

    def search(self, *args, **kw):
        return _timed(self._p.search, *args, **kw)

    def match(self, *args, **kw):
        return _timed(self._p.match, *args, **kw)

    def fullmatch(self, *args, **kw):
        return _timed(self._p.fullmatch, *args, **kw)

    def sub(self, *args, **kw):
        return _timed(self._p.sub, *args, **kw)

    def subn(self, *args, **kw):
        return _timed(self._p.subn, *args, **kw)

    def split(self, *args, **kw):
        return _timed(self._p.split, *args, **kw)

    def findall(self, *args, **kw):
        return _timed(self._p.findall, *args, **kw)

    def finditer(self, *args, **kw):
        story = _story
        left, stop_at = story.left, story.stop_at
        if left is None and stop_at is None:
            yield from self._p.finditer(*args, **kw)
            return
        if left is not None and left <= 0:
            raise _used_up()
        # Making the iterator matches nothing: only its steps are timed, each bounded by the budget left now.
        it = self._p.finditer(*args, timeout=left if stop_at is None else _timeout(story), **kw)
        clock = time.perf_counter
        while True:
            left = story.left
            if left is not None and left <= 0:
                raise _used_up()
            if story.stop_at is not None:
                _timeout(story)  # raises once the check is past its deadline
            start = clock()
            try:
                m = next(it, None)
            except TimeoutError:
                raise _timed_out(story) from None
            finally:
                if story.left:
                    story.left -= clock() - start
            if m is None:
                return
            yield m


# A quantified group whose body is itself quantified, e.g. (a+)+ or (?:\w+\s?)*: the shape of
# catastrophic backtracking. A warning, not an error: some such patterns are harmless.
NESTED_QUANTIFIER = regex.compile(
    r"\((?:\?:|\?P?<\w+>)?(?:[^()\\\[]|\\.|\[(?:[^\]\\]|\\.)*\])*?(?<!\\)(?:[+*]|\{\d*,\})(?:[^()\\\[]|\\.|\[(?:[^\]\\]|\\.)*\])*\)"
    r"(?:[+*]|\{\d*,\})"
)


def nested_quantifiers(source: str) -> bool:
    return bool(NESTED_QUANTIFIER.search(source))


def regex_warnings(rule) -> list[str]:
    """A warning for each of a rule's regexes with a nested unbounded quantifier."""
    return [f"{rule.source}:{rule.line}: [{rule.id}] regex {src!r} nests quantifiers (a group repeated with + or * "
            "that itself repeats): it can take exponential time on some text; rewrite it"
            for src in regex_sources(rule.params) if nested_quantifiers(src)]


def regex_sources(params) -> list[str]:
    """Every string in a rule's parameters that could be a regex (literals cannot nest quantifiers)."""
    if isinstance(params, str):
        return [params]
    if isinstance(params, dict):
        return [s for v in params.values() for s in regex_sources(v)]
    if isinstance(params, list):
        return [s for v in params for s in regex_sources(v)]
    return []


# ---------------------------------------------------------------- rule ids that match nothing


def did_you_mean(name: str, candidates) -> str:
    import difflib  # only for a typo

    close = difflib.get_close_matches(name, sorted(set(candidates)), n=3, cutoff=0.6)
    return f" (did you mean {', '.join(close)}?)" if close else ""


def unmatched_selectors(groups: list[tuple[str, str, list[str]]], rule_ids: list[str]) -> list[tuple[str, str]]:
    """(source, message) for each selector of each (source, label, selectors) group that matches no rule."""
    from checker.config import matches

    prefixes = {".".join(r.split(".")[:i]) for r in rule_ids for i in range(1, r.count(".") + 2)}
    out = []
    for source, label, values in groups:
        for sel in values:
            if not any(matches(r, [sel]) for r in rule_ids):
                out.append((source, f"{label + ' ' if label else ''}{sel!r} matches no rule{did_you_mean(sel.rstrip('.'), prefixes)}"))
    return out


# ---------------------------------------------------------------- never write over an input


def refuse_input_as_output(output: str | None, inputs: list[str], what: str) -> None:
    """Raise CheckerError if `output` is one of the inputs (or a file inside a folder given as input)."""
    if not output or output == "-":
        return
    out = Path(output)
    try:
        out_real = out.resolve()
    except OSError:
        return
    for raw in inputs:
        if raw == "-":
            continue
        p = Path(raw)
        try:
            same = out.exists() and p.exists() and os.path.samefile(out, p)
        except OSError:
            same = False
        if same or out_real == p.resolve():
            raise CheckerError(f"{what} {output} is also an input; refusing to overwrite the story")
        if p.is_dir() and out_real.suffix.lower() in (".txt", ".text", ".md", ".markdown") and p.resolve() in out_real.parents:
            raise CheckerError(f"{what} {output} is inside the input folder {raw} and would be checked as a story")


@contextmanager
def atomic_output(path: str | Path, encoding: str = "utf-8"):
    """A text stream that becomes `path` only when the block finishes: a crash or a signal leaves the old file.

    Only a regular file is replaced so: a device or a pipe (`-o /dev/null`,
    a FIFO a program reads) is written in place, never renamed over, and a
    symbolic link's target gets the report while the link stays a link.
    """
    target = Path(path)
    if target.exists() and not target.is_file():
        with open(target, "w", encoding=encoding, errors="backslashreplace", newline="") as stream:
            yield stream
        return
    target = target.resolve() if target.is_symlink() else target
    with signals_raise(), temporary_beside(target) as (fd, tmp):  # handlers first, so no signal can strand the file
        with os.fdopen(fd, "w", encoding=encoding, errors="backslashreplace", newline="") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(tmp, target)


@contextmanager
def temporary_beside(target: Path):
    """A new temporary file in `target`'s folder, as (fd, path), removed when the block raises (a signal too).

    A signal landing between the file's creation and its name being known would strand it, so signals are
    held until then.
    """
    import tempfile  # here: most runs write no file, and the import cost a cold start ~5 ms

    tmp = None
    try:
        with signals_held():
            fd, tmp = tempfile.mkstemp(dir=target.parent if str(target.parent) else ".", prefix=f".{target.name}.",
                                       suffix=".tmp")
        yield fd, tmp
    except BaseException:
        if tmp is not None:
            _unlink(tmp)
        raise


def _unlink(path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


class Interrupted(BaseException):
    """SIGTERM or SIGHUP arrived: unwind so temporary files are removed, then exit."""

    def __init__(self, signum: int):
        super().__init__(f"interrupted by signal {signum}")
        self.signum = signum


@contextmanager
def signals_raise():
    """Turn SIGTERM/SIGHUP into an exception while a temporary file exists (SIGINT already raises)."""
    def handler(signum, frame):
        raise Interrupted(signum)

    saved = {}
    try:
        for sig in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):
            if sig is not None:
                saved[sig] = signal.signal(sig, handler)
    except ValueError:  # not the main thread: leave signals alone
        pass
    try:
        yield
    finally:
        for sig, old in saved.items():
            signal.signal(sig, old)


HELD_SIGNALS = (signal.SIGINT, signal.SIGTERM, *([signal.SIGHUP] if hasattr(signal, "SIGHUP") else []))


@contextmanager
def signals_held():
    """Hold SIGINT/SIGTERM/SIGHUP for the block: one that arrives is raised again as the block ends.

    Done with Python handlers, not a signal mask: a mask is per thread, and in a process with other
    threads (a --jobs pool's, pytest-xdist's) the kernel hands a `kill PID` to one of them, whose
    C handler then has the main thread run the Python one at once. Python runs handlers only in the
    main thread, so elsewhere there is nothing to hold.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    pending: list[int] = []
    saved = {}
    for sig in HELD_SIGNALS:
        old = signal.getsignal(sig)
        if old is not None:  # None: a handler installed from C, which Python cannot put back
            saved[sig] = signal.signal(sig, lambda signum, frame: pending.append(signum))
    try:
        yield
    finally:
        for sig, old in saved.items():
            signal.signal(sig, old)
        if pending:
            signal.raise_signal(pending[0])  # to this thread, under the handler the block began with


# ---------------------------------------------------------------- text safe to print


def escape_surrogates(text: str) -> str:
    """Lone surrogates (from utf-7 input or the API) as \\udxxx, so the text can be encoded as UTF-8."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8") if _has_surrogate(text) else text


def _has_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
        return False
    except UnicodeEncodeError:
        return True


_CONTROL = regex.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\p{Cs}\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: str) -> str:
    """Control characters (ESC and the rest), bidi overrides and surrogates shown as visible escapes."""
    if not _CONTROL.search(text):
        return text
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}", text)
