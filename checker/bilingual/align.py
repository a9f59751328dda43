"""Align the copy with its original: paragraphs, then sentences, Gale-Church style.

When both have as many paragraphs (lines) as each other, line i goes with
line i: desk copy and the WMT bitext are kept that way. Otherwise a dynamic
programme pairs runs of paragraphs (1-1, 1-2, 2-1, 2-2, 1-0, 0-1) by
length, English characters being about four times the Chinese (the
professional references of newstest2020: median 4.0, log spread 0.21), and
by anchors: numbers both sides hold, which pull true pairs together.
The same programme aligns the sentences inside a pair, which is where an
omitted sentence shows (a source sentence paired with nothing).
"""

from __future__ import annotations

import math
import re

from typing import NamedTuple

from checker.bilingual.numbers import en_numbers, zh_numbers
from checker.document import Document, Span
from checker.patterns import compiled

RATIO = 4.0  # English characters per Chinese character
SPREAD = 0.25  # standard deviation of log(ratio), a little wider than measured
PRIOR = {(1, 1): 0.0, (1, 2): 2.5, (2, 1): 2.5, (2, 2): 4.0, (1, 0): 5.0, (0, 1): 5.0, (1, 3): 5.0, (3, 1): 5.0}
# Inside a segment a dropped source sentence is what the omission rule looks for: cheaper than between paragraphs.
SENTENCE_PRIOR = {**PRIOR, (0, 1): 3.0}
ANCHOR_BONUS = 1.0  # per shared number
HAN_CHARS = compiled(r"\p{Han}+")  # counted as runs: cheaper than a list of one-character strings
LATIN = compiled(r"[A-Za-z0-9]+")
ZH_SENTENCE_END = re.compile(r"[。！？!?；;]+[”’」』）)]*")


class Segment(NamedTuple):
    """Aligned spans: `target` in the copy, `source` in the original (either may be empty)."""

    target: Span
    source: Span


def segments(doc: Document) -> list[Segment]:
    """The copy's paragraphs paired with the original's; [] without an original. Computed once per document."""
    cached = doc.__dict__.get("_bilingual_segments")
    if cached is not None:
        return cached
    out: list[Segment] = []
    if doc.source is not None:
        tgt = [Span(p.body_start, p.end) for p in doc.paragraphs]
        src = [Span(p.body_start, p.end) for p in doc.source.paragraphs]
        if len(doc.line_starts) == len(doc.source.line_starts):  # line for line (a bilingual file: unit for unit)
            out = [Segment(t, s) for t, s in zip(_lines(doc), _lines(doc.source)) if t.end > t.start or s.end > s.start]
        elif len(tgt) == len(src):
            out = [Segment(t, s) for t, s in zip(tgt, src)]
        else:
            for ti, si in align(doc.text, tgt, doc.source.text, src):
                out.append(Segment(_join(tgt, ti, doc.text), _join(src, si, doc.source.text)))
    doc.__dict__["_bilingual_segments"] = out
    return out


def sentence_pairs(doc: Document, segment: Segment) -> list[tuple[list[Span], list[Span]]]:
    """The sentences of one aligned segment, paired: (target sentences, source sentences) per bead."""
    assert doc.source is not None
    tgt = [s for s in doc.sentences if segment.target.start <= s.start and s.end <= segment.target.end]
    src = zh_sentences(doc.source.text, segment.source.start, segment.source.end)
    if not tgt or not src:
        return [(tgt, src)]
    return [([tgt[i] for i in ti], [src[i] for i in si]) for ti, si in align(doc.text, tgt, doc.source.text, src, SENTENCE_PRIOR)]


def zh_sentences(text: str, start: int, end: int) -> list[Span]:
    """Chinese sentences of text[start:end]: ended by 。！？； and any closing quote or bracket after them."""
    out, begin = [], start
    for m in ZH_SENTENCE_END.finditer(text, start, end):
        if text[begin : m.end()].strip():
            out.append(Span(begin, m.end()))
        begin = m.end()
    if text[begin:end].strip():
        out.append(Span(begin, end))
    return out


def align(ttext: str, tgt: list[Span], stext: str, src: list[Span], priors: dict = PRIOR) -> list[tuple[range, range]]:
    """Beads (target indices, source indices) covering both lists in order, least cost first."""
    tl = [_en_length(ttext, s) for s in tgt]
    sl = [_han_length(stext, s) for s in src]
    tnum = [{n.value for n in en_numbers(ttext, s.start, s.end)} for s in tgt]
    snum = [zh_numbers(stext, s.start, s.end)[1] for s in src]
    n, m = len(tgt), len(src)
    inf = float("inf")
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            here = cost[i][j]
            if here == inf:
                continue
            for (a, b), prior in priors.items():
                if i + a > n or j + b > m:
                    continue
                c = here + prior + _bead_cost(sum(tl[i : i + a]), sum(sl[j : j + b]))
                if a and b:
                    shared = set().union(*tnum[i : i + a]) & set().union(*snum[j : j + b])
                    c -= ANCHOR_BONUS * len(shared)
                if c < cost[i + a][j + b]:
                    cost[i + a][j + b] = c
                    back[i + a][j + b] = (a, b)
    beads = []
    i, j = n, m
    while i or j:
        step = back[i][j]
        assert step is not None  # every cell on the path was reached
        a, b = step
        beads.append((range(i - a, i), range(j - b, j)))
        i, j = i - a, j - b
    return beads[::-1]


def _bead_cost(tlen: int, slen: int) -> float:
    if not tlen or not slen:
        return (tlen + slen * RATIO) / 200  # an unpaired unit costs more the longer it is
    z = math.log(tlen / (RATIO * slen)) / SPREAD
    return z * z / 2


def _en_length(text: str, span: Span) -> int:
    """Characters of an English span; Chinese left in it counts as its English length would."""
    han = sum(map(len, HAN_CHARS.findall(text, span.start, span.end)))
    return span.end - span.start + int(han * (RATIO - 1))


def _han_length(text: str, span: Span) -> int:
    """Characters of a Chinese span; Latin runs count a quarter (they are English length already)."""
    latin = sum(map(len, LATIN.findall(text, span.start, span.end)))
    return max(1, span.end - span.start - latin + latin // 4)


def _lines(doc: Document) -> list[Span]:
    """Every line's text (leading white space and line break excluded), blank ones too."""
    out = []
    for i in range(1, len(doc.line_starts) + 1):
        start = doc.line_starts[i - 1]
        body = doc.line_text(i)
        lead = len(body) - len(body.lstrip())
        out.append(Span(start + lead, start + len(body.rstrip())) if body.strip() else Span(start, start))
    return out


def _join(spans: list[Span], indices: range, text: str) -> Span:
    if not indices:
        return Span(0, 0)
    return Span(spans[indices[0]].start, spans[indices[-1]].end)
