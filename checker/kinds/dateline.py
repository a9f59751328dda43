"""`dateline`: the opening `PLACE, Month Day (Reporter)` of a wire story, and dates that cannot be.

The dateline is looked for at the start of the first few paragraphs, in the
forms `PLACE, Month Day (...)` and `Agency, PLACE, Month Day (...)`, also with
`--` instead of a bracket. `check` picks what a rule reports:
- `month`: a month name misspelt or abbreviated off-style (`Novmber`, `Spet.`,
  `november`); full names and the usual abbreviations (AP `Nov.`, Reuters
  `Nov`) are correct;
- `date`: a day the month does not have (`February 30`, `April 31`),
  in the dateline or anywhere in the copy;
- `relative-day`: `On the 26th` in a story datelined `November 11`: the
  source's bare day number cannot fall on the dateline day or a few days
  before it, so the event day was probably mistranslated or is stale.
"""

from __future__ import annotations

from itertools import chain

from rapidfuzz import fuzz, process

from checker.finding import Match
from checker.patterns import compiled

PARAMS = {
    "check": {"enum": ["month", "date", "relative-day"]},
    "within_paragraphs": {"type": "integer", "minimum": 1, "description": "look for the dateline in this many opening paragraphs (default 3)"},
    "window_days": {"type": "integer", "minimum": 0, "description": "relative-day: how many days before the dateline an event may lie (default 7)"},
}
REQUIRED = ("check",)
PLACEHOLDERS = {"suggestion", "other", "meant", "days"}

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
ABBREVIATIONS = {"Jan": 1, "Feb": 2, "Aug": 8, "Sept": 9, "Sep": 9, "Oct": 10, "Nov": 11, "Dec": 12}
DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

SEGMENT = r"\p{Lu}[\p{L}\p{M}.'’-]*(?: (?:\p{Lu}[\p{L}\p{M}.'’-]*|of|and))*"
DATELINE = compiled(
    rf"(?:{SEGMENT}, ){{1,2}}(?P<month>\p{{L}}+\.?) (?P<day>\d{{1,2}})(?!\d)(?:, (?P<year>\d{{4}}))?"
    r"(?=[ \t]*(?:\(|--|-|\u2013|\u2014|/|$))"
)
MONTH_DAY = compiled(rf"\b(?P<month>{'|'.join(MONTHS)}) (?P<day>\d{{1,2}})(?!\d|,\d|\.\d)(?:,? (?P<year>\d{{4}}))?")
RELATIVE_DAY = compiled(
    r"\b[Oo]n the (?:(?:morning|afternoon|evening|night) of the )?(?P<day>\d{1,2})(?:st|nd|rd|th)\b"
    r"(?=\s*[,;(]|\s+(?:of (?:this|the) month|local time)\b|(?<=of the \d+\w\w))"
)


def month_number(word: str) -> int | None:
    """The month a correctly written month name or abbreviation names, else None."""
    if word.rstrip(".") in ABBREVIATIONS:  # AP `Nov.`, Reuters `Nov`
        return ABBREVIATIONS[word.rstrip(".")]
    for i, name in enumerate(MONTHS, 1):
        if word in (name, name.upper()):
            return i
    return None


def likely_month(word: str) -> str | None:
    """The month a malformed month word was probably meant to be, or None if it is no month."""
    bare = word.rstrip(".").casefold()
    for name in MONTHS:
        if len(bare) >= 3 and name.casefold().startswith(bare):
            return name
    candidates = {m.casefold(): m for m in MONTHS} | {a.casefold(): MONTHS[n - 1] for a, n in ABBREVIATIONS.items()}
    best = process.extractOne(bare, list(candidates), scorer=fuzz.ratio, score_cutoff=75)
    return candidates[best[0]] if best else None


def impossible(month: int, day: int, year: str | None) -> bool:
    if day < 1 or day > DAYS[month - 1]:
        return True
    if month == 2 and day == 29 and year:
        y = int(year)
        return not (y % 4 == 0 and (y % 100 != 0 or y % 400 == 0))
    return False


def find_dateline(doc, within: int):
    """The dateline match in the first `within` paragraphs, or None. The three shipped rules of this kind ask
    the same story in turn: the answer is kept on the document, as checker.bilingual.align.segments keeps its pairs."""
    key = ("_dateline", within)
    if key in doc.__dict__:
        return doc.__dict__[key]
    found = None
    for para in doc.paragraphs[:within]:
        m = DATELINE.match(doc.text, para.body_start, para.end)
        if m and (month_number(m.group("month")) or likely_month(m.group("month"))):
            found = m
            break
    doc.__dict__[key] = found
    return found


def build(params, context):
    check = params["check"]
    within = params.get("within_paragraphs", 3)
    window = params.get("window_days", 7)

    def run(doc):
        dateline = find_dateline(doc, within)
        if check == "month":
            if dateline and month_number(dateline.group("month")) is None:
                name = likely_month(dateline.group("month"))
                yield Match(*dateline.span("month"), {"suggestion": name, "replacements": (name,) if name else ()})
        elif check == "date":
            seen = set()
            # streamed: a long story's every month-day match held at once was a peak of its own
            for m in chain([dateline] if dateline else [], MONTH_DAY.finditer(doc.text)):
                month = month_number(m.group("month")) or MONTHS.index(likely_month(m.group("month"))) + 1
                if m.span("day") not in seen and impossible(month, int(m.group("day")), m.group("year")):
                    seen.add(m.span("day"))
                    yield Match(m.start("month"), m.end("year") if m.group("year") else m.end("day"))
        elif dateline:
            month = month_number(dateline.group("month")) or MONTHS.index(likely_month(dateline.group("month"))) + 1
            day = int(dateline.group("day"))
            date_span = (dateline.start("month"), dateline.end("day"))
            for m in RELATIVE_DAY.finditer(doc.text):
                d = int(m.group("day"))
                before = day - d if d <= day else day + DAYS[(month - 2) % 12] - d
                if before > window:
                    meant = f"{MONTHS[month - 1 if d <= day else (month - 2) % 12]} {d}"  # the latest such day before the dateline
                    yield Match(*m.span(), {"other": doc.text[slice(*date_span)], "meant": meant, "days": before},
                                related=((*date_span, "dateline"),))

    return run
