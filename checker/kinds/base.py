"""What every kind shares: the error it raises and the context it is built in."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import regex


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


def compile_regex(source: str, key: str, flags: int = 0) -> regex.Pattern:
    """Compile a rule's regex (regex-module syntax), or raise RuleError naming the key."""
    try:
        return regex.compile(source, flags)
    except regex.error as exc:
        raise RuleError(f"bad regex {source!r}: {exc}", key) from None


def case_flags(ignore_case: bool) -> int:
    return regex.IGNORECASE if ignore_case else 0
