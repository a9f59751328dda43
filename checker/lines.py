"""Lines of a text by their start offsets: what a reporter needs to show a finding's line.

A leaf module so reporters read a result's text and line starts without
building a `Document` again.
"""

from __future__ import annotations

import bisect

import regex

LINE_BREAK = regex.compile(r"\r\n|\r|\n|\u2028|\u2029")


def line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in LINE_BREAK.finditer(text)]


def line_col(starts: list[int], offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset."""
    line = bisect.bisect_right(starts, offset) - 1
    return line + 1, offset - starts[line] + 1


def line_text(text: str, starts: list[int], line: int) -> str:
    """The text of a 1-based line without its line break."""
    start = starts[line - 1]
    end = starts[line] if line < len(starts) else len(text)
    return LINE_BREAK.sub("", text[start:end])
