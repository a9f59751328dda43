"""The text a story format yields for checking, and the map from it back to the file.

An extractor appends pieces: a stretch of the extracted text and the stretch
of the original it came from. A *verbatim* piece is a copy (character i maps
to original start + i); any other piece (a decoded entity, a JSON escape, a
line break folded into a space, the paragraph break put between two blocks)
maps as a whole to its original stretch. Offsets go back through a sorted
array and bisect, so a finding's start lands on the first original character
of what it covers and its end just after the last.

A `Segment` is one block (a headline, a paragraph, a caption) with its role,
so a check that does not apply to that part of a story can be dropped, and
with the escaping a replacement needs there (an `&` in HTML is `&amp;`).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Callable, NamedTuple

BLOCK_BREAK = "\n\n"  # between blocks: the Document reads each line as a paragraph
# Stands in the checked text for inline content that is not checked (a code span, an image), so
# the words either side are not read as adjacent: `the `x` the` is no duplicated word. U+FFFC is
# Unicode's OBJECT REPLACEMENT CHARACTER: no letter, no space, no punctuation any rule looks for.
PLACEHOLDER = "\ufffc"
HORIZONTAL = " \t\u00a0"


def plain(text: str) -> str:
    return text


def escape_markup(text: str) -> str:
    import html  # here: plain-text runs never escape (html.entities is a big table)

    return html.escape(text, quote=False)


class Segment(NamedTuple):  # not a frozen dataclass: see checker.finding.Match
    start: int  # in the extracted text
    end: int
    role: str  # headline, byline, dateline, summary, body, caption
    escape: Callable[[str], str] = plain


@dataclass
class Extracted:
    """What a format reader returns: the text to check and how it maps back to `original`."""

    original: str
    text: str
    format: str
    ext_starts: list[int] = field(default_factory=list)  # piece i covers text[ext_starts[i]:ext_ends[i]]
    ext_ends: list[int] = field(default_factory=list)
    orig: list[tuple[int, int, bool]] = field(default_factory=list)  # (orig start, orig end, verbatim)
    segments: list[Segment] = field(default_factory=list)

    @classmethod
    def identity(cls, text: str, fmt: str = "text") -> "Extracted":
        ex = cls(text, text, fmt, [0], [len(text)], [(0, len(text), True)])
        ex.segments = [Segment(0, len(text), "body")]
        return ex

    @property
    def is_identity(self) -> bool:
        return self.text is self.original or (
            self.text == self.original and len(self.orig) == 1 and self.orig[0] == (0, len(self.text), True))

    def start(self, offset: int) -> int:
        """Original offset of the character at extracted `offset` (or of the end, past the last)."""
        if not self.ext_starts:
            return 0
        if offset >= len(self.text):
            return self.orig[-1][1]
        i = bisect.bisect_right(self.ext_starts, offset) - 1
        o_start, _, verbatim = self.orig[i]
        return o_start + (offset - self.ext_starts[i]) if verbatim else o_start

    def end(self, offset: int) -> int:
        """Original offset just after the character before extracted `offset`."""
        if offset <= 0 or not self.ext_starts:
            return self.start(0)
        i = bisect.bisect_left(self.ext_ends, offset)
        i = min(i, len(self.orig) - 1)
        o_start, o_end, verbatim = self.orig[i]
        return o_start + (offset - self.ext_starts[i]) if verbatim else o_end

    def span(self, start: int, end: int) -> tuple[int, int]:
        if start >= end:
            s = self.start(start)
            return s, s
        return self.start(start), max(self.start(start), self.end(end))

    def verbatim(self, start: int, end: int) -> bool:
        """Whether text[start:end] is copied unchanged from one stretch of the original (no markup inside)."""
        s, e = self.span(start, end)
        return self.original[s:e] == self.text[start:end]

    def segment_at(self, offset: int) -> Segment | None:
        for seg in self.segments:
            if seg.start <= offset < seg.end or seg.start == offset == seg.end:
                return seg
        return None


class Builder:
    """Collects pieces in order; readers call `copy`, `put`, `skip` and `block`."""

    def __init__(self, original: str, fmt: str):
        self.original = original
        self.format = fmt
        self.parts: list[str] = []
        self.length = 0
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.orig: list[tuple[int, int, bool]] = []
        self.segments: list[Segment] = []
        self._block: tuple[int, str, Callable] | None = None
        self._last = ""  # last character emitted in the open block
        self._last_orig = 0
        self._hidden: tuple[int, int] | None = None  # skipped inline content not yet stood in for

    # -- pieces -------------------------------------------------------------
    def _piece(self, text: str, o_start: int, o_end: int, verbatim: bool) -> None:
        if not text:
            return
        if self._block is None:
            self.open("body")
        if self._last == "" or self._last in " \n":
            if self._last == "":
                text = text.lstrip(HORIZONTAL + "\n")  # no block starts with white space
            elif text[0] in HORIZONTAL:
                text = text[1:]  # one space, not two, where something was skipped between spaces
            if verbatim:
                o_start = o_end - len(text)
            if not text:
                return
        if self._hidden and text != PLACEHOLDER:
            (h_start, h_end), self._hidden = self._hidden, None
            self._piece(PLACEHOLDER, h_start, h_end, False)
        if verbatim and self.orig and self.orig[-1][2] and self.orig[-1][1] == o_start and self.ends[-1] == self.length:
            s, _, _ = self.orig[-1]
            self.orig[-1] = (s, o_end, True)
            self.ends[-1] = self.length + len(text)
        else:
            self.starts.append(self.length)
            self.ends.append(self.length + len(text))
            self.orig.append((o_start, o_end, verbatim))
        self.parts.append(text)
        self.length += len(text)
        self._last = text[-1]
        self._last_orig = o_end

    def copy(self, start: int, end: int) -> None:
        """Original text[start:end] as it is, its runs of white space holding a line break folded to one space."""
        i = start
        src = self.original
        while i < end:
            j = i
            while j < end and src[j] not in "\r\n":
                j += 1
            if j > i:
                self._piece(src[i:j], i, j, True)
            if j < end:  # a line break inside a block is source layout: fold it and the spaces round it
                k = j
                while k < end and src[k] in HORIZONTAL + "\r\n":
                    k += 1
                self._space(j, k)
                j = k
            i = j

    def _space(self, start: int, end: int) -> None:
        while self.parts and self._last in HORIZONTAL and self.orig[-1][2]:
            self._drop_last_char()
            start -= 1
        self._piece(" ", start, end, False)

    def _drop_last_char(self) -> None:
        """Take back the last character emitted (a trailing space): from a verbatim piece, or a whole space piece."""
        s, e, verbatim = self.orig[-1]
        if verbatim:  # one character off the piece, and off its last part (a piece may span several parts)
            self.ends[-1] -= 1
            self.orig[-1] = (s, e - 1, True)
            if self.ends[-1] == self.starts[-1]:
                for pieces in (self.starts, self.ends, self.orig):
                    pieces.pop()
            if len(self.parts[-1]) > 1:
                self.parts[-1] = self.parts[-1][:-1]
            else:
                self.parts.pop()
            self.length -= 1
        else:  # a piece of its own (a folded line break, a decoded &nbsp;): all of it
            self.length -= len(self.parts[-1])
            for stack in (self.parts, self.starts, self.ends, self.orig):
                stack.pop()
        in_block = self.parts and self._block is not None and self.length > self._block[0]
        self._last = self.parts[-1][-1] if in_block else ""

    def put(self, text: str, start: int, end: int) -> None:
        """`text` standing for original[start:end] (a decoded entity or escape)."""
        if text and text.strip() == "" and "\n" in text:
            text = " "
        self._piece(text, start, end, text == self.original[start:end])

    def hide(self, start: int, end: int) -> None:
        """Inline content left unchecked (a code span): a placeholder, if words follow in the block."""
        if self._block is not None and self._last:
            self._hidden = (self._hidden[0], end) if self._hidden else (start, end)

    def space(self, at: int, end: int | None = None) -> None:
        """A word break that has no character of its own in the file (a soft line break, a `<br>`)."""
        if self._last and self._last not in " \n":
            self._piece(" ", at, at if end is None else end, False)

    def open(self, role: str, escape: Callable[[str], str] = plain) -> None:
        """Start a block; the previous one ends, and a paragraph break separates them."""
        self.close()
        self._block = (self.length, role, escape)
        self._last = ""
        self._hidden = None

    def close(self) -> None:
        if self._block is None:
            return
        start, role, escape = self._block
        while self.length > start and self._last in HORIZONTAL:
            self._drop_last_char()
        if self.length > start:
            self.segments.append(Segment(start, self.length, role, escape))
            self._break()
        self._block = None
        self._last = ""
        self._hidden = None

    def _break(self) -> None:
        at = self.orig[-1][1] if self.orig else self._last_orig
        self.starts.append(self.length)
        self.ends.append(self.length + len(BLOCK_BREAK))
        self.orig.append((at, at, False))
        self.parts.append(BLOCK_BREAK)
        self.length += len(BLOCK_BREAK)

    def result(self) -> Extracted:
        self.close()
        if self.parts and self.parts[-1] == BLOCK_BREAK:
            for stack in (self.parts, self.starts, self.ends, self.orig):
                stack.pop()
            self.length -= len(BLOCK_BREAK)
        return Extracted(self.original, "".join(self.parts), self.format, self.starts, self.ends, self.orig, self.segments)


def compose(inner: Extracted, outer: Extracted, original: str, fmt: str) -> Extracted:
    """`inner` was extracted from `outer.text`; map it through `outer` to `original`."""
    starts: list[int] = []
    ends: list[int] = []
    orig: list[tuple[int, int, bool]] = []
    for s, e, (m0, m1, verbatim) in zip(inner.ext_starts, inner.ext_ends, inner.orig):
        if verbatim:
            i = s
            while i < e:  # split where the outer pieces split
                mid = m0 + (i - s)
                k = bisect.bisect_right(outer.ext_starts, mid) - 1
                o_s, o_e, o_v = outer.orig[k]
                run = min(e - i, outer.ext_ends[k] - mid)
                at = o_s + mid - outer.ext_starts[k]
                starts.append(i)
                ends.append(i + run)
                orig.append((at, at + run, True) if o_v else (o_s, o_e, False))
                i += run
        else:
            a, b = outer.span(m0, m1) if m1 > m0 else (outer.start(m0), outer.start(m0))
            starts.append(s)
            ends.append(e)
            orig.append((a, b, False))
    return Extracted(original, inner.text, fmt, starts, ends, orig, inner.segments)
