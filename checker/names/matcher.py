"""Decide whether two name strings are one entity spelled two ways (drift).

Order matters: known facts (lexicon, gazetteer, known-distinct pairs) first,
then guards that keep look-alike entities apart, and only then the fuzzy
comparison of consonant-class keys, word by word.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from typing import NamedTuple
from functools import lru_cache
from itertools import combinations
from pathlib import Path

from rapidfuzz.distance import JaroWinkler

from checker.memo import Memo
from checker.names.blocking import Fit, close_keys, joined_pairs
from checker.names.data import default_data_dir
from checker.names.fold import KEY_VARIANTS, VOWEL_SYMBOLS, _units, sound_keys
from checker.names.lexicon import Lexicon
from checker.names.parse import ParsedName, parse_name

# Below this Jaro-Winkler similarity of folded keys two words are different names.
WORD_SIMILARITY = 0.86
# In keys this short (two syllables) no consonant may change: one changed
# consonant in a short name is another name (Shannan / Shandan, Kashgar / Kashmir).
SHORT_KEY = 4
# A folded word under this share of the other's letters is another word, whatever its key.
LENGTH_RATIO = 0.6


# Full pinyin of a foreign name (Aihemaiti, Tuerxun, Hasichaolu) puts a vowel after every
# consonant of the person's own spelling (Ahmet, Tursun, Khaschuluu): compared by consonants
# alone, in order and by class. A letter reads differently on the two sides (pinyin q and x
# are palatal; Uyghur and Mongolian q, x and kh are velar), hence two maps.
_PINYIN_SIDE = [("zh", "J"), ("ch", "J"), ("sh", "S"), ("ng", "N"), ("j", "J"), ("q", "J"), ("x", "S"), ("z", "Z"),
                ("c", "Z"), ("s", "S"), ("b", "B"), ("p", "B"), ("f", "B"), ("d", "D"), ("t", "D"), ("g", "G"),
                ("k", "G"), ("h", "G"), ("l", "L"), ("r", "L"), ("m", "M"), ("n", "n"), ("w", ""), ("y", "")]
_NATIVE_SIDE = [("kh", "G"), ("gh", "G"), ("zh", "J"), ("ch", "J"), ("sh", "S"), ("ts", "Z"), ("tz", "Z"), ("dz", "Z"),
                ("ng", "N"), ("j", "J"), ("q", "G"), ("x", "G"), ("z", "Z"), ("c", "Z"), ("s", "S"), ("b", "B"),
                ("p", "B"), ("f", "B"), ("v", "B"), ("d", "D"), ("t", "D"), ("g", "G"), ("k", "G"), ("h", "G"),
                ("l", "L"), ("r", "L"), ("m", "M"), ("n", "n"), ("w", ""), ("y", "")]
# A transcription in full pinyin has at least this many syllables, and the skeleton this many consonants.
TRANSCRIPTION_SYLLABLES = 3
TRANSCRIPTION_CONSONANTS = 3
_VOWEL_GROUPS = re.compile(r"[aeiouy]+")


def consonant_skeleton(word: str, table: list[tuple[str, str]]) -> str:
    """The consonant classes of a folded word, in order, a doubled class once (Abulimiti -> BLMD)."""
    pattern, symbols = _skeleton_scanner(tuple(table))
    out: list[str] = []
    for spelling in pattern.findall(word):  # at each position the table's first spelling there, else one letter
        symbol = symbols.get(spelling)
        if symbol and (not out or out[-1] != symbol):
            out.append(symbol)
    return "".join(out)


@lru_cache(maxsize=4)  # one per table (_PINYIN_SIDE, _NATIVE_SIDE)
def _skeleton_scanner(table: tuple[tuple[str, str], ...]) -> tuple[re.Pattern, dict[str, str]]:
    """One regex for consonant_skeleton's scan: the table's spellings in its order (an alternation tries
    them in order, as the table is read), then any one letter (a vowel, skipped)."""
    return re.compile("|".join(re.escape(spelling) for spelling, _ in table) + "|.", re.DOTALL), dict(table)


# Postal romanisation writes Wade-Giles ch and hs before i as k, ts and s (Nanking, Tientsin,
# Sinkiang), ku as kw (Kweichow) and ou as ow (Kweichow).
_POSTAL = re.compile(r"(?<![cst])k(?=i)|ts(?=i)|(?<![hst])s(?=i)|kw|ow")
_POSTAL_AS_WADE_GILES = {"k": "ch", "ts": "ch", "s": "hs", "kw": "ku", "ow": "ou"}


def _postal_as_wade_giles(word: str) -> str:
    return _POSTAL.sub(lambda m: _POSTAL_AS_WADE_GILES[m.group()], word)


# One word in syllables of the romanisations of China's languages (pinyin, Wade-Giles, postal,
# Tibetan, Uyghur and Mongolian styles): onset, vowels, and a coda among n, ng, m, r, l, k, g, p, b, h.
# English and European names rarely fit: Paris (-s), Britain (br-), Reuters (-ters), Marcos (-s).
_AREA_WORD = re.compile(
    r"(?:(?:tsh|ts|tz|dz|zh|ch|sh|hs|gy|ky|dr|tr|ny|ng|lh|kh|ph|th|kw|hw|[bpmfdtnlgkhjqxrzcswy])?"
    r"[aeiouy]+w?(?:ng|n|m|r|l|k|g|p|b|h)?)+"
)
# Consonant spellings that carry no place of articulation for _medial_consonants.
_SOFT_UNITS = frozenset({"n", "ng", "ny", "m", "h", "w", "y"})


def _medial_consonants(word: str) -> int:
    """Consonant units before the last one, nasals and glides aside: a Tibetan-style spelling may drop
    a final consonant (Gonggar ~ Gongga), not a medial one (Melco is not Macao)."""
    units = [u for u in _units(word) if u[0] not in "aeiou"]
    if units and units[-1] == word[-len(units[-1]):]:
        units = units[:-1]
    return sum(u not in _SOFT_UNITS for u in units)


# English derivational and inflectional endings: Russia/Russian, Germany/German, Laos/Lao.
DERIVED_ENDINGS = ("ians", "ian", "ans", "an", "ns", "n", "ese", "ish", "ic", "is", "i", "ies", "es", "s", "y",
                   "a", "e", "ing", "ed", "ain", "")
ADJECTIVE_ENDINGS = ("ic", "ish", "ian", "ians", "ese", "ean", "eans")


def _derived(a: str, b: str) -> bool:
    """Both folded spellings are one stem (three letters or more) plus English endings."""
    if a == b:
        return False
    stems_a = {a[: len(a) - len(e)] for e in DERIVED_ENDINGS if a.endswith(e) and len(a) - len(e) >= 3}
    return any(b[: len(b) - len(e)] in stems_a for e in DERIVED_ENDINGS if b.endswith(e) and len(b) - len(e) >= 3)


class Verdict(NamedTuple):  # not a frozen dataclass: see checker.finding.Match
    """same: the two strings name one entity in two spellings (drift).
    policy: the difference is a house-style choice (Tibet / Xizang), not an error."""

    same: bool
    reason: str
    score: float
    policy: bool = False


class _Profile(NamedTuple):  # not a frozen dataclass: see checker.finding.Match
    parsed: ParsedName
    blocks: tuple  # blocking tokens: names sharing one are compared
    in_gazetteer: bool
    in_pinyin: bool
    shapes: tuple  # per key variant: the key length of each word
    skeletons: tuple  # per key variant: the keys run together, vowels as V
    fit: Fit  # what keeps it apart from other names before any fuzzy comparison


# Tokens of facts that make two names one entity whatever else differs (_judge's first checks).
STRONG_TOKENS = frozenset({"folded", "class", "place"})
MEMO_SIZE = 1 << 12  # names and pairs remembered across stories (about 5 MB at most)
VOWELS_AS_V = str.maketrans(dict.fromkeys(VOWEL_SYMBOLS, "V"))


class NameMatcher:
    """Transliteration-aware comparison of person and place names."""

    def __init__(self, lexicon: Lexicon):
        self.lexicon = lexicon
        # Worked out once and remembered: names and their pairs recur from story to story.
        self._syllable_counts = Memo(self._count_syllables, MEMO_SIZE)
        self._skeletons = Memo(self._skeleton_of, MEMO_SIZE)  # words: surnames and name elements recur
        self._profiles = Memo(self._profile, MEMO_SIZE)
        self._verdicts = Memo(lambda pair: self._judge(self._profiles[pair[0]].parsed, self._profiles[pair[1]].parsed),
                              MEMO_SIZE)

    @classmethod
    def load(cls, data_dir: Path | None = None) -> NameMatcher:
        return cls(Lexicon.load(data_dir or default_data_dir()))

    def compare(self, a: str, b: str) -> Verdict:
        return self._judge(parse_name(a), parse_name(b))

    def drift_pairs(self, names: Sequence[str]) -> list[tuple[int, int, Verdict]]:
        """All pairs (i < j) of distinct strings judged the same entity.

        Candidates: names sharing a lexicon class, gazetteer key or folded
        form, so far-apart spellings (Rikaze / Shigatse) still meet; plus names
        sharing a weaker token (sound key, surname, name element, skeleton) or
        with consonant skeletons within a fuzzy cutoff (rapidfuzz cdist), needed
        only where the guards leave room for a fuzzy merge. Through a weaker
        token or a fuzzy key only pairs whose blocking.Fit agrees are formed: the
        rest could only be judged different. A repeated string counts at its first index.
        """
        first: dict[str, int] = {}
        for i, name in enumerate(names):
            first.setdefault(name, i)
        unique = list(first)
        # Room for this call's names, their words and pairs: a memo emptied halfway through a story
        # of thousands of names recomputes them. Back to MEMO_SIZE afterwards, so the next miss
        # empties a memo a large story outgrew and memory stays bounded over a long run.
        memos = (self._profiles, self._syllable_counts, self._skeletons, self._verdicts)
        for memo in memos:
            memo.size = max(MEMO_SIZE, 4 * len(unique))
        try:
            return self._drift_pairs(unique, first)
        finally:
            for memo in memos:
                memo.size = MEMO_SIZE

    def _drift_pairs(self, unique: list[str], first: dict[str, int]) -> list[tuple[int, int, Verdict]]:
        profiles = [self._profiles[n] for n in unique]
        fit = [profile.fit for profile in profiles]
        blocks: dict[tuple, list[int]] = defaultdict(list)
        for i, profile in enumerate(profiles):
            for token in profile.blocks:
                blocks[token].append(i)
        candidates: set[tuple[int, int]] = set()
        for token, members in blocks.items():
            if len(members) < 2:
                continue
            if token[0] in STRONG_TOKENS:  # a known fact may link what the fits keep apart
                candidates.update(combinations(members, 2))
            else:
                candidates.update((a, b) if a < b else (b, a) for a, b in joined_pairs(members, None, fit))
        # Two names in pinyin, or two gazetteer places, merge only through a
        # block; a fuzzy merge needs the same number of words of the same key lengths.
        for variant in range(len(KEY_VARIANTS)):
            shapes: dict[tuple[int, ...], list[int]] = defaultdict(list)
            for i, profile in enumerate(profiles):
                shapes[profile.shapes[variant]].append(i)
            for group in shapes.values():
                if len(group) < 2:
                    continue  # most shapes are one name's: nothing to compare
                open_ = [n for n, i in enumerate(group) if not profiles[i].in_pinyin]
                if not open_:
                    continue
                skeletons = [profiles[i].skeletons[variant] for i in group]
                for left, right in close_keys(skeletons, open_):
                    # a key with itself: its members' pairs once each (combinations, not the product)
                    pairs = joined_pairs([group[n] for n in left], None if left is right else [group[n] for n in right], fit)
                    for a, b in pairs:
                        if a != b and not (profiles[a].in_pinyin and profiles[b].in_pinyin):
                            candidates.add((a, b) if a < b else (b, a))
        found = []
        verdicts = self._verdicts
        for i, j in sorted(candidates):
            key = (unique[i], unique[j])
            verdict = verdicts.get(key)
            if verdict is None:  # judged from this call's profiles: the memo of profiles may have been emptied
                verdict = self._judge(profiles[i].parsed, profiles[j].parsed)
                if len(verdicts) > verdicts.size:
                    verdicts.clear()
                verdicts[key] = verdict
            if verdict.same:
                found.append((first[unique[i]], first[unique[j]], verdict))
        return found

    def _profile(self, name: str) -> _Profile:
        """What drift_pairs needs of one name."""
        p = parse_name(name)
        in_pinyin = self._in_pinyin(p)
        return _Profile(
            parsed=p,
            blocks=tuple(dict.fromkeys(self._block_tokens(p))),
            in_gazetteer=p.core in self.lexicon.places,
            in_pinyin=in_pinyin,
            shapes=tuple(tuple(len(k[v]) for k in p.keys) for v in range(len(KEY_VARIANTS))),
            skeletons=tuple("".join(k[v] for k in p.keys).translate(VOWELS_AS_V) for v in range(len(KEY_VARIANTS))),
            fit=Fit(p.numbers, self._is_han_name(p), p.core in self.lexicon.places,
                    tuple(self.lexicon.elements[w].id for w in p.words)
                    if p.words and all(w in self.lexicon.elements for w in p.words) else None,
                    len(p.words) if in_pinyin else 0),
        )

    def _judge(self, x: ParsedName, y: ParsedName) -> Verdict:
        if x.compact == y.compact:
            if x.text == y.text:
                return Verdict(False, "identical names", 1.0)
            return Verdict(True, "same spelling apart from case, diacritics, spacing or punctuation", 1.0)
        for check in (self._numbers, self._heads, self._whole_name, self._gazetteer,
                      self._known_distinct, self._english_forms, self._han_names, self._subset):
            verdict = check(x, y)
            if verdict:
                return verdict
        return self._word_by_word(x, y)

    # -- blocking ---------------------------------------------------------

    def _block_tokens(self, p: ParsedName) -> list[object]:
        lex = self.lexicon
        tokens: list[object] = [("folded", p.compact), *(("sound", key) for key in sound_keys(p.core))]
        if p.core in lex.whole_names:
            tokens.append(("class", lex.whole_names[p.core].id))
        tokens.extend(("place", place.key) for place in lex.places.get(p.core, ()))
        if any(w in lex.elements for w in p.words):
            tokens.append(tuple(lex.elements[w].id if w in lex.elements else k[0]
                                for w, k in zip(p.words, p.keys)))
        # Sourced romanisation tables: names sharing an element or surname row at one position,
        # a reading in pinyin (Wade-Giles Chih-wei -> zhiwei), or a transcription skeleton meet.
        for n, w in enumerate(p.words):
            for row in lex.element_rows.get(w, ()):
                tokens.append(("element", n, row))
            for segmentation in self._segmentations(w):
                tokens.extend(("element", n, row) for row in segmentation[0])
            if n == 0 and len(p.words) > 1:
                tokens.extend(("surname", row) for row in lex.surname_rows.get(w, ()))
        tokens.extend(("pinyin", reading) for reading in self._pinyin_readings(p))
        tokens.append(("skeleton", tuple(self._skeleton(w) for w in p.words)))
        return tokens

    def _skeleton(self, word: str) -> str:
        return self._skeletons[word]

    def _skeleton_of(self, word: str) -> str:
        return consonant_skeleton(word, _PINYIN_SIDE if self._pinyin_syllables(word) else _NATIVE_SIDE)

    def _pinyin_readings(self, p: ParsedName, limit: int = 16) -> list[str]:
        """The name read as pinyin when its words are Wade-Giles syllables (Lin Chih-wei -> linzhiwei)."""
        if len(p.parts) != len(p.words) or all(len(parts) == 1 for parts in p.parts) and p.pinyin_clean:
            return []
        readings = [""]
        for parts in p.parts:
            for part in parts:
                options = self.lexicon.wade_giles.get(part)
                if not options:
                    return []
                readings = [r + o for r in readings for o in sorted(options)][:limit]
        return readings

    # -- checks, in order; each returns a Verdict or None ----------------

    def _numbers(self, x: ParsedName, y: ParsedName) -> Verdict | None:
        if x.numbers != y.numbers:
            shown = " vs ".join(" ".join(n) or "none" for n in (x.numbers, y.numbers))
            return Verdict(False, f"different numbers ({shown}): different entities", 0.0)
        return None

    def _known_distinct(self, x: ParsedName, y: ParsedName) -> Verdict | None:
        for pair in ({x.compact, y.compact}, {x.core, y.core}):
            if frozenset(pair) in self.lexicon.distinct:
                return Verdict(False, f"{x.text} and {y.text} are known to be different (distinct.yaml)", 0.0)
        return None

    def _heads(self, x: ParsedName, y: ParsedName) -> Verdict | None:
        if x.core == y.core:
            return Verdict(False, "same name, one with a generic word (County, City ...) the other lacks: not drift", 1.0)
        if x.facility and y.facility and x.facility != y.facility:
            return Verdict(False, f"a {x.facility} and a {y.facility} are different things", 0.0)
        return None

    def _whole_name(self, x: ParsedName, y: ParsedName) -> Verdict | None:
        cx, cy = self.lexicon.whole_names.get(x.core), self.lexicon.whole_names.get(y.core)
        if not (cx and cy):
            return None
        what = "person" if cx.kind == "person" else "place"
        if cx.id == cy.id:
            if cx.policy:
                return Verdict(True, f"{x.core_text} and {y.core_text} name one {what}; which to use is house style (policy)", 1.0, policy=True)
            return Verdict(True, f"known spellings of one {what}: {x.core_text} ~ {y.core_text}", 1.0)
        if cx.kind == cy.kind and not (cx.zh and cy.zh and what == "place"):  # else the gazetteer says why
            return Verdict(False, f"{x.core_text} and {y.core_text} are two different {what}s (lexicon)", 0.0)
        return None

    def _gazetteer(self, x: ParsedName, y: ParsedName) -> Verdict | None:
        px, py = self.lexicon.places.get(x.core), self.lexicon.places.get(y.core)
        if not (px and py):
            return None
        shared = {p.key for p in px} & {p.key for p in py}
        if shared:
            return Verdict(True, f"{x.core_text} and {y.core_text} both spell {'/'.join(sorted(shared))} (gazetteer)", 1.0)
        provincial = all(p.level for p in px | py)
        what = "provinces" if provincial else "places"
        keys = ", ".join("/".join(sorted(p.key for p in s)) for s in (px, py))
        return Verdict(False, f"{x.core_text} and {y.core_text} are two different {what} (gazetteer: {keys})", 0.0)

    def _english_forms(self, x: ParsedName, y: ParsedName) -> Verdict | None:
        """English word formation is not romanization: Africa / African, Laos / Lao,
        and one-word adjectives (Islamic, Danish) are never respellings of a name.
        Two valid pinyin spellings are left to the other checks (Wangdu / Wangdui)."""
        pairs = [(a, b) for a, b in zip(x.words, y.words) if a != b] if len(x.words) == len(y.words) else []
        a, b = pairs[0] if len(pairs) == 1 else (x.core, y.core)
        if _derived(a, b) and not (self._pinyin_syllables(a) and self._pinyin_syllables(b)):
            return Verdict(False, f"{x.core_text} and {y.core_text} are forms of one word (noun, adjective, plural), not two spellings", 0.0)
        for p in (x, y):
            if len(p.words) == 1 and p.words[0].endswith(ADJECTIVE_ENDINGS) and not self._pinyin_syllables(p.words[0]):
                return Verdict(False, f"{p.core_text} is an English adjective or demonym, not a romanized name", 0.0)
        return None

    def _han_names(self, x: ParsedName, y: ParsedName) -> Verdict | None:
        if self._is_han_name(x) and self._is_han_name(y):
            return Verdict(False, "two different Han names in pinyin", 0.0)
        return None

    def _is_han_name(self, p: ParsedName) -> bool:
        """A surname plus a given name of one or two valid pinyin syllables, no hyphen."""
        if len(p.words) != 2 or not p.pinyin_clean:
            return False
        surname, given = p.words
        return surname in self.lexicon.surnames and 1 <= self._pinyin_syllables(given) <= 2

    def _in_pinyin(self, p: ParsedName) -> bool:
        """Every word is valid pinyin: then a different spelling is a different name."""
        return p.pinyin_clean and all(self._pinyin_syllables(w) for w in p.words)

    def _pinyin_syllables(self, word: str) -> int:
        """How many valid pinyin syllables spell the word (fewest), 0 if none do."""
        return self._syllable_counts[word]

    def _count_syllables(self, word: str) -> int:
        best = [0] + [-1] * len(word)  # best[i]: fewest syllables spelling word[:i]
        for end in range(1, len(word) + 1):
            for start in range(max(0, end - 6), end):
                if best[start] >= 0 and word[start:end] in self.lexicon.syllables:
                    if best[end] < 0 or best[start] + 1 < best[end]:
                        best[end] = best[start] + 1
        return max(best[-1], 0)

    def _subset(self, x: ParsedName, y: ParsedName) -> Verdict | None:
        wx, wy = set(x.words), set(y.words)
        if wx <= wy or wy <= wx:
            return Verdict(False, "one name is a shortened form of the other: not drift", 0.0)
        if sorted(x.words) == sorted(y.words):
            return Verdict(False, "same words in a different order: not drift", 0.0)
        return None

    # -- fuzzy comparison -------------------------------------------------

    def _word_by_word(self, x: ParsedName, y: ParsedName) -> Verdict:
        both_pinyin = self._in_pinyin(x) and self._in_pinyin(y)
        if len(x.words) != len(y.words):  # split differently (Nam Co / Namtso): keys must be equal
            personal = any(w in self.lexicon.elements for w in x.words + y.words)
            if both_pinyin or personal or self._is_han_name(x) or self._is_han_name(y) or not any(ku == kv for ku, kv in zip(sound_keys(x.core), sound_keys(y.core))):
                return Verdict(False, "spellings differ beyond known romanisation variants", 0.0)
            return Verdict(True, f"romanisation variants (same sounds after folding): {x.core_text} ~ {y.core_text}", 1.0)
        pairs = [(n, u, v) for n, (u, v) in enumerate(zip(x.words, y.words)) if u != v]
        known, tables, folded, scores = [], [], [], []
        lex = self.lexicon
        # A Hong Kong or Taiwan name against the pinyin of the same characters: the surname rows agree.
        surnames_agree = len(x.words) >= 2 and bool(lex.surname_rows.get(x.words[0], frozenset())
                                                    & lex.surname_rows.get(y.words[0], frozenset()))
        for n, u, v in pairs:
            pu = x.parts[n] if len(x.parts) == len(x.words) else (u,)
            pv = y.parts[n] if len(y.parts) == len(y.words) else (v,)
            if len(pu) == len(pv) >= 2 and sum(a != b for a, b in zip(pu, pv)) == 1:
                a, b = next((a, b) for a, b in zip(pu, pv) if a != b)
                if not (self._elements_agree(a, b) or self._wade_giles_agree((a,), b) or self._wade_giles_agree((b,), a)):
                    return Verdict(False, f"{'-'.join(pu).title()} and {'-'.join(pv).title()} differ in one given-name "
                                          "element: two people (relatives often share the other)", 0.0)
            eu, ev = self.lexicon.elements.get(u), self.lexicon.elements.get(v)
            if eu and ev:
                if eu.id != ev.id:
                    return Verdict(False, f"{u.title()} and {v.title()} are different Tibetan name elements", 0.0)
                known.append(f"{u.title()} ~ {v.title()}")
                continue
            if self._elements_agree(u, v):
                tables.append(f"{u.title()} ~ {v.title()} (name-element table)")
                continue
            if n == 0 and surnames_agree:
                tables.append(f"{u.title()} ~ {v.title()} (one surname)")
                continue
            if self._wade_giles_agree(pu, v) or self._wade_giles_agree(pv, u):
                tables.append(f"{'-'.join(pu).title()} ~ {'-'.join(pv).title()} (Wade-Giles and pinyin)")
                continue
            if surnames_agree and n > 0 and (self._cantonese_agree(pu, v) or self._cantonese_agree(pv, u)):
                tables.append(f"{'-'.join(pu).title()} ~ {'-'.join(pv).title()} (Cantonese and pinyin of the same characters)")
                continue
            if self._transcribes(u, v) or self._transcribes(v, u):
                folded.append(f"{u.title()} ~ {v.title()} (full pinyin of the other)")
                scores.append(0.9)
                continue
            if both_pinyin:
                return Verdict(False, f"{u.title()} and {v.title()} are two different pinyin spellings: different names", 0.0)
            reading = self._reading_verdict(u, pu, v)
            if reading is None:
                reading = self._reading_verdict(v, pv, u)
            if reading is False:
                return Verdict(False, f"{u.title()} and {v.title()} read as different syllables (Wade-Giles or postal "
                                      "against pinyin)", 0.0)
            if reading:
                tables.append(f"{'-'.join(pu).title()} ~ {'-'.join(pv).title()} (Wade-Giles or postal and pinyin)")
                continue
            if not (self._romanised(u, pu) and self._romanised(v, pv)):
                return Verdict(False, f"{u.title()} or {v.title()} is not a romanised Chinese, Tibetan, Uyghur or "
                                      "Mongolian name: sound folding is no evidence", 0.0)
            if not (self._known_spelling(u, pu) and self._known_spelling(v, pv)) and \
                    _medial_consonants(u) != _medial_consonants(v):
                return Verdict(False, f"{u.title()} and {v.title()} differ by a consonant that no romanisation "
                                      "drops", 0.0)
            score = word_similarity(u, v)
            if score is None:
                return Verdict(False, "spellings differ beyond known romanisation variants", 0.0)
            folded.append(f"{u.title()} ~ {v.title()}")
            scores.append(score)
        parts = []
        if known:
            parts.append(f"known variants of one Tibetan name element: {', '.join(known)}")
        if tables:
            parts.append(f"known romanisations of one name: {', '.join(tables)}")
        if folded:
            parts.append(f"romanisation variants (same sounds after folding): {', '.join(folded)}")
        return Verdict(True, "; ".join(parts), min(scores, default=1.0))

    # -- sourced romanisation tables ------------------------------------

    def _segmentations(self, word: str, limit: int = 8) -> list[tuple[frozenset[int], ...]]:
        """Ways to spell a word as two or more table elements (Hasichaolu = Hasi + Chaolu): each the rows per piece."""
        rows = self.lexicon.element_rows
        found: list[tuple[frozenset[int], ...]] = []

        def walk(start: int, acc: tuple) -> None:
            if len(found) >= limit:
                return
            if start == len(word):
                if len(acc) >= 2:
                    found.append(acc)
                return
            for end in range(start + 3, min(len(word), start + 14) + 1):
                piece = rows.get(word[start:end])
                if piece:
                    walk(end, acc + (piece,))

        if len(word) >= 6:
            walk(0, ())
        return found

    def _elements_agree(self, u: str, v: str) -> bool:
        """Two spellings of one element row, or of the same rows piece by piece (Khaschuluu ~ Hasichaolu)."""
        rows = self.lexicon.element_rows
        if rows.get(u, frozenset()) & rows.get(v, frozenset()):
            return True
        return any(len(a) == len(b) and all(p & q for p, q in zip(a, b))
                   for a in self._segmentations(u) for b in self._segmentations(v))

    def _wade_giles_agree(self, parts: tuple[str, ...], pinyin_word: str) -> bool:
        """A Wade-Giles spelling (Chih-wei, Hsu) of the pinyin word (zhiwei, xu). The Wade-Giles side must
        show it is not pinyin: a hyphen, or a syllable pinyin lacks."""
        wg = self.lexicon.wade_giles
        if not self._pinyin_syllables(pinyin_word) or not all(p in wg for p in parts):
            return False
        if len(parts) == 1 and self._pinyin_syllables(parts[0]):
            return False
        readings = [""]
        for part in parts:
            readings = [r + o for r in readings for o in wg[part] if pinyin_word.startswith(r + o)]
        return pinyin_word in readings

    def _cantonese_agree(self, parts: tuple[str, ...], pinyin_word: str) -> bool:
        """A Cantonese given name (Ka-lok) and the pinyin of the same characters (Jiale), syllable by syllable."""
        if len(parts) < 2 or not self._pinyin_syllables(pinyin_word):
            return False
        cantonese = self.lexicon.cantonese

        def match(rest: str, k: int) -> bool:
            if k == len(parts):
                return not rest
            return any(rest[:n] in self.lexicon.syllables and parts[k] in cantonese.get(rest[:n], ())
                       and match(rest[n:], k + 1) for n in range(1, min(6, len(rest)) + 1))

        return match(pinyin_word, 0)

    def _transcribes(self, pinyin_word: str, native: str) -> bool:
        """Full pinyin of a foreign name (Aihemaiti) against the native spelling (Ahmet): same consonants."""
        if self._pinyin_syllables(pinyin_word) < TRANSCRIPTION_SYLLABLES or self._pinyin_syllables(native):
            return False
        if self._pinyin_syllables(pinyin_word) <= len(_VOWEL_GROUPS.findall(native)):
            return False  # full pinyin adds a vowel after consonants the native spelling runs together
        skeleton = consonant_skeleton(pinyin_word, _PINYIN_SIDE)
        return len(skeleton) >= TRANSCRIPTION_CONSONANTS and skeleton == consonant_skeleton(native, _NATIVE_SIDE)

    def _wade_giles_readings(self, word: str, parts: tuple[str, ...], limit: int = 64) -> set[str]:
        """Pinyin readings of a word spelled in Wade-Giles or postal syllables (Chih-wei -> zhiwei,
        Nanking -> nanjing, Kweichow -> guizhou); empty when it is not spelled so."""
        wg = self.lexicon.wade_giles
        pieces = [_postal_as_wade_giles(p) for p in parts] if len(parts) > 1 else [_postal_as_wade_giles(word)]
        readings = {""}
        for piece in pieces:
            ways: list[set[str]] = [{""}] + [set() for _ in piece]  # ways[i]: readings of piece[:i]
            for end in range(1, len(piece) + 1):
                for start in range(max(0, end - 6), end):
                    if ways[start] and piece[start:end] in wg:
                        ways[end] |= {r + o for r in ways[start] for o in wg[piece[start:end]]}
                if len(ways[end]) > limit:
                    ways[end] = set(sorted(ways[end])[:limit])
            if not ways[-1]:
                return set()
            readings = {r + w for r in readings for w in ways[-1]}
            if len(readings) > limit:
                readings = set(sorted(readings)[:limit])
        return readings

    def _reading_verdict(self, u: str, pu: tuple[str, ...], v: str) -> bool | None:
        """A Wade-Giles or postal spelling against a pinyin one is judged by reading, not by sound folding:
        True when u reads as v (Nanking ~ Nanjing), False when it reads otherwise (Kwantung is Guandong,
        not Guangdong), None when u is not such a spelling or is pinyin itself."""
        if not self._pinyin_syllables(v) or (len(pu) == 1 and self._pinyin_syllables(u)):
            return None
        readings = self._wade_giles_readings(u, pu)
        if not readings and u.endswith("h") and len(pu) == 1:
            readings = self._wade_giles_readings(u[:-1], (u[:-1],))  # older eh for e: Chu Teh
        if not readings:
            return None
        return v in readings

    def _romanised(self, word: str, parts: tuple[str, ...]) -> bool:
        """Pinyin, Wade-Giles or postal, a name the tables know, or a word whose syllables all read as
        Tibetan, Uyghur or Mongolian romanisation (Gyantse, Drepung): only for such words is
        consonant-class folding evidence (Paris ~ Pierre, Britain ~ Reuters are not)."""
        lex = self.lexicon
        if self._pinyin_syllables(word) or word in lex.elements or word in lex.element_rows:
            return True
        if word in lex.whole_names or word in lex.places or self._segmentations(word):
            return True
        if self._wade_giles_readings(word, parts):
            return True
        return all(_AREA_WORD.fullmatch(p) for p in parts)

    def _known_spelling(self, word: str, parts: tuple[str, ...]) -> bool:
        """Spelled by a table or a syllable system, not only by the loose syllable pattern (_AREA_WORD)."""
        lex = self.lexicon
        return bool(self._pinyin_syllables(word) or word in lex.elements or word in lex.element_rows
                    or word in lex.whole_names or word in lex.places or self._wade_giles_readings(word, parts))


def word_similarity(u: str, v: str) -> float | None:
    """Jaro-Winkler score of two folded words' sound keys, None if they do not match.

    Keys must have the same length: a consonant added or lost (Slovakia /
    Urumqi) is a different word. With every consonant class equal one vowel
    class may differ in a word of two syllables or more (Tseten ~ Caidan); with
    all vowels equal one consonant may differ in a long word (Jaro-Winkler >=
    WORD_SIMILARITY)."""
    if min(len(u), len(v)) < LENGTH_RATIO * max(len(u), len(v)):
        return None  # Jody / Trudeau: equal keys, but far too different in length to be one name
    best = None
    for ku, kv in zip(sound_keys(u), sound_keys(v)):
        if len(ku) != len(kv):
            continue
        vowel_changes = sum(a != b for a, b in zip(ku, kv) if a in VOWEL_SYMBOLS and b in VOWEL_SYMBOLS)
        consonant_changes = sum(a != b for a, b in zip(ku, kv)) - vowel_changes
        score = JaroWinkler.normalized_similarity(ku, kv)
        if (consonant_changes == 0 and vowel_changes <= (len(ku) >= SHORT_KEY)) or (
                vowel_changes == 0 and len(ku) > SHORT_KEY and score >= WORD_SIMILARITY):
            best = max(best or 0.0, score)
    return best
