"""`bilingual-text`: what the copy left untranslated, or left out, of its aligned source.

Untranslated: a Han run of the copy that stands in its aligned source
segment (flagged on the same span as zh-en.untranslated-cjk, which it then
proves). Omitted: inside an aligned segment, a source sentence the sentence
alignment pairs with nothing, or a segment much shorter than its source
(English is about four times the Chinese characters in the professional
newstest2020 references; under `min_ratio` is flagged); the finding points at
the English sentence before the gap.
"""

from __future__ import annotations

import regex

from checker.bilingual.align import RATIO, _han_length, segments, sentence_pairs
from checker.finding import Match

PARAMS = {
    "check": {"enum": ["untranslated", "omission"]},
    "min_ratio": {"type": "number", "description": "omission: English characters per Chinese character under which a segment is short"},
    "min_source_chars": {"type": "integer", "description": "omission: shortest source sentence worth reporting"},
}
REQUIRED = ("check",)
PLACEHOLDERS = {"source_text"}

# Segments at least this long (English characters per Chinese one) skip the sentence alignment: a dropped
# sentence of twelve words or more takes a segment of two or three sentences well under it (references: median 4.0).
SUSPECT_RATIO = 3.4
HAN_RUN = regex.compile(r"\p{Han}(?:[\p{Han}·・]*\p{Han})?")


def build(params, context):
    what = params["check"]
    min_ratio = params.get("min_ratio", 2.4)
    min_chars = params.get("min_source_chars", 15)

    def untranslated(doc):
        src = doc.source.text
        for seg in segments(doc):
            piece = src[seg.source.start : seg.source.end]
            for m in HAN_RUN.finditer(doc.text, seg.target.start, seg.target.end):
                if len(m.group()) >= 2 and m.group() in piece:
                    at = seg.source.start + piece.index(m.group())
                    yield Match(m.start(), m.end(), source_related=((at, at + len(m.group()), "the same text in the source"),))

    def omission(doc):
        src = doc.source.text
        for seg in segments(doc):
            if seg.target.start == seg.target.end or seg.source.start == seg.source.end:
                continue
            if HAN_RUN.search(doc.text, seg.target.start, seg.target.end):
                continue  # untranslated text, reported as such
            tlen = seg.target.end - seg.target.start
            slen = _han_length(src, seg.source)
            if tlen >= SUSPECT_RATIO * slen:
                continue  # long enough for all its source: the sentence alignment is not needed
            for k, (tgt, srcs) in enumerate(beads := sentence_pairs(doc, seg)):
                if tgt or not srcs:
                    continue
                gap = srcs[0]
                if sum(_han_length(src, s) for s in srcs) < min_chars:
                    continue
                before = next((b[0][-1] for b in reversed(beads[:k]) if b[0]), None)
                after = next((b[0][0] for b in beads[k + 1 :] if b[0]), None)
                at = before or after
                if at is not None:
                    yield Match(at.start, at.end, source_related=((gap.start, srcs[-1].end, "the source sentence with no translation"),))
            if slen >= 2 * min_chars and tlen < min_ratio * slen:
                yield Match(seg.target.start, seg.target.end,
                            source_related=((seg.source.start, seg.source.end, "the aligned source segment"),))

    check = untranslated if what == "untranslated" else omission

    def run(doc):
        if doc.source is None:
            return ()
        return check(doc)

    return run
