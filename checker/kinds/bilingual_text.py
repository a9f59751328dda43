"""`bilingual-text`: what the copy left untranslated, or left out, of its aligned source.

Untranslated: a Han run of the copy that stands in its aligned source
segment (flagged on the same span as zh-en.untranslated-cjk, which it then
proves). Omitted: inside an aligned segment, a source sentence the sentence
alignment pairs with nothing, or a segment much shorter than its source
(English is about four times the Chinese characters in the professional
newstest2020 references; under `min_ratio` is flagged); the finding points at
the English sentence before the gap. A source sentence with no English of its
own whose neighbour's English is long enough for both (at `min_ratio`) was
merged into it (`A；B；C。` as one English sentence), not dropped.
"""

from __future__ import annotations


from checker.bilingual.align import segments, sentence_pairs
from checker.finding import Match
from checker.patterns import compiled

PARAMS = {
    "check": {"enum": ["untranslated", "omission"]},
    "min_ratio": {"type": "number", "description": "omission: English characters per Chinese character under which a segment is short"},
    "min_source_chars": {"type": "integer", "description": "omission: shortest source sentence worth reporting"},
    "min_segment_chars": {"type": "integer", "description": "omission: shortest source segment whose length ratio is judged"},
    "short_ratio": {"type": "number", "description": "omission: the ratio under which a segment of min_short_chars to min_segment_chars is short"},
    "min_short_chars": {"type": "integer", "description": "omission: shortest source segment judged against short_ratio"},
}
REQUIRED = ("check",)
PLACEHOLDERS = {"source_text", "reason"}

# English letters per Chinese character (a Latin letter or digit of the source counting a third) in the
# professional references of newstest2020, segments of 30 characters or more: median 3.83; 1% under 2.37,
# 0.5% under 2.19. A segment at least SUSPECT_RATIO long skips the sentence alignment: a dropped sentence of
# twelve words or more takes a segment of two or three sentences well under it.
MEDIAN_RATIO = 3.8
SUSPECT_RATIO = 3.2
# Counted as runs (a run's length adds up): a list of one string a character cost three times as much.
LETTERS = compiled(r"[\p{L}\p{N}]+")
HAN_CHARS = compiled(r"\p{Han}+")
LATIN = compiled(r"[A-Za-z0-9]+")


# Within ASCII, [\p{L}\p{N}] is [A-Za-z0-9]: an English segment's letters and digits are counted by deleting the
# other bytes in C (a tenth of the regex's time a segment).
ASCII_NOT_ALNUM = bytes(c for c in range(128) if not chr(c).isalnum())


def english_weight(text: str, start: int, end: int) -> int:
    piece = text[start:end]
    if piece.isascii():
        return len(piece.encode("ascii").translate(None, ASCII_NOT_ALNUM))
    return sum(map(len, LETTERS.findall(text, start, end)))


def source_weight(text: str, start: int, end: int) -> float:
    """Chinese characters, plus a third of the Latin letters and digits: spaces and punctuation do not count."""
    return sum(map(len, HAN_CHARS.findall(text, start, end))) + sum(map(len, LATIN.findall(text, start, end))) / 3
HAN_RUN = compiled(r"\p{Han}(?:[\p{Han}·・]*\p{Han})?")
# A foreign name written in Han characters by sound, its parts joined by a middle dot or hyphen
# (马赛厄斯·佩西格里翁, 皮提耶-萨尔佩特里尔): one short syllable a character, about two English letters,
# so for the segment's length ratio such a character counts TRANSLITERATED_WEIGHT of an ordinary one.
TRANSLITERATION = compiled(r"\p{Han}+(?:[·・‧\-－]\p{Han}+)+")
NAME_JOINER = compiled(r"[·・‧\-－]")
TRANSLITERATED_WEIGHT = 0.5


def transliterated_chars(text: str, start: int, end: int) -> int:
    if not NAME_JOINER.search(text, start, end):
        return 0  # most segments: no joined name, and the pattern's search through every Han run is not cheap
    return sum(sum(map(len, HAN_CHARS.findall(m.group()))) for m in TRANSLITERATION.finditer(text, start, end))


def build(params, context):
    what = params["check"]
    min_ratio = params.get("min_ratio", 2.3)
    min_chars = params.get("min_source_chars", 15)
    min_segment = params.get("min_segment_chars", 50)
    short_ratio = params.get("short_ratio", 0.0)
    min_short = params.get("min_short_chars", min_segment)

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
            weight = source_weight(src, seg.source.start, seg.source.end)
            if weight < min_chars:
                continue
            sounded = transliterated_chars(src, seg.source.start, seg.source.end) * (1 - TRANSLITERATED_WEIGHT)
            ratio = english_weight(doc.text, seg.target.start, seg.target.end) / max(weight - sounded, 1)
            if ratio >= SUSPECT_RATIO:
                continue  # long enough for all its source: the sentence alignment is not needed
            gaps = 0
            for k, (tgt, srcs) in enumerate(beads := sentence_pairs(doc, seg)):
                if tgt or not srcs or sum(source_weight(src, s.start, s.end) for s in srcs) < min_chars:
                    continue
                before = next((b[0][-1] for b in reversed(beads[:k]) if b[0]), None)
                at = before or next((b[0][0] for b in beads[k + 1 :] if b[0]), None)
                gap_weight = sum(source_weight(src, s.start, s.end) for s in srcs)
                if any(absorbs(doc.text, src, b, gap_weight) for b in beads[max(0, k - 1) : k + 2] if b[0]):
                    continue  # a neighbour long enough for its own source and this one: two sentences merged
                if at is not None:
                    gaps += 1
                    yield Match(at.start, at.end, {"reason": "a source sentence has no translation next to this one"},
                                source_related=((srcs[0].start, srcs[-1].end, "the source sentence with no translation"),))
            if not gaps and (weight >= min_segment and ratio < min_ratio or min_short <= weight < min_segment and ratio < short_ratio):
                yield Match(seg.target.start, seg.target.end,
                            {"reason": f"this paragraph is short for its source ({ratio:.1f} letters a Chinese character; "
                                       f"professional translations give {MEDIAN_RATIO}, rarely under {min_ratio})"},
                            source_related=((seg.source.start, seg.source.end, "the aligned source segment"),))

    def absorbs(text: str, src: str, bead, extra: float) -> bool:
        """The bead's English carries its source and `extra` more characters at min_ratio or better: a
        translator who joined `...；一年期利率持平。` into the sentence before, not one who dropped it."""
        english = sum(english_weight(text, t.start, t.end) for t in bead[0])
        return english >= min_ratio * (sum(source_weight(src, s.start, s.end) for s in bead[1]) + extra)

    check = untranslated if what == "untranslated" else omission

    def run(doc):
        if doc.source is None:
            return ()
        return check(doc)

    return run
