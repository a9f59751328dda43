"""What every kind shares: the error it raises and the context it is built in."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import regex

from checker.patterns import compiled
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
