"""`agreement`: one entity, one number, across the whole story.

Machine translation renders a number once per sentence, so a story can call
one man "head of the 25th batch" and later "head of the 10th batch". Prose
linters cannot see this: it takes reading every mention of the entity.

Each pattern finds mentions and names their parts with groups:
- `key` (and any further groups named `key_...`): what anchors the entity (a
  person's name, the noun after the number, a head noun such as `batch`);
  mentions whose keys read the same, ignoring case, articles and inflection,
  are compared;
- `value`: the number (`25th`, `15`, `fifteen`);
- `frame` (optional): wording that says which entity it is; two mentions with
  one key are the same entity only when their frames share `frame_overlap` of
  their content words and give the same numbers, so small wording drift is
  tolerated and `batch of doctors` is not `batch of cadres`;
- `flag` (optional): the span to flag, by default `value`;
- `entity` (optional): how the message names the entity, by default `key`.

Within one entity the number most mentions give stands (ties: the first);
every mention giving another is flagged and pointed at them. Not compared:
members of numbered series that legitimately co-occur (`13th Five-Year Plan`
beside `14th`), mentions after a contrast cue in their sentence (`the
previous 24 batches`, `since the second session`), and two mentions in one
sentence, which are contrasted on purpose. Patterns are grouped separately;
when two of a rule's patterns flag one span, the engine keeps the first.
"""

from __future__ import annotations

from collections import Counter
from typing import NamedTuple

import regex

from checker.finding import Match
from checker.textfold import word_stem
from checker.kinds.base import case_flags, compile_regex, load_data, RuleError
from checker.patterns import compiled

PARAMS = {
    "patterns": {"type": "array", "items": {"type": "string"}, "minItems": 1},
    "data": {
        "type": "string",
        "description": "data file (relative to the rule file) with series, contrast_cues and number_words",
    },
    "stop_words": {"type": "string", "description": "data file (relative to the rule file) with stop_words"},
    "series": {
        "type": "array",
        "items": {"type": "string"},
        "description": "more regexes for the words after a number that mark a legitimately co-occurring series",
    },
    "frame_overlap": {"type": "number", "exclusiveMinimum": 0, "maximum": 1},
    "cue_window": {"type": "integer", "minimum": 0, "description": "how many words before a number a contrast cue may sit"},
    "ignore_case": {"type": "boolean"},
    "max_related": {"type": "integer", "minimum": 1},
}
REQUIRED = ("patterns", "data", "stop_words")
PLACEHOLDERS = {"entity", "value", "other_value", "other"}
JOINERS = str.maketrans("", "", "-\u2010\u2011'\u2019")

ORDINAL = compiled(r"(\d+)(?:st|nd|rd|th)?", regex.IGNORECASE)


class NumberMention(NamedTuple):
    start: int  # the flagged span
    end: int
    value: int
    value_text: str
    entity: str
    words: frozenset  # folded content words of the frame
    numbers: frozenset  # numbers written in the frame
    sentence: int  # start of the sentence holding the value


def build(params, context):
    flags = case_flags(params.get("ignore_case", False))
    patterns = [compile_regex(p, "patterns", flags) for p in params["patterns"]]
    for p in patterns:
        if not {"key", "value"} <= set(p.groupindex):
            raise RuleError(f"pattern {p.pattern!r} needs named groups `key` and `value`", "patterns")
    data = load_data(context, params["data"], "data")
    stop = frozenset(load_data(context, params["stop_words"], "stop_words").get("stop_words", []))
    series_sources = list(data.get("series", [])) + list(params.get("series", []))
    series = compile_regex("|".join(f"(?:{s})" for s in series_sources), "series", regex.IGNORECASE) if series_sources else None
    cues = frozenset(w.casefold() for w in data.get("contrast_cues", []))
    words = {str(k).casefold(): int(v) for k, v in data.get("number_words", {}).items()}
    overlap = params.get("frame_overlap", 0.6)
    window = params.get("cue_window", 4)
    max_related = params.get("max_related", 3)

    def number(text: str) -> int | None:
        m = ORDINAL.fullmatch(text.replace(",", ""))
        return int(m.group(1)) if m else words.get(text.casefold())

    def content(doc, start, end) -> tuple[frozenset, frozenset]:
        toks = doc.tokens_between(start, end)
        nums = frozenset(n for t in toks if (n := number(t.text)) is not None)
        return frozenset(word_stem(t.text) for t in toks if t.norm not in stop and number(t.text) is None), nums

    def mention(doc, m) -> NumberMention | None:
        value = number(m.group("value"))
        if value is None:
            return None
        vstart, vend = m.span("value")
        after = doc.text[vend : vend + 80].lstrip(" -\u2010\u2011")
        if series and series.match(after):
            return None
        sentence = doc.sentence_at(vstart)
        sstart = sentence.start if sentence else vstart
        before = doc.tokens_between(sstart, vstart)[-window:] if window else []
        if any(t.norm in cues for t in before):
            return None
        has = lambda g: g in m.re.groupindex and m.start(g) >= 0  # noqa: E731
        start, end = m.span("flag") if has("flag") else (vstart, vend)
        ws, ns = content(doc, *m.span("frame")) if has("frame") else (frozenset(), frozenset())
        entity = " ".join((m.group("entity") if has("entity") else m.group("key")).split())
        return NumberMention(start, end, value, m.group("value"), entity, ws, ns, sstart)

    def same(a: NumberMention, b: NumberMention) -> bool:
        if a.numbers and b.numbers and a.numbers != b.numbers:
            return False
        if not a.words or not b.words:
            return True
        return len(a.words & b.words) >= overlap * min(len(a.words), len(b.words))

    def check(doc):
        for pattern in patterns:
            buckets: dict[str, list[NumberMention]] = {}
            for m in pattern.finditer(doc.text):
                found = mention(doc, m)
                if found:
                    # Spaces, hyphens and apostrophes do not tell entities apart: `Hao Long-rui` is `Hao Longrui`.
                    key = "".join(
                        word_stem(t.text)
                        for g in sorted(n for n in pattern.groupindex if n.startswith("key"))
                        for t in doc.tokens_between(*m.span(g))
                        if t.norm not in stop
                    ).translate(JOINERS)
                    buckets.setdefault(key, []).append(found)
            for bucket in buckets.values():
                if len({x.value for x in bucket}) > 1:
                    yield from conflicts(doc, bucket)

    def conflicts(doc, bucket: list[NumberMention]):
        clusters: list[list[NumberMention]] = []
        for x in bucket:
            home = next((c for c in clusters if any(same(x, y) for y in c)), None)
            if home is None:
                clusters.append([x])
            else:
                home.append(x)
        for cluster in clusters:
            counts = Counter(x.value for x in cluster)
            if len(counts) < 2:
                continue
            standing = max(counts, key=lambda v: (counts[v], -next(x.start for x in cluster if x.value == v)))
            majority = [x for x in cluster if x.value == standing]
            for x in cluster:
                if x.value == standing:
                    continue
                others = [y for y in majority if y.sentence != x.sentence][:max_related]
                if not others:
                    continue
                yield Match(
                    x.start,
                    x.end,
                    {
                        "entity": x.entity,
                        "value": x.value_text,
                        "other_value": others[0].value_text,
                        "other": doc.text[others[0].start : others[0].end],
                    },
                    related=tuple((y.start, y.end, f"{y.entity}: {y.value_text}") for y in others),
                )

    return check
