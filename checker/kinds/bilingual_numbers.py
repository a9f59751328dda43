"""`bilingual-numbers`: a number in the copy that its aligned source segment does not hold.

Reads the original through checker.bilingual: each English digit number
(with its scale word, ordinal ending) must equal a value of the aligned
Chinese segment, or round to one as written (30.5 million for 3049万). When
exactly one source number has no counterpart in the English, it is the
replacement. A year beside 今年/去年-style relative dates in the source is
not checked: the translator resolved the date.
"""

from __future__ import annotations

from checker.bilingual.align import segments
from checker.bilingual.numbers import RELATIVE_DAY, RELATIVE_YEAR, is_day, ZH_YEAR, en_months, en_numbers, is_year, matches, written_like, zh_numbers
from checker.finding import Fix, Match

import regex

# A conversion the translator adds in brackets: "300亿元" -> "30 billion yuan (about 4.3 billion U.S. dollars)"
ADDED = regex.compile(r"[(\[](?:about|approximately|approx\.|around|roughly|some|nearly|almost|equivalent to|or)\b[^)\]]*\Z", regex.I)

PARAMS = {
    "check_relative_years": {"type": "boolean", "description": "check years although the source says 今年/去年 (default false)"},
}
REQUIRED = ()
PLACEHOLDERS = {"suggestion", "source_text", "hint"}


def build(params, context):
    relative_years = params.get("check_relative_years", False)

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
            chinese, values = zh_numbers(stext, seg.source.start, seg.source.end)
            near = set(values)
            for other in all_segments[max(0, k - 1) : k + 2]:  # a translator may move a figure across a line
                near |= zh_numbers(stext, other.source.start, other.source.end)[1]
            skip_days = RELATIVE_DAY.search(stext, seg.source.start, seg.source.end)
            skip_years = not relative_years and (RELATIVE_YEAR.search(stext, seg.source.start, seg.source.end)
                                                
                                                 or not ZH_YEAR.search(stext, seg.source.start, seg.source.end))
            wrong = [n for n in english if not matches(n, near) and not (skip_years and is_year(n))
                     and not (skip_days and is_day(n)) and not ADDED.search(doc.text, seg.target.start, n.start)]
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
