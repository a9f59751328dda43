"""What every kind shares: the error it raises and the context it is built in."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import regex

from checker.safety import TimedPattern

if TYPE_CHECKING:
    from checker.document import Document
    from checker.finding import Match

Check = Callable[["Document"], Iterable["Match"]]  # what a kind builds for one rule


class Kind(Protocol):
    """The contract of a rule-kind module (checked by mypy through the KINDS registry)."""

    @property
    def PARAMS(self) -> dict[str, Any]: ...  # JSON Schema `properties` for the keys the kind adds to a rule

    @property
    def REQUIRED(self) -> tuple[str, ...]: ...  # which of those a rule must give

    @property
    def PLACEHOLDERS(self) -> set[str]: ...  # names its matches fill in message templates

    def build(self, params: dict[str, Any], context: "BuildContext") -> Check: ...


class RuleError(Exception):
    """A rule's parameters are wrong in a way the schema cannot see.

    `key` names the parameter at fault so the loader can point at its line.
    """

    def __init__(self, message: str, key: str | None = None):
        super().__init__(message)
        self.key = key


@dataclass(frozen=True)
class BuildContext:
    """Where a rule came from, so kinds can find data files beside it."""

    rule_id: str
    base_dir: Path


# Patterns the kinds compiled, by (source, flags), and the recorders open in checker.rules.load_pack.
# `regex` pickles a compiled pattern as its compiled form (the data its C compiler takes), so the
# rule pack's cache entry keeps the patterns its rules compiled and a start unpickles them (0.02 ms
# each) instead of parsing every pattern again (0.2-0.6 ms each: ~90 were a tenth of a cold start).
_compiled: dict[tuple[str, int], regex.Pattern] = {}
_regex_compile = regex.compile  # the real one: checker.kinds stands `compiled` in for it while importing a kind
_recorders: list[dict[tuple[str, int], regex.Pattern]] = []
MAX_KEPT = 4096  # patterns kept in a process (a server reloading configs must not grow without end)


def compiled(source: str, flags: int = 0) -> regex.Pattern:
    """regex.compile(source, flags), or the same pattern compiled before (in this process or, through
    keep_compiled, by the run that wrote the rule pack's cache entry). Raises regex.error."""
    key = (source, int(flags))
    pattern = _compiled.get(key)
    if pattern is None:
        pattern = _regex_compile(source, flags)
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


def compile_regex(source: str, key: str, flags: int = 0) -> TimedPattern:
    """Compile a rule's regex (regex-module syntax), or raise RuleError naming the key.

    A rule file's regex is code from outside: every match it makes runs
    inside the story's time budget (checker.safety.regex_budget).
    """
    try:
        return TimedPattern(compiled(source, flags))
    except regex.error as exc:
        raise RuleError(f"bad regex {source!r}: {exc}", key) from None


def case_flags(ignore_case: bool) -> int:
    return regex.IGNORECASE if ignore_case else 0


def load_data(context: BuildContext, relative: str, key: str) -> dict:
    """Read a YAML data table a rule names (path relative to the rule file); `key` names the parameter for errors."""
    from checker import yamlio
    from checker.cache import cached

    path = (context.base_dir / relative).resolve()
    try:
        # Through the cache: on a hit the table is unpickled and PyYAML is never imported.
        data = cached("data-table", [path], lambda: yamlio.load(path.read_text(encoding="utf-8")))
    except (OSError, yamlio.YAMLError) as exc:
        raise RuleError(f"cannot read data file {relative!r}: {exc}", key) from None
    if not isinstance(data, dict):
        raise RuleError(f"data file {relative!r} is not a mapping", key)
    return data


def name_vocabulary(params: dict[str, Any], context: BuildContext):
    """The name word lists (checker.mentions.NameVocabulary) a rule names with `name_data`, or None."""
    if "name_data" not in params:
        return None
    from checker.mentions import NameVocabulary  # here, not at the top: mentions is a kind's helper, not a leaf

    try:
        return NameVocabulary.load((context.base_dir / params["name_data"]).resolve())
    except (OSError, KeyError) as exc:
        raise RuleError(f"cannot read name word lists: {exc}", "name_data") from None
