"""`numbered`: one entity, one number, bound through the sentence's structure.

Machine translation renders each number afresh, so one team is `the sixth
batch` in the lead and `the 7th batch` four paragraphs on, one coach heads
`the fourth squad` and then `the fifth squad`, one herd has 14 elephants and
then 16. No list of phrases can foresee these, so this kind reads structure:

- an *ordinal mention* is an ordinal (`7th`, `seventh`, `twenty-fifth`,
  `No. 9`) and the noun phrase after it (`Cross-Strait Farmers' Festival`,
  `batch of medical experts`);
- its *holder* is the person it is said of: `Name, head of the Nth X`,
  `Name, 44, who leads the Nth X`; a surname alone (`Gao, who leads ...`)
  or a title alone (`The team leader, who ...`) resolve to the person
  introduced earlier;
- a *nested* mention is `the Nth session of the Mth <body>`.

Two ordinal mentions conflict when they name one entity with two numbers:
the same holder (whatever the wording), or the same noun phrase (one may be
a bare back-reference, `the 7th batch` after `the sixth batch of medical
experts`) when nothing says they are two (another holder, a contrast cue such
as `previous` or `last year's`, a numbered series, different dates in their
sentences, a sequence of three or more numbers, `first` in a sequence, `No. 1`
beside `No. 2`). Nested mentions conflict when the same session is given two
numbers for bodies of one kind (`of the 13th regional committee` / `of the 12th
regional Party committee`), never when the bodies differ (central / regional).

In `counts` mode the kind compares counts instead: a count in the headline
against the same noun phrase in the lead; a definite back-reference (`the 73
enterprises that signed`) against the count that introduced the same set
doing the same thing (`37 enterprises signed`); the size of one group (`a
herd of 14 ...` / `the 16-strong herd`). Qualifiers (`more than`, `about`)
widen a count into a range; only counts whose ranges cannot meet conflict.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress
from operator import itemgetter

import regex

from checker.finding import Match
from checker.memo import WORD_MEMO, word_memo
from checker.textfold import norm_text, word_stem
from checker.kinds.base import compile_regex, load_data, name_vocabulary, RuleError
from checker.patterns import compiled

PARAMS = {
    "mode": {"enum": ["ordinals", "counts"], "description": "compare ordinals of entities, or counts of sets (default ordinals)"},
    "data": {"type": "string", "description": "data file (relative to the rule file): series, sequences, contrast_cues, number_words"},
    "stop_words": {"type": "string", "description": "data file (relative to the rule file) with stop_words"},
    "series": {"type": "array", "items": {"type": "string"}, "description": "more regexes for co-occurring numbered series"},
    "cue_window": {"type": "integer", "minimum": 0, "description": "words before a number a contrast cue may sit (default 4)"},
    "max_related": {"type": "integer", "minimum": 1},
    "name_data": {
        "type": "string",
        "description": "folder (relative to the rule file) of the name check's word lists: titles before a name "
        "(`Coach Liu Haibo`) are cut off so that a later surname finds the person",
    },
}
REQUIRED = ("data", "stop_words")
PLACEHOLDERS = {"entity", "value", "other_value", "other", "why"}

UNITS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
}
TEENS = {
    "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
TENTHS = {"twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90}
NUMERIC_ORDINAL = compiled(r"(\d{1,4})(?:st|nd|rd|th)", regex.IGNORECASE)
COUNT = compiled(r"\d{1,3}(?:,\d{3})+|\d+")
SIZE = compiled(r"(\d+)-(?:strong|member|person|people|man|men|woman|women|head|seat)", regex.IGNORECASE)

# Words that end a noun phrase though the stop-word list does not hold them.
BOUNDARY = frozenset(
    """since until during after before through across near under per via against including like within without
    whose whom what where when why how said says say told tells according held sent drew opened closed began
    ended arrived left visited met took won signed led headed launched attended hosted joined kicked wrapped
    wraps opens closes begins ends arrives leaves visits meets takes wins signs leads heads hosts joins""".split()
)
SIGNS = frozenset("signed signs".split())  # verbs a back-referenced set is bound by, though they end a noun phrase
ROLE_NOUNS = frozenset(
    "head leader chief captain coach member members director commander chairman chairwoman chair secretary "
    "deputy president manager principal organizer organiser founder".split()
)
ROLE_VERBS = frozenset(
    "heads leads led headed heading leading coaches coached coaching captains captained commands commanded "
    "chairs chaired joined joins runs ran manages managed directs directed".split()
)
TITLE_HEADS = frozenset("leader head chief captain coach commander director chairman chair manager".split())
QUALIFIERS = {
    "more": ("more than", "over", "above", "at least", "upwards of", "in excess of"),
    "less": ("nearly", "almost", "under", "less than", "fewer than", "up to", "close to", "just under"),
    "about": ("about", "around", "some", "roughly", "approximately", "an estimated", "estimated"),
}
UNIT_WORDS = frozenset(
    "percent pct per yuan dollar euro pound km kilometer kilometre meter metre mile tonne ton hectare mu year month week "
    "day hour minute second time billion million thousand hundred kilometer kilometre kilogram kg gram liter litre "
    "square cubic degree point vote seat".split()
)  # folded in build
LEVELS = frozenset("central national provincial regional municipal city county prefectural prefecture township district village".split())
TIME = compiled(
    r"\b(?:1[89]\d\d|20\d\d)\b"
    r"|\b(?:January|February|March|April|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b\.?(?:\s+\d{1,2})?"
    r"|\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
    r"|\b(?i:last|this|next|previous|the\s+previous|the\s+following)\s+(?:year|month|week|season|spring|summer|autumn|fall|winter)\b"
    r"|\b(?i:yesterday|today|tomorrow|ago|now)\b"
)
BARE_END = compiled(r"\s*(?:[,.;:)!?\u2014]|(?:is|was|were|are|has|had|have|will|would|said|says)\b)")  # nothing said after the phrase
FRAME_OVERLAP = 0.75  # content words two unmarked counts' clauses share to be one event
ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6}
LEVEL_NOUNS = frozenset("level class grade category".split())
OPENERS = LEVEL_NOUNS | {"no"}  # words that open a two-token mention (`No. 3`, `Level III`)
HYPHENS = frozenset("-\u2010\u2011")  # LEVEL_WORD needs one: tokens without are not tried
LEVEL_WORD = compiled(r"(?:level|class|grade|category)[-\u2010\u2011](\w+)|(\w+)[-\u2010\u2011]level", regex.IGNORECASE)
CHANGE = compiled(r"\b(?:upgrad|downgrad|rais|lower|elevat|lift|adjust|escalat|reduc|cut|downgrad)\w*", regex.IGNORECASE)
TIME_WINDOW = 10  # words either side of an ordinal in which a date is said of it (`the 5th edition in 2019`)
DATELINE = compiled(r"^[\p{Lu}][\p{Lu} .'-]+,\s+\p{Lu}\p{L}+\.?\s+\d{1,2}\b")
NUMERAL = compiled(r"\p{N}+")  # a run of number characters (\p{N} holds every character str.isdigit() takes)
# Norms of the ordinal words ordinal_value() reads (`sixth`, `twenty-first` with any of its hyphens): a token
# whose norm is not here and that does not open with a digit is no ordinal (its norm is its casefold).
ORDINAL_WORDS = frozenset([*UNITS, *TEENS, *TENTHS, *(a + h + b for a in TENS for b in UNITS for h in "-\u2010\u2011")])


def digit_tokens(doc) -> list[int]:
    """Indexes of the tokens whose first character is a digit that NUMERAL matches, in text order.

    Picked out in C from each token's first character (a scan of the text with NUMERAL and a bisect a run took
    twice as long); the few digits found are asked of NUMERAL itself, once per distinct character."""
    texts = doc.texts
    return [k for k in compress(range(len(texts)), map(str.isdigit, map(itemgetter(0), texts))) if _numeral(texts[k][0])]


@lru_cache(maxsize=1 << 10)
def _numeral(c: str) -> bool:
    return NUMERAL.match(c) is not None


@dataclass
class Ordinal:
    start: int  # the flagged span: the ordinal
    end: int
    value: int
    text: str
    style: str  # "digits", "words" or "no"
    np: tuple  # folded words of the noun phrase after the ordinal
    np_text: str
    comp: frozenset  # folded content words of an `of ...` complement
    inner: tuple | None  # (value, start, end, folded body words) of `of the Mth <body>`
    sentence: int
    times: frozenset
    holder: str | None = None
    holder_np: tuple = ()
    excluded: bool = False  # series member or after a contrast cue: never compared
    meta: dict = field(default_factory=dict)


def build(params, context):
    data = load_data(context, params["data"], "data")
    stop = frozenset(load_data(context, params["stop_words"], "stop_words").get("stop_words", []))
    series_sources = list(data.get("series", [])) + list(params.get("series", []))
    series = compile_regex("|".join(f"(?:{s})" for s in series_sources), "series", regex.IGNORECASE) if series_sources else None
    sequences = frozenset(word_stem(w) for w in data.get("sequences", []))
    cues = frozenset(w.casefold() for w in data.get("contrast_cues", []))
    words = {str(k).casefold(): int(v) for k, v in data.get("number_words", {}).items()}
    window = params.get("cue_window", 4)
    max_related = params.get("max_related", 3)
    vocab = name_vocabulary(params, context)
    units = frozenset(word_stem(w) for w in UNIT_WORDS)
    mode = params.get("mode", "ordinals")
    if mode not in ("ordinals", "counts"):
        raise RuleError(f"unknown mode {mode!r}", "mode")

    @word_memo(WORD_MEMO)  # asked of every token; words recur within and across stories
    def ordinal_value(text: str) -> tuple[int, str] | None:
        m = NUMERIC_ORDINAL.fullmatch(text)
        if m:
            return int(m.group(1)), "digits"
        t = text.casefold().replace("\u2010", "-").replace("\u2011", "-")
        if t in UNITS:
            return UNITS[t], "words"
        if t in TEENS:
            return TEENS[t], "words"
        if t in TENTHS:
            return TENTHS[t], "words"
        if "-" in t:
            a, _, b = t.partition("-")
            if a in TENS and b in UNITS:
                return TENS[a] + UNITS[b], "words"
        return None

    def level_value(text: str) -> int | None:
        t = text.casefold()
        if t.isdigit() and len(t) == 1:
            return int(t)
        if t in ROMAN:
            return ROMAN[t]
        got = ordinal_value(text)
        return got[0] if got else None

    @word_memo(WORD_MEMO)
    def count_value(text: str) -> int | None:
        if COUNT.fullmatch(text):
            return int(text.replace(",", ""))
        t = text.casefold()
        if "-" in t:
            a, _, b = t.partition("-")  # `twenty-three`
            if a in TENS and words.get(b) is not None and b not in UNITS and words[b] < 10:
                return TENS[a] + words[b]
        v = words.get(t)
        return v if v is not None and text.casefold() not in UNITS else None

    openers = OPENERS | ORDINAL_WORDS
    # Norms of every word count_value() reads as a number (all hold no apostrophe, so a norm is a casefold).
    count_words = frozenset(norm_text(w) for w in [*words, *(a + "-" + b for a in TENS for b in words)])
    # A qualifier ends the (space-folded, so never space-ended) text before a count; the endings with a space
    # after the phrase are kept from the first wording, which tried both
    qualifier_endings = [(kind, (*phrases, *(p + " " for p in phrases))) for kind, phrases in QUALIFIERS.items()]

    def content(tok_norm: str) -> bool:
        return tok_norm not in stop and not tok_norm[:1].isdigit()

    def times_near(doc, k: int, sentence) -> frozenset:
        """Dates said of the mention: within TIME_WINDOW words of the ordinal, in its sentence, after any dateline."""
        if sentence is None:
            return frozenset()
        starts, ends = doc.tokens.starts, doc.tokens.ends
        lo = max(sentence.start, starts[max(0, k - TIME_WINDOW)])
        hi = min(sentence.end, ends[min(len(starts) - 1, k + TIME_WINDOW)])
        dash = doc.text.rfind("--", sentence.start, starts[k])
        lo = max(lo, dash + 2) if dash >= 0 else lo
        return frozenset(" ".join(m.group().casefold().split()) for m in TIME.finditer(doc.text, lo, hi))

    def cue_before(doc, k: int, sstart: int) -> bool:
        starts, norms = doc.tokens.starts, doc.norms
        lo = k
        while lo > 0 and starts[lo - 1] >= sstart and k - lo < window:
            lo -= 1
        return any(norms[j] in cues or norms[j].endswith("'s") and norms[j][:-2] in cues for j in range(lo, k))

    def phrase(doc, k: int, limit: int = 6) -> list[int]:
        """Token indexes of the noun phrase starting at token k: glued words up to a function word or a verb."""
        texts, norms, glued, starts, ends = doc.texts, doc.norms, doc.glued, doc.tokens.starts, doc.tokens.ends
        out: list[int] = []
        j = k
        while j < len(texts) and len(out) < limit:
            n = norms[j]
            if n in stop or n in BOUNDARY or n[:1].isdigit() or count_value(texts[j]) is not None:
                break
            if out and n.endswith("ed") and texts[j][:1].islower() and len(n) > 4:
                break  # `festival held in ...`
            out.append(j)
            if j >= len(glued) or not (glued[j] or doc.text[ends[j] : starts[j + 1]] in ("' ", "\u2019 ")):
                break  # only spaces, or a plural possessive (`Farmers' Festival`), inside a phrase
            j += 1
        return out

    # ---------------------------------------------------------------- ordinals
    def ordinals(doc) -> list[Ordinal]:
        norms, glued, text, texts = doc.norms, doc.glued, doc.text, doc.texts
        starts, ends = doc.tokens.starts, doc.tokens.ends
        n = len(texts)
        out = []
        # Only tokens that can open a mention are visited: an ordinal (a word one, picked out in C by its
        # norm, or one opening with a digit), `No.`, a level noun or a hyphenated word (`Level-III`);
        # `floor` skips the number a two-token mention took.
        marks = set(compress(range(n), map(openers.__contains__, norms)))
        marks.update(k for k in digit_tokens(doc) if ordinal_value(texts[k]))
        marks.update(doc.hyphenated)
        floor = 0
        for k in sorted(marks):
            if k < floor:
                continue
            tok_text, tok_start, tok_end = texts[k], starts[k], ends[k]
            parsed = ordinal_value(tok_text)
            style = None
            if parsed:
                value, style = parsed
            elif norms[k] == "no" and k + 1 < n and texts[k + 1].isdigit() and regex.match(r"\.\s?$", text[tok_end : starts[k + 1]]):
                value, style = int(texts[k + 1]), "no"
                k += 1
            elif HYPHENS.intersection(tok_text) and (lv := LEVEL_WORD.fullmatch(tok_text)) and (got := level_value(lv.group(1) or lv.group(2))):
                value, style = got, "level"  # `Level-III`, `second-level`
            elif norms[k] in LEVEL_NOUNS and k + 1 < n and glued[k] and (got := level_value(texts[k + 1])):
                value, style = got, "level"  # `Level III emergency response`
                k += 1
            if style is None:
                continue
            two = style in ("no", "level") and starts[k] != tok_start  # the number is the second token
            start = starts[k - 1] if two else tok_start
            nxt = k + 1
            if nxt >= n or not glued[k] or count_value(texts[nxt]) is not None:
                floor = k + 1
                continue  # `the 26th.`, `the first two sets`
            np_idx = phrase(doc, nxt)
            if not np_idx:
                floor = k + 1
                continue
            np = tuple(word_stem(norms[j]) for j in np_idx)
            last = np_idx[-1]
            comp: frozenset[str] = frozenset()
            inner: tuple | None = None
            if last + 2 < n and glued[last] and norms[last + 1] in ("of", "for"):
                j = last + 2
                if norms[j] in ("the", "its", "a"):
                    j += 1
                inner_got = ordinal_value(texts[j]) if j < n else None
                if inner_got and j < len(glued) and glued[j - 1]:
                    body = phrase(doc, j + 1, 8)
                    if body:
                        inner = (inner_got[0], starts[j], ends[j], tuple(norms[b] for b in body), tuple(texts[b] for b in body))
                else:
                    cj = j
                    comp_words: list[str] = []
                    while cj < n and len(comp_words) < 8 and norms[cj] not in BOUNDARY \
                            and (norms[cj] not in stop or norms[cj] in ("and", "of") or cj == j):
                        if content(norms[cj]):
                            comp_words.append(word_stem(norms[cj]))
                        if cj >= len(glued) or not glued[cj]:
                            break
                        cj += 1
                    comp = frozenset(comp_words)
            sentence = doc.sentence_at(tok_start)
            sstart = sentence.start if sentence else tok_start
            after = text[tok_end : tok_end + 80].lstrip(" -\u2010\u2011")
            excluded = bool(series and series.match(after)) or cue_before(doc, k - (1 if two else 0), sstart)
            if style == "level" and sentence and CHANGE.search(text, sentence.start, sentence.end):
                excluded = True  # `upgraded its response from Level IV to Level III`: a change, not a conflict
            if np[-1] in sequences or np[0] in sequences:
                excluded = True
            o = Ordinal(start, tok_end, value, text[start : tok_end], style, np, text[starts[nxt] : ends[last]],
                        comp, inner, sstart, times_near(doc, k, sentence), excluded=excluded)
            o.meta["k"] = k - (1 if two else 0)
            o.meta["bare"] = not comp and inner is None and (last + 1 >= n or BARE_END.match(text, ends[last]) is not None)
            out.append(o)
            floor = k + 1
        return out

    def holders(doc, mentions: list[Ordinal]) -> None:
        """Bind each ordinal to the person it is said of, through an appositive title or a relative clause."""
        toks, norms, text = doc.tokens, doc.norms, doc.text
        people: list[tuple[str, tuple]] = []  # (key, name tokens) in text order, for surname back-references
        bound: list[tuple[str, tuple]] = []  # (holder, np) in text order, for title back-references
        shown: dict[str, str] = {}  # holder key -> the name as first written
        for o in mentions:
            k = o.meta["k"]
            j = k - 1
            if j >= 0 and norms[j] in ("the", "its", "his", "her", "their"):
                j -= 1
            elif j >= 0 and norms[j].endswith("'s"):
                j -= 1 if norms[j - 1] == "the" else 0
                j -= 1
            role = False
            if j >= 1 and norms[j] == "of" and norms[j - 1] in ROLE_NOUNS:
                role, j = True, j - 2
            elif j >= 0 and norms[j] in ROLE_VERBS:
                role, j = True, j - 1
                while j >= 0 and norms[j] in ("has", "have", "had", "also", "now", "still", "who", "been", "currently", "will"):
                    if norms[j] == "who":
                        j -= 1
                        break
                    j -= 1
            if not role:
                continue
            floor = max(o.sentence, toks[max(0, k - 18)].start)
            key = None
            i = j
            while i >= 0 and toks[i].start >= floor:
                t = toks[i]
                if t.text[:1].isupper() and not norms[i] in stop and t.text.isalpha() or ("-" in t.text and t.text[:1].isupper()):
                    run = [i]
                    while run[0] - 1 >= 0 and toks[run[0] - 1].start >= floor and toks[run[0] - 1].text[:1].isupper() \
                            and text[toks[run[0] - 1].end : toks[run[0]].start] == " " and norms[run[0] - 1] not in stop:
                        run.insert(0, run[0] - 1)
                    while len(run) > 2 or (len(run) == 2 and vocab and toks[run[0]].text in vocab.lead):
                        if not vocab or not (toks[run[0]].text in vocab.lead or vocab.is_common(toks[run[0]].text)):
                            break
                        run.pop(0)  # `Coach Liu Haibo`, `Judge ...`: a title, not the name
                    names = tuple(toks[r].text for r in run)
                    if len(names) == 1 and (i != j or not text[toks[i].end : toks[i].end + 1] == ","):
                        i = run[0] - 1
                        continue  # `a surgeon from Nanchang who leads`: a lone capitalised word inside an appositive is not the holder
                    if toks[run[0]].start == o.sentence and len(names) == 1 and norms[run[0]] in stop:
                        break
                    key = name_key(names, people)
                    if len(names) > 1:
                        shown.setdefault(key, " ".join(names))
                    break
                if norms[i] in TITLE_HEADS and i >= 1:
                    # `The team leader, who ...`: the person earlier bound to a `... team`
                    mod = word_stem(norms[i - 1])
                    if norms[i - 1] in stop or norms[i - 1].endswith("'s"):
                        cands = {h for h, _ in bound}  # `The coach, who ...`: the one person bound so far
                    else:
                        cands = {h for h, np in bound if mod in np or (np and np[-1] == mod)}
                    if len(cands) == 1:
                        key = cands.pop()
                    break
                i -= 1
            if key:
                o.holder, o.holder_np = key, o.np
                o.meta["holder_text"] = shown.setdefault(key, key)
                bound.append((key, o.np))

    def name_key(names: tuple, people: list) -> str:
        key = "".join(n.casefold() for n in names).replace("-", "").replace("\u2010", "")
        if len(names) == 1:
            hits = {k for k, toks in people if toks and names[0] in (toks[0], toks[-1])}
            if len(hits) == 1:
                return hits.pop()
        else:
            people.append((key, names))
        return key

    def compatible(a: Ordinal, b: Ordinal) -> bool:
        short, long_ = (a.np, b.np) if len(a.np) <= len(b.np) else (b.np, a.np)
        # English heads come last: `batch` is `the sixth batch`, `film` is not `Film Festival`; a longer shared
        # start allows for a verb the phrase ran into (`medical aid team wraps`)
        if long_[len(long_) - len(short) :] != short and not (len(short) >= 2 and long_[: len(short)] == short):
            return False
        if a.comp and b.comp:
            return len(a.comp & b.comp) >= 0.6 * min(len(a.comp), len(b.comp))
        # one generic word in common (`film`, `batch`): one entity only if one mention is a bare back-reference
        # (`members of the 7th batch,`); `the fifth film directed by X` and `the 50th film of the Y series` are two
        return len(short) > 1 or a.meta["bare"] or b.meta["bare"] or bool(a.inner and b.inner)

    def distinct_times(a: Ordinal, b: Ordinal) -> bool:
        return bool(a.times) and bool(b.times) and a.times != b.times

    def same_body(x: tuple, y: tuple) -> bool:
        """Two bodies of one kind: same head word, same level, no clashing proper name."""
        fx, fy = [word_stem(w) for w in x], [word_stem(w) for w in y]
        if fx[-1] not in fy and fy[-1] not in fx:
            return False
        lx, ly = LEVELS & set(x), LEVELS & set(y)
        if lx and ly and not lx & ly:
            return False
        return True

    def pair_kind(a: Ordinal, b: Ordinal) -> str | None:
        """Why two ordinal mentions (a before b) conflict: "nested", "holder", "phrase", or None."""
        if a.sentence == b.sentence:
            return None
        if a.inner and b.inner and a.value == b.value and a.np == b.np and a.inner[0] != b.inner[0]:
            if same_body(a.inner[3], b.inner[3]) and not distinct_times(a, b):
                return "nested"
            return None
        if a.value == b.value or not compatible(a, b):
            return None
        if a.holder and b.holder:
            return "holder" if a.holder == b.holder else None
        if (a.inner or b.inner) and not (a.inner and b.inner and a.inner[0] == b.inner[0] and same_body(a.inner[3], b.inner[3])):
            return None
        if distinct_times(a, b):
            return None
        if 1 in (a.value, b.value) or (a.style == b.style == "no"):
            return None
        return "phrase"

    def ordinal_conflicts(doc):
        mentions = ordinals(doc)
        holders(doc, mentions)
        live = [o for o in mentions if not o.excluded]
        yield from report(doc, conflicting_pairs(live))

    def conflicting_pairs(live: list[Ordinal]) -> list[tuple[str, Ordinal, Ordinal]]:
        """The pairs pair_kind() names, in text order, never comparing all pairs.

        Two mentions can conflict only when one noun phrase ends the other (same last word) or
        starts it (same first two words): mentions meet in blocks of those words. Nested and holder
        pairs need the same phrase and number, or the same holder: smaller blocks still. A phrase
        compared with mentions of more than one other number is a sequence (`the third, fourth and
        fifth batches`) or a history of editions, not one entity: such a mention is dropped as soon
        as two other numbers are found, so a block of a thousand numbered batches costs a few
        comparisons per mention."""
        blocks: dict[tuple, list[int]] = {}
        for i, o in enumerate(live):
            keys = [("last", o.np[-1])] + ([("first", o.np[:2])] if len(o.np) >= 2 else [])
            if o.inner:
                keys.append(("nested", o.np, o.value))
            if o.holder:
                keys.append(("holder", o.holder))
            for key in keys:
                blocks.setdefault(key, []).append(i)
        kept: dict[tuple[int, int], str] = {}

        def judged(i: int, j: int) -> str | None:
            return pair_kind(live[i], live[j]) if i < j else pair_kind(live[j], live[i])

        for key, members in blocks.items():
            if key[0] in ("nested", "holder"):
                for n, i in enumerate(members):
                    for j in members[n + 1 :]:
                        why = pair_kind(live[i], live[j])
                        if why in ("nested", "holder"):
                            kept[(i, j)] = why
        # Phrase pairs: the other numbers each mention is compared with, by block, date and number.
        index: dict[tuple, dict[frozenset, dict[bool, dict[int, list[int]]]]] = {}
        for key, members in blocks.items():
            if key[0] in ("last", "first"):
                by_time = index[key] = {}
                for i in members:
                    o = live[i]
                    by_time.setdefault(o.times, {}).setdefault(o.meta["bare"], {}).setdefault(o.value, []).append(i)

        def lone(o: Ordinal) -> bool:
            """One generic word said of something (`the 9th batch invested ...`): it meets only a bare
            back-reference (compatible())."""
            return len(o.np) == 1 and not o.meta["bare"] and not o.inner and not o.comp

        def partners(i: int, values: set | None, stop: int):
            """Other numbers of i's phrase partners (up to `stop` of them), or with `values`, every partner
            holding one of those numbers."""
            o = live[i]
            found: set[int] = set()
            keys = [("last", o.np[-1])] + ([("first", o.np[:2])] if len(o.np) >= 2 else [])
            for key in keys:
                by_time = index[key]
                times = [o.times, frozenset()] if o.times else list(by_time)
                bare = (True,) if lone(o) else (True, False)
                groups = ((v, g) for t in dict.fromkeys(times) for b in bare for v, g in by_time.get(t, {}).get(b, {}).items())
                for value, group in groups:
                    if value == o.value or (values is not None and value not in values) or (values is None and value in found):
                        continue
                    for j in group:
                        if j != i and judged(i, j) == "phrase":
                            if values is not None:
                                yield j
                                continue
                            found.add(value)
                            yield value
                            break
                    if values is None and len(found) >= stop:
                        return

        other: dict[int, set[int]] = {i: set(partners(i, None, 2)) for i in range(len(live))}
        for i, values in other.items():
            if len(values) == 1:
                for j in partners(i, values, 0):
                    if len(other[j]) == 1:
                        kept[(min(i, j), max(i, j))] = "phrase"
        return [(kept[pair], live[pair[0]], live[pair[1]]) for pair in sorted(kept)]

    def report(doc, pairs):
        """Flag, in each conflicting pair, the mention whose number fewer mentions give (ties: the later)."""
        weight = Counter()
        for why, a, b in pairs:
            key_a = a.inner[0] if why == "nested" else a.value
            key_b = b.inner[0] if why == "nested" else b.value
            weight[(why, key_a)] += 1
            weight[(why, key_b)] += 1
        flagged = {}
        for why, a, b in pairs:
            x, y = (b, a)
            if why == "nested":
                if weight[(why, a.inner[0])] < weight[(why, b.inner[0])]:
                    x, y = a, b
                span = (x.inner[1], x.inner[2])
                entity = f"the {x.text} {x.np_text}"
                other = doc.text[y.inner[1] : y.inner[2]]
                why_text = "one session cannot belong to two terms of one body"
            else:
                span = (x.start, x.end)
                longer = max((x, y), key=lambda m: len(m.np_text))
                entity = x.meta.get("holder_text", x.np_text) if why == "holder" else longer.np_text
                other = y.text
                why_text = "one person holds one post" if why == "holder" else "the same entity"
            if span in flagged:
                flagged[span][1].append(y)
                continue
            flagged[span] = (x, [y], entity, other, why_text, why)
        for span, (x, ys, entity, other, why_text, why) in flagged.items():
            rel = []
            for y in ys[:max_related]:
                s, e = (y.inner[1], y.inner[2]) if why == "nested" else (y.start, y.end)
                rel.append((s, e, f"{entity}: {doc.text[s:e]}"))
            yield Match(
                span[0],
                span[1],
                {"entity": entity, "value": doc.text[span[0] : span[1]], "other_value": other, "other": other, "why": why_text},
                related=tuple(rel),
            )

    # ------------------------------------------------------------------ counts
    def qualifier(doc, k: int) -> str | None:
        at = doc.tokens.starts[k]
        before = " ".join(doc.text[max(0, at - 24) : at].casefold().split())
        for kind, endings in qualifier_endings:
            if before.endswith(endings):
                return kind
        return None

    def span_of(value: int, kind: str | None) -> tuple[float, float]:
        if kind == "more":
            return value, value * 1.5
        if kind == "less":
            return value * 0.8, value
        if kind == "about":
            return value * 0.85, value * 1.15
        return value, value

    def clash(a, b) -> bool:
        (a0, a1), (b0, b1) = span_of(a[0], a[1]), span_of(b[0], b[1])
        return a1 < b0 or b1 < a0

    def counts(doc):
        norms, text, texts, glued = doc.norms, doc.text, doc.texts, doc.glued
        starts, ends = doc.tokens.starts, doc.tokens.ends
        n = len(texts)
        out = []
        # only a count or a token opening with a digit (a size: `20-member`) is visited: the tokens opening
        # with a digit, and the number words, picked out in C by their norms
        marks = set(compress(range(n), map(count_words.__contains__, norms)))
        marks.update(digit_tokens(doc))
        for k in sorted(marks):
            tok_text, tok_start, tok_end = texts[k], starts[k], ends[k]
            value = count_value(tok_text)
            if value is None and not tok_text[:1].isdigit():
                continue
            size = tok_text[:1].isdigit() and SIZE.fullmatch(tok_text)  # SIZE starts with a digit
            if size:
                np_idx = phrase(doc, k + 1, 3)
                if np_idx:
                    out.append(dict(k=k, start=tok_start, end=tok_end, value=int(size.group(1)), q=None, kind="size",
                                    group=frozenset(word_stem(norms[j]) for j in np_idx),
                                    definite=k > 0 and norms[k - 1] in ("the", "this", "that"), np=()))
                continue
            if value is None or k + 1 >= n or not glued[k]:
                continue
            if k >= 3 and norms[k - 1] == "of" and norms[k - 2].isalpha() and norms[k - 2] not in stop \
                    and norms[k - 3] in ("a", "an", "the", "this", "its") and all(glued[k - 3 : k]) \
                    and k + 1 < n and word_stem(norms[k + 1]) not in units and norms[k + 1].isalpha():
                # `a herd of 14 wild Asian elephants`: the size of a group
                out.append(dict(k=k, start=tok_start, end=tok_end, value=value, q=None, kind="size", group=frozenset([word_stem(norms[k - 2])]),
                                definite=norms[k - 3] not in ("a", "an"), np=()))
            np_idx = phrase(doc, k + 1, 5)
            if not np_idx:
                continue
            tail = np_idx[-1]
            # `young people from Taiwan`: keep one `from|of X` tail
            if tail + 2 < n and glued[tail] and norms[tail + 1] in ("from", "of", "in") and glued[tail + 1] and texts[tail + 2][:1].isupper():
                np_idx = np_idx + [tail + 1, tail + 2]
            np = tuple(word_stem(norms[j]) for j in np_idx)
            after = np_idx[-1] + 1
            while after < n and norms[after] in ("that", "who", "which", "have", "has", "had", "also", "all", "jointly"):
                after += 1
            verb = word_stem(norms[after]) if after < n and glued[after - 1] and content(norms[after]) and norms[after] not in BOUNDARY - ROLE_VERBS - SIGNS else None
            verb_text = texts[after] if verb else ""
            frame = []
            j = after + 1
            while verb and j < n and glued[j - 1] and len(frame) < 8:
                if content(norms[j]):
                    frame.append(word_stem(norms[j]))
                j += 1
            # `the 73 enterprises`, or `23 enterprises that signed`: a set already introduced
            definite = k > 0 and norms[k - 1] in ("the", "these", "those") or (
                np_idx[-1] + 1 < n and norms[np_idx[-1] + 1] in ("that", "who", "which") and verb is not None)
            partitive = k + 2 < n and norms[k + 1] == "of"
            out.append(dict(k=k, start=tok_start, end=tok_end, value=value, q=qualifier(doc, k), kind="count",
                            np=np, verb=verb, definite=definite and not partitive, group=None,
                            np_text=doc.text[starts[np_idx[0]] : ends[np_idx[-1]]], verb_text=verb_text, frame=frozenset(frame)))
        return out

    def count_conflicts(doc):
        starts, ends = doc.tokens.starts, doc.tokens.ends
        found = counts(doc)
        for c in found:
            s = doc.sentence_at(starts[c["k"]])
            c["sentence"] = s.start if s else starts[c["k"]]
            c["at"] = s  # its sentence, for times(): dates are looked for only in counts that are compared

        def in_series(c: dict) -> bool:
            """A member of a numbered series (`the 19th Party Congress`): looked for only in counts that are
            compared (the series regex is a rule-file regex: each call costs time-budget set-up)."""
            if "series" not in c:
                c["series"] = bool(series and series.match(doc.text[ends[c["k"]] : ends[c["k"]] + 60].lstrip()))
            return c["series"]

        def times(c: dict) -> frozenset:
            if "times" not in c:
                c["times"] = times_near(doc, c["k"], c["at"])
            return c["times"]

        def two_dates(a: dict, b: dict) -> bool:
            return bool(times(a)) and bool(times(b)) and times(a) != times(b)

        hits = []
        head, lead = headline(doc)
        if head:
            for a in found:
                if a["kind"] != "count" or not (head[0] <= a["start"] < head[1]) or a["np"][0] in units:
                    continue
                same = [b for b in found if b["kind"] == "count" and lead[0] <= b["start"] < lead[1] and b["np"][:1] == a["np"][:1]]
                if same and all(clash((a["value"], a["q"]), (b["value"], b["q"])) for b in same):
                    hits.append((a, same[0], "the headline gives one figure, the lead another"))
        # Earlier counts by what a later one is compared on (the same noun phrase and verb, the same
        # head noun and verb, a shared group word), in text order: no count is compared with every other.
        same_np: dict[tuple, list[dict]] = {}
        same_head: dict[tuple, list[dict]] = {}
        by_group: dict[str, list[int]] = {}
        for i, b in enumerate(found):
            if b["kind"] == "count" and b["verb"] and not b["definite"] and (b["np"], b["verb"]) in same_np and not in_series(b):
                # `15 central enterprises signed cooperation agreements with ...` twice, with two counts
                for a in same_np.get((b["np"], b["verb"]), ()):
                    if a["sentence"] != b["sentence"] \
                            and not two_dates(a, b) \
                            and a["frame"] and b["frame"] and len(a["frame"] & b["frame"]) >= FRAME_OVERLAP * min(len(a["frame"]), len(b["frame"])) \
                            and clash((a["value"], a["q"]), (b["value"], b["q"])):
                        hits.append((b, a, f"the same {b['np_text']} {b['verb_text']} the same"))
                        break
            if b["definite"]:
                if b["kind"] == "size":
                    earlier = [found[j] for j in sorted({j for w in b["group"] for j in by_group.get(w, ())})]
                    others = {x["value"] for x in earlier}
                else:
                    earlier = same_head.get((b["verb"], b["np"][-1]), []) if b["verb"] and b["np"] else []
                for a in earlier if earlier and not in_series(b) else ():
                    if a["sentence"] == b["sentence"] or in_series(a):
                        continue
                    if two_dates(a, b):
                        continue  # `40 firms signed in 2023 ... this year, 52 firms that signed`: two years
                    if b["kind"] == "size" and a["value"] != b["value"]:
                        if len(others) == 1:
                            hits.append((b, a, f"one {min(a['group'] & b['group'])}, two sizes"))
                            break
                    if b["kind"] == "count" and prefix_or_same(a["np"], b["np"]) and clash((a["value"], a["q"]), (b["value"], b["q"])):
                        hits.append((b, a, f"the same {b['np_text']} that {b['verb_text']}"))
                        break
            if b["kind"] == "size":
                for w in b["group"]:
                    by_group.setdefault(w, []).append(i)
            else:
                if b["verb"]:
                    same_np.setdefault((b["np"], b["verb"]), []).append(b)
                    if b["np"]:
                        same_head.setdefault((b["verb"], b["np"][-1]), []).append(b)
        seen = set()
        for x, y, why in hits:
            if (x["start"], x["end"]) in seen:
                continue
            seen.add((x["start"], x["end"]))
            other = doc.text[y["start"] : y["end"]]
            yield Match(
                x["start"],
                x["end"],
                {"entity": doc.text[x["start"] : x["end"]], "value": doc.tokens[x["k"]].text, "other_value": doc.tokens[y["k"]].text,
                 "other": other, "why": why},
                related=((y["start"], y["end"], why),),
            )

    def prefix(a: tuple, b: tuple) -> bool:
        short, long_ = (a, b) if len(a) <= len(b) else (b, a)
        return len(short) >= 2 and long_[: len(short)] == short

    def prefix_or_same(a: tuple, b: tuple) -> bool:
        short, long_ = (a, b) if len(a) <= len(b) else (b, a)
        return long_[-len(short) :] == short or long_[: len(short)] == short

    def headline(doc):
        """(headline span, lead span) when the story opens with a headline line and a dateline paragraph."""
        paras = doc.paragraphs
        if len(paras) < 2:
            return None, None
        h, lead = paras[0], paras[1]
        head_text = doc.text[h.body_start : h.end]
        if head_text.rstrip().endswith((".", "!", "?")) or len(head_text.split()) > 25:
            return None, None
        if not DATELINE.match(doc.text[lead.body_start : lead.end]):
            return None, None
        first = doc.sentence_at(lead.body_start)
        return (h.body_start, h.end), (lead.body_start, first.end if first else lead.end)

    def held_ordinals(doc) -> list[Ordinal]:
        """The story's ordinals bound to the person they are said of (for `checker batch --cross-story`)."""
        mentions = ordinals(doc)
        holders(doc, mentions)
        return [o for o in mentions if o.holder and not o.excluded]

    ordinal_conflicts.held_ordinals = held_ordinals
    return ordinal_conflicts if mode == "ordinals" else count_conflicts
