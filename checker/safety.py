"""Guards that keep the checker from hanging, destroying a file or saying "clean" when it checked nothing.

One place for the defences a CI gate or a CMS relies on when it feeds the
checker copy nobody has read: the input size limit, the time budget of rule
regexes, refusing to write over an input, atomic report files, rule ids that
match no rule, and text made safe for a terminal.
"""

from __future__ import annotations

import difflib
import os
import signal
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


_left: float | None = None  # seconds of rule-file regex matching left for the current story
_budget: float | None = None


@contextmanager
def regex_budget(seconds: float | None):
    """Let rule-file regexes run `seconds` in total while checking one story (None: no limit).

    Only time spent inside those regexes counts, not the rest of a rule's work.
    """
    global _left, _budget
    saved = _left, _budget
    _left = _budget = round(seconds, 1) if seconds else None
    try:
        yield
    finally:
        _left, _budget = saved


def _used_up() -> RegexTimeout:
    return RegexTimeout(f"regex time budget of {_budget:g} s for this story used up")


def _timed(call, *args, **kw):
    global _left
    if _left is None:
        return call(*args, **kw)
    if _left <= 0:
        raise _used_up()
    start = time.perf_counter()
    try:
        return call(*args, timeout=_left, **kw)
    except TimeoutError:
        _left = 0
        raise _used_up() from None
    finally:
        if _left:
            _left -= time.perf_counter() - start


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
        global _left
        it = _timed(self._p.finditer, *args, **kw)  # each step is bounded by the budget left at this call
        while True:
            if _left is None:
                yield from it
                return
            if _left <= 0:
                raise _used_up()
            start = time.perf_counter()
            try:
                m = next(it, None)
            except TimeoutError:
                _left = 0
                raise _used_up() from None
            finally:
                if _left:
                    _left -= time.perf_counter() - start
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
    """A text stream that becomes `path` only when the block finishes: a crash or a signal leaves the old file."""
    target = Path(path)
    with signals_raise():  # before the temporary file exists, so no signal can strand it
        import tempfile  # here: most runs write no file, and the import cost a cold start ~5 ms

        fd, tmp = tempfile.mkstemp(dir=target.parent if str(target.parent) else ".", prefix=f".{target.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding=encoding, errors="backslashreplace", newline="") as stream:
                yield stream
                stream.flush()
                os.fsync(stream.fileno())
            os.replace(tmp, target)
        except BaseException:
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
