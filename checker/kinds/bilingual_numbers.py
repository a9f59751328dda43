"""`bilingual-numbers`: a number in the copy that its aligned source segment does not hold.

Reads the original through checker.bilingual: each English digit number
(with its scale word, ordinal ending) must equal a value of the aligned
Chinese segment, or round to one as written (30.5 million for 3049万). When
exactly one source number has no counterpart in the English, it is the
replacement. A year beside 今年/去年-style relative dates in the source is
not checked: the translator resolved the date.
With `check: missing` (bilingual.number-missing, info) it looks the other way:
a source quantity the English gives nowhere (see `missing`).
"""

from __future__ import annotations

from checker.bilingual.align import segments
from checker.bilingual.numbers import (EN_DAY_WORD, EN_YEAR_WORD, RELATIVE_DAY, RELATIVE_YEAR, ZH_YEAR, en_digit_values, en_months, en_numbers, en_word_values,
                                       is_day, is_year, matches, rendered, written_like, zh_counted, zh_numbers)
from checker.bilingual.romanise import letters, readings
from checker.finding import Fix, Match

import regex
from checker.patterns import compiled

# A conversion the translator adds in brackets: "300亿元" -> "30 billion yuan (about 4.3 billion U.S. dollars)"
ADDED = compiled(r"[(\[](?:about|approximately|approx\.|around|roughly|some|nearly|almost|equivalent to|or)\b[^)\]]*\Z", regex.I)

PARAMS = {
    "check": {"enum": ["mismatch", "missing"], "description": "mismatch (default): copy numbers the source lacks; missing: source quantities the copy lacks"},
    "check_relative_years": {"type": "boolean", "description": "check years although the source says 今年/去年 (default false)"},
}
REQUIRED = ()
PLACEHOLDERS = {"suggestion", "source_text", "hint"}


HAN = compiled(r"\p{Han}")
CAPITALISED_WORD = compiled(r"\b\p{Lu}[\p{Ll}-]+")


def build(params, context):
    relative_years = params.get("check_relative_years", False)
    if params.get("check") == "missing":
        return lambda doc: missing(doc, relative_years)

    def check(doc):
        if doc.source is None:
            return
        stext = doc.source.text
        all_segments = segments(doc)
        for k, seg in enumerate(all_segments):
            if seg.target.start == seg.target.end or seg.source.start == seg.source.end:
                continue
            english = en_numbers(doc.text, seg.target.start, seg.target.end)
            if not english:
                continue
            chinese = zh_numbers(stext, seg.source.start, seg.source.end)[0]
            wrong = wrong_numbers(doc, all_segments, k, english, relative_years)
            if not wrong:
                continue
            months = en_months(doc.text, seg.target.start, seg.target.end)
            unmatched = [z for z in chinese if z.value not in months and not any(matches(n, {z.value}) for n in english)]
            for n in wrong:
                if len(unmatched) == 1 and unmatched[0].value >= n.scale:
                    z = unmatched[0]
                    suggestion = written_like(z.value, n)
                    written = stext[z.start : z.end]
                    hint = f"; the source has {written}" + ("" if written == suggestion else f": '{suggestion}'")
                    yield Match(n.start, n.end, {"suggestion": suggestion, "hint": hint},
                                fixes=(Fix(n.start, n.end, suggestion, False),),
                                source_related=((z.start, z.end, "the source's number"),))
                else:
                    yield Match(n.start, n.end, {"hint": ""},
                                source_related=((seg.source.start, seg.source.end, "the aligned source segment"),))

    return check


def wrong_numbers(doc, all_segments, k: int, english: list, relative_years: bool) -> list:
    """The English numbers of segment k that its source (or the segments either side) does not hold."""
    stext, seg = doc.source.text, all_segments[k]
    near = set(zh_numbers(stext, seg.source.start, seg.source.end)[1])
    for other in all_segments[max(0, k - 1) : k + 2]:  # a translator may move a figure across a line
        near |= zh_numbers(stext, other.source.start, other.source.end)[1]
    skip_days = RELATIVE_DAY.search(stext, seg.source.start, seg.source.end)
    skip_years = not relative_years and (RELATIVE_YEAR.search(stext, seg.source.start, seg.source.end)
                                         or not ZH_YEAR.search(stext, seg.source.start, seg.source.end))
    return [n for n in english if not matches(n, near) and not (skip_years and is_year(n))
            and not (skip_days and is_day(n)) and not ADDED.search(doc.text, seg.target.start, n.start)]


def missing(doc, relative_years: bool = False):
    """Source quantities with no counterpart in the aligned English (nor in the segments either side),
    reported at the end of the English segment with the source number related. A year is looked for in
    the whole story (the copy says "this year" or gives it once), a day of the month is not looked for
    when the English names a weekday or "today" (the translator resolved the date)."""
    if doc.source is None:
        return
    stext = doc.source.text
    all_segments = segments(doc)
    story_years = None
    digits: dict[int, tuple] = {}  # segment -> en_digit_values, found once
    words: dict[int, set] = {}
    for k, seg in enumerate(all_segments):
        if seg.target.start == seg.target.end or seg.source.start == seg.source.end:
            continue
        counted = zh_counted(stext, seg.source.start, seg.source.end)
        if not counted or HAN.search(doc.text, seg.target.start, seg.target.end):
            continue  # no quantity, or Chinese left in the copy (bilingual.untranslated's)
        near = range(max(0, k - 1), min(len(all_segments), k + 2))
        english, values = [], set()
        for j in near:
            if j not in digits:
                digits[j] = en_digit_values(doc.text, all_segments[j].target.start, all_segments[j].target.end)
            english += digits[j][0]
            values |= digits[j][1]
        with_words = False
        reported, lacking = set(), []
        for c in counted:
            if c.value in reported or rendered(c, english, values):
                continue
            if not with_words:  # number words are looked for only when the digits do not give the number
                with_words = True
                for j in near:
                    if j not in words:
                        words[j] = en_word_values(doc.text, all_segments[j].target.start, all_segments[j].target.end)
                    values = values | words[j]
                if rendered(c, english, values):
                    continue
            if c.unit in ("年", "周年") or 1900 <= c.value <= 2100 and c.value.is_integer() and stext.startswith("年", c.end):
                if EN_YEAR_WORD.search(doc.text, seg.target.start, seg.target.end):
                    continue
                if story_years is None:
                    story_years = {n.base for n in en_numbers(doc.text)}
                if c.value in story_years:
                    continue
            if c.end - c.start == 1 and _romanised(doc.text, seg.target.start, seg.target.end, stext, c.start):
                continue
            if c.unit in ("日", "号") and EN_DAY_WORD.search(doc.text, seg.target.start, seg.target.end):
                continue
            reported.add(c.value)
            lacking.append(c)
        if lacking:
            own = en_numbers(doc.text, seg.target.start, seg.target.end)
            if len(lacking) <= len(wrong_numbers(doc, all_segments, k, own, relative_years)):
                continue  # each can be the counterpart of a wrong English number: bilingual.number-mismatch reports it
        for c in lacking:
            yield Match(seg.target.end, seg.target.end, source_related=((c.start, c.end, "the source's number"),))


def _romanised(text: str, start: int, end: int, stext: str, at: int) -> bool:
    """Is the numeral at stext[at] the first syllable of a name the English spells in Pinyin (三元朱村: Sanyuanzhu)?"""
    spelled = {a + b for a in readings(stext[at]) for b in readings(stext[at + 1 : at + 2])} if at + 1 < len(stext) else set()
    return any(letters(w.group()).startswith(tuple(spelled)) for w in CAPITALISED_WORD.finditer(text, start, end)) if spelled else False
