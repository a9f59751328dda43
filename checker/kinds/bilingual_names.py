"""`bilingual-names`: a Chinese name of the source rendered two ways in the copy, or misspelled.

Every capitalised run of the copy is tried against the Han characters of its
aligned source segment (checker.bilingual.romanise): Pinyin, Wade-Giles or a
spelling from the name tables. One run of characters rendered two ways in
one story is drift with proof (the less used rendering is flagged, the other
and the characters are related). A run that renders nothing yet is one or two
letters from a rendering of characters in its own source segment is a
suspected mistransliteration (刘志杰: Liu Zhijie elsewhere, Liu Jijie here).
With `check: missing` (bilingual.name-missing, info): a name the story renders
that a segment's English leaves out (see `_missing`). Both rules share one
reading of the story (`gather`, kept on the document).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path

from rapidfuzz.distance import Levenshtein

from checker.bilingual.align import segments
from checker.bilingual.romanise import HAN, MAX_CHARS, SourceIndex, letters, readings
from checker.finding import Match
from checker.kinds.base import name_vocabulary
from checker.patterns import compiled

PARAMS = {
    "tables": {"type": "array", "items": {"type": "string"}, "description": "name tables (gazetteer.yaml, places.yaml) relative to the rule file"},
    "near_miss": {"type": "boolean", "description": "also flag near-miss spellings (default true)"},
    "check": {"enum": ["drift", "missing"], "description": "drift (default): two renderings, near misses; missing: a rendered name a segment leaves out"},
    "name_data": {"type": "string", "description": "folder of the English word list (check: missing): a capitalised "
                  "word that is no English word and renders no known name may be the missing name in another form"},
}
REQUIRED = ()
PLACEHOLDERS = {"han", "other", "source_text"}

CAPITALISED = compiled(r"\p{Lu}[\p{Ll}'’]*(?:-\p{L}[\p{Ll}]*)*(?:[ \t]+\p{Lu}[\p{Ll}'’]*(?:-\p{L}[\p{Ll}]*)*)*")
WORD = compiled(r"\S+")
ACRONYM = compiled(r"\b\p{Lu}{2,}\b")
POSSESSIVE = compiled(r"['’]s?$")
INNER_POSSESSIVE = compiled(r"'s\b")


def build(params, context):
    table, policy = _table(tuple(str((context.base_dir / t).resolve()) for t in params.get("tables", ())))
    by_first, spelled = defaultdict(list), defaultdict(list)
    for key in sorted(table):
        by_first[key[0]].append(key)
        for name in table[key]:
            spelled[name].append(key)
    near_miss = params.get("near_miss", True)
    vocabulary = name_vocabulary(params, context)

    def gather(doc):
        """(mentions, runs, segments, index) of the story, found once for every rule of this kind."""
        key = ("_bilingual_mentions", id(table))
        cached = doc.__dict__.get(key)
        if cached is not None:
            return cached
        src = doc.source.text
        mentions = []  # (han, rendering, start, end, src_start, src_end)
        runs = []  # (segment index, start, end): every capitalised run, for near misses
        segs = segments(doc)
        index = SourceIndex(src, by_first, spelled)
        if index.starts:
            for k, seg in enumerate(segs):
                if seg.source.start == seg.source.end:
                    continue
                for run in CAPITALISED.finditer(doc.text, seg.target.start, seg.target.end):
                    words = [(m.start(), m.end()) for m in WORD.finditer(run.group())]
                    base = run.start()
                    found = False
                    for size in range(min(len(words), MAX_CHARS), 0, -1):
                        for w in range(len(words) - size + 1):
                            s, e = base + words[w][0], base + words[w + size - 1][1]
                            name = doc.text[s:e]
                            if "'" in name[-2:] or "’" in name[-2:]:
                                name = POSSESSIVE.sub("", name)
                            hit = index.find(letters(name), seg.source.start, seg.source.end)
                            if hit:
                                han = src[hit[0] : hit[1]]
                                mentions.append((han, name, s, s + len(name), hit[0], hit[1]))
                                parts = name.split(None, 1)
                                if len(han) >= 3 and len(parts) == 2 and letters(parts[0]) in readings(han[0]):
                                    # the given name of a full name: 仲跻法 Zhong Jifa holds 跻法 Jifa
                                    end = s + len(name)
                                    mentions.append((han[1:], parts[1], end - len(parts[1]), end, hit[0] + 1, hit[1]))
                                found = True
                        if found:
                            break
                    runs.append((k, run.start(), run.end()))
        doc.__dict__[key] = out = (mentions, runs, segs, index)
        return out

    def check(doc):
        if doc.source is None:
            return
        mentions, runs, segs, index = gather(doc)
        if not index.starts:
            return
        found = list(_drift(doc, mentions, policy))
        if near_miss and mentions:
            found += _near_misses(doc, segs, mentions, runs, index)
        # one finding per misspelling: "Sun Ruizge" holds the given name "Ruizge", flagged once
        for m in found:
            if not any(o.start <= m.start and m.end <= o.end and (o.start, o.end) != (m.start, m.end) for o in found):
                yield m

    def missing(doc):
        if doc.source is None:
            return
        mentions, runs, segs, index = gather(doc)
        if mentions:
            yield from _missing(doc, segs, mentions, _other_names(doc, mentions, runs, vocabulary))

    return missing if params.get("check") == "missing" else check


def _other_names(doc, mentions, runs, vocabulary) -> set[int]:
    """Segments whose English holds a name the source's names do not account for: a capitalised word
    that is no English word, in a run that renders none of the segment's names. That word may be the
    "missing" name in a form no table knows: an English name (Carrie Lam), a Japanese or Cantonese
    reading (Mogi, Law Chi-kwong), a foreign name (Nguyen Duc Chung), a place (Roppongi)."""
    if vocabulary is None:
        return set()
    rendered = [(m[2], m[3]) for m in mentions]
    out = set()
    for k, start, end in runs:
        if k in out or any(a < end and start < b for a, b in rendered):
            continue
        if any(not vocabulary.is_common(w.group()) for w in WORD.finditer(doc.text, start, end)):
            out.add(k)
    return out


def _missing(doc, segs, mentions, other_names: set[int] | frozenset[int] = frozenset()):
    """A name the story renders (so a name for certain) that stands in a source segment whose English
    gives it in none of the story's renderings, nor by its surname or given name alone: reported at
    the end of that English segment with the characters related. Not reported: a name the segment
    before names (the English may say "he", "the city"), and characters the story renders in fewer
    than half of the segments holding them (我们 read as "Women" once is a word, not a name)."""
    src = doc.source.text
    words_of: dict[str, set[str]] = defaultdict(set)  # han -> the letters of every form that names it
    initials_of: dict[str, set[str]] = defaultdict(set)  # han -> HK for Hong Kong: HKSAR names it
    for han, name, *_ in mentions:
        words_of[han].add(letters(name))
        words_of[han].update(letters(w) for w in name.split() if len(letters(w)) >= 2)
        if len(name.split()) >= 2:
            initials_of[han].add("".join(w[0] for w in name.split()).upper())
    english_of: dict[int, tuple[set[str], str]] = {}

    def english(k):
        if k not in english_of:  # the segment's words, and all its letters run together (Xi Jin-ping)
            t = segs[k].target
            english_of[k] = ({letters(POSSESSIVE.sub("", w.group().rstrip(".,;:!?\"”)"))) for w in WORD.finditer(doc.text, t.start, t.end)},
                             letters(doc.text[t.start : t.end]))
        return english_of[k]

    def named(han, k):
        words, spelled = english(k)
        if any(f in words or len(f) >= 5 and f in spelled for f in words_of[han]):
            return True
        t = segs[k].target
        return any(i in w.group() for w in ACRONYM.finditer(doc.text, t.start, t.end) for i in initials_of[han])

    majority: dict[str, bool] = {}

    def a_name(han):  # named in more than half the segments holding it: found once, and only when needed
        if han not in majority:
            holding = [k for k, seg in enumerate(segs) if src.find(han, seg.source.start, seg.source.end) >= 0]
            majority[han] = 2 * sum(named(han, k) for k in holding) > len(holding)
        return majority[han]

    names = sorted(words_of, key=len, reverse=True)
    for k, seg in enumerate(segs):
        if seg.target.start == seg.target.end or seg.source.start == seg.source.end or HAN.search(doc.text, seg.target.start, seg.target.end):
            continue
        done = [(m[4], m[5]) for m in mentions if seg.source.start <= m[4] and m[5] <= seg.source.end]
        for han in names:
            at = src.find(han, seg.source.start, seg.source.end)
            while at >= 0 and any(a < at + len(han) and at < b for a, b in done):
                at = src.find(han, at + len(han), seg.source.end)
            if at < 0:
                continue
            done.append((at, at + len(han)))  # 张芳芳 named "Dr. Zhang": its given name 芳芳 is not missing either
            if named(han, k) or k and named(han, k - 1) or k in other_names or not a_name(han):
                continue
            yield Match(seg.target.end, seg.target.end, {"han": han, "other": next(m[1] for m in mentions if m[0] == han)},
                        source_related=((at, at + len(han), "the name in the source"),))


def _drift(doc, mentions, policy):
    by_han = defaultdict(list)
    for m in mentions:
        by_han[m[0]].append(m)

    def form(m):
        spelled = INNER_POSSESSIVE.sub("", m[1].casefold().replace("’", "'"))
        return policy.get(letters(spelled), spelled)  # Macao and Macau: one house-style choice, not drift

    flagged = []
    for han, group in sorted(by_han.items(), key=lambda item: -len(item[0])):
        forms = Counter(form(m) for m in group)
        if len(forms) < 2:
            continue
        major = max(forms, key=lambda f: (forms[f], -next(i for i, m in enumerate(group) if form(m) == f)))
        first = next(m for m in group if form(m) == major)
        for m in group:
            if form(m) != major and not any(a <= m[2] and m[3] <= b for a, b in flagged):
                flagged.append((m[2], m[3]))
                yield Match(m[2], m[3], {"han": han, "other": first[1]},
                            related=((first[2], first[3], "the story's main rendering"),),
                            source_related=((m[4], m[5], "the name in the source"),))


def _near_misses(doc, segs, mentions, runs, index):
    known: dict[int, dict[str, list]] = defaultdict(lambda: defaultdict(list))  # word count -> first letter -> [(letters, mention)]
    seen = set()
    for m in mentions:
        spelled = letters(m[1])
        if len(spelled) >= 5 and spelled not in seen:
            seen.add(spelled)
            known[len(m[1].split())][spelled[0]].append((spelled, m))
    src = doc.source.text
    rendered = sorted((m[2], m[3]) for m in mentions)
    for k, start, end in runs:
        seg = segs[k]
        words = [(w.start() + start, w.end() + start) for w in WORD.finditer(doc.text[start:end])]
        for size, group in known.items():
            for w in range(len(words) - size + 1):
                s, e = words[w][0], words[w + size - 1][1]
                name = doc.text[s:e]
                if "'" in name[-2:] or "’" in name[-2:]:
                    name = POSSESSIVE.sub("", name)
                got = letters(INNER_POSSESSIVE.sub("", name.replace("’", "'")) if "'" in name or "’" in name else name)
                # the cheap tests first: most words share no first letter and length with a rendering
                near = [(spelled, m) for spelled, m in group.get(got[:1], ()) if got != spelled and abs(len(got) - len(spelled)) <= 2]
                if not near:
                    continue
                if any(a < e and s < b and not (s <= a and b <= e) for a, b in rendered):
                    continue  # straddles a rendering: "Fang Fang Zhang" is 张芳芳 in Western order, not a misspelling
                e = s + len(name)
                for spelled, m in near:
                    if Levenshtein.distance(got, spelled, score_cutoff=2) > (1 if len(spelled) < 7 else 2):
                        continue
                    at = src.find(m[0], seg.source.start, seg.source.end)
                    if at < 0 or index.find(got, seg.source.start, seg.source.end):
                        continue
                    yield Match(s, e, {"han": m[0], "other": m[1]}, related=((m[2], m[3], "the rendering elsewhere"),),
                                source_related=((at, at + len(m[0]), "the name in the source"),))


@lru_cache(maxsize=4)
def _table(paths: tuple[str, ...]) -> tuple[dict[str, set[str]], dict[str, str]]:
    """Han characters -> the letters of every spelling the name tables give them; and the
    house-style choices (a `policy: true` class such as Macao/Macau): letters -> the class's first name.
    Through the cache: parsing the name tables was a third of a warm start (44 ms of CPU)."""
    from checker.cache import cached

    return cached("bilingual-name-table", [Path(p) for p in paths], lambda: _build_table(paths))


def _build_table(paths: tuple[str, ...]) -> tuple[dict[str, set[str]], dict[str, str]]:
    from checker import yamlio

    out: dict[str, set[str]] = defaultdict(set)
    policy: dict[str, str] = {}
    for path in paths:
        data = yamlio.load(Path(path).read_text(encoding="utf-8"))
        for row in data.get("provinces", []) or []:
            out[row["key"]].update(letters(n) for n in row.get("names", []))
        for key, names in (data.get("places") or {}).items():
            out[key].update(letters(n) for n in names)
        for row in data.get("classes", []) or []:
            if row.get("zh") and not row.get("unverified"):
                out[row["zh"]].update(letters(n) for n in row.get("names", []))
                if row.get("policy"):
                    policy.update((letters(n), row["names"][0].casefold()) for n in row["names"])
    return {k: v for k, v in out.items() if 2 <= len(k) <= MAX_CHARS and all(HAN.match(c) for c in k)}, policy
