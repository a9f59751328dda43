"""The records that flow out of the engine: severities, spans, fixes and findings.

A finding is immutable and points at text by character offsets into the
document's text; line and column are derived once, in the engine.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, NamedTuple


class Severity(enum.IntEnum):
    """Ordered so that `severity >= threshold` reads naturally."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, name: str) -> "Severity":
        return cls[name.upper()]

    def __str__(self) -> str:
        return self.name.lower()


class Position(NamedTuple):  # not a frozen dataclass: see Match
    """A span of the document with its 1-based line and column at both ends."""

    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    text: str


class Related(NamedTuple):  # not a frozen dataclass: see Match
    """Another mention a finding conflicts with (the majority form, the earlier number...)."""

    position: Position
    label: str = ""
    path: str | None = None  # set when the span lies in another file: the Chinese original (bilingual rules)


class Fix(NamedTuple):  # not a frozen dataclass: see Match
    """Replace text[start:end] with `replacement`. `safe` fixes are applied by `checker fix`."""

    start: int
    end: int
    replacement: str
    safe: bool = True


class Match(NamedTuple):
    """What a rule kind yields: a raw span plus what the message template needs.

    Kinds never format messages or compute line numbers; the engine turns a
    Match into a Finding in one place. A NamedTuple, as are the small records
    (Position, Fix, checker.rules.Problem...): a frozen dataclass is six
    functions compiled from source at every start (~0.6 ms a class), and its
    __init__ sets each field through object.__setattr__.
    """

    start: int
    end: int
    params: Mapping[str, Any] = MappingProxyType({})  # read-only: the default is shared
    related: tuple[tuple[int, int, str], ...] = ()
    fixes: tuple[Fix, ...] = ()
    source_related: tuple[tuple[int, int, str], ...] = ()  # spans of the Chinese original (doc.source)


@dataclass(frozen=True)
class Finding:
    rule_id: str
    severity: Severity
    message: str
    position: Position
    issue_type: str
    category: str
    related: tuple[Related, ...] = ()
    fixes: tuple[Fix, ...] = ()
    suggestion: str | None = None  # the rule's advice, for people (may be prose: `"fully", or drop it`)
    replacements: tuple[str, ...] = ()  # texts that can replace the span as they are, for programs
    fingerprint: str = ""  # set by the engine (checker.fingerprint): stable across edits elsewhere

    @property
    def start(self) -> int:
        return self.position.start

    @property
    def end(self) -> int:
        return self.position.end

    def sort_key(self) -> tuple:
        return (self.position.start, self.rule_id, self.position.end)
