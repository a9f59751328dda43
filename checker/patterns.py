"""Compiled regexes kept with the rule pack's cache entry: a leaf module, so the kinds, the
libraries they use (checker.bilingual.align) and the rule loader share one store without a circle.

Module-level patterns are written `compiled(source, flags)` instead of `regex.compile(...)`: the
same pattern, but recorded while the pack loads (kind modules are imported then) and kept with it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import regex

# Patterns the kinds compiled, by (source, flags), and the recorders open in checker.rules.load_pack.
# `regex` pickles a compiled pattern as its compiled form (the data its C compiler takes), so the
# rule pack's cache entry keeps the patterns its rules compiled and a start unpickles them (0.02 ms
# each) instead of parsing every pattern again (0.2-0.6 ms each: ~90 were a tenth of a cold start).
_compiled: dict[tuple[str, int], regex.Pattern] = {}
_recorders: list[dict[tuple[str, int], regex.Pattern]] = []
MAX_KEPT = 4096  # patterns kept in a process (a server reloading configs must not grow without end)


def compiled(source: str, flags: int = 0) -> regex.Pattern:
    """regex.compile(source, flags), or the same pattern compiled before (in this process or, through
    keep_compiled, by the run that wrote the rule pack's cache entry). Raises regex.error."""
    key = (source, int(flags))
    pattern = _compiled.get(key)
    if pattern is None:
        pattern = regex.compile(source, flags)
        if len(_compiled) >= MAX_KEPT:
            _compiled.clear()
        _compiled[key] = pattern
    for recorder in _recorders:
        recorder[key] = pattern
    return pattern


@contextmanager
def recording_compiled() -> Iterator[dict[tuple[str, int], regex.Pattern]]:
    """The patterns `compiled` gives inside the block, by (source, flags): what a cache entry keeps."""
    out: dict[tuple[str, int], regex.Pattern] = {}
    _recorders.append(out)
    try:
        yield out
    finally:
        _recorders.remove(out)


def keep_compiled(patterns: dict[tuple[str, int], regex.Pattern]) -> None:
    """Patterns from a cache entry, for `compiled` to give instead of compiling them again."""
    if len(_compiled) + len(patterns) > MAX_KEPT:
        _compiled.clear()
    _compiled.update(patterns)
