"""Decide whether two name strings are one entity spelled two ways (drift).

Order matters: known facts (lexicon, gazetteer, known-distinct pairs) first,
then guards that keep look-alike entities apart, and only then the fuzzy
comparison of consonant-class keys, word by word.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from rapidfuzz.distance import JaroWinkler

from checker.memo import Memo
from checker.names.blocking import similar_pairs
from checker.names.data import default_data_dir
from checker.names.fold import KEY_VARIANTS, VOWEL_SYMBOLS, sound_keys
from checker.names.lexicon import Lexicon
from checker.names.parse import ParsedName, parse_name

# Below this Jaro-Winkler similarity of folded keys two words are different names.
WORD_SIMILARITY = 0.86
# In keys this short (two syllables) no consonant may change: one changed
# consonant in a short name is another name (Shannan / Shandan, Kashgar / Kashmir).
SHORT_KEY = 4
# A folded word under this share of the other's letters is another word, whatever its key.
LENGTH_RATIO = 0.6


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


@dataclass(frozen=True)
class Verdict:
    """same: the two strings name one entity in two spellings (drift).
    policy: the difference is a house-style choice (Tibet / Xizang), not an error."""

    same: bool
    reason: str
    score: float
    policy: bool = False


@dataclass(frozen=True)
class _Profile:
    parsed: ParsedName
    blocks: tuple  # blocking tokens: names sharing one are compared
    in_gazetteer: bool
    in_pinyin: bool
    shapes: tuple  # per key variant: the key length of each word
    skeletons: tuple  # per key variant: the keys run together, vowels as V


MEMO_SIZE = 1 << 12  # names and pairs remembered across stories (about 5 MB at most)
VOWELS_AS_V = str.maketrans(dict.fromkeys(VOWEL_SYMBOLS, "V"))


class NameMatcher:
    """Transliteration-aware comparison of person and place names."""

    def __init__(self, lexicon: Lexicon):
        self.lexicon = lexicon
        # Worked out once and remembered: names and their pairs recur from story to story.
        self._syllable_counts = Memo(self._count_syllables, MEMO_SIZE)
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
        form, so far-apart spellings (Rikaze / Shigatse) still meet; plus
        consonant skeletons within a fuzzy cutoff (rapidfuzz cdist), needed only
        where the guards leave room for a fuzzy merge.
        A repeated string counts at its first index.
        """
        first: dict[str, int] = {}
        for i, name in enumerate(names):
            first.setdefault(name, i)
        unique = list(first)
        profiles = [self._profiles[n] for n in unique]
        blocks: dict[object, list[int]] = defaultdict(list)
        for i, profile in enumerate(profiles):
            for token in profile.blocks:
                blocks[token].append(i)
        candidates = {pair for members in blocks.values() if len(members) > 1 for pair in combinations(members, 2)}
        # Two names in pinyin, or two gazetteer places, merge only through a
        # block; a fuzzy merge needs the same number of words of the same key lengths.
        for variant in range(len(KEY_VARIANTS)):
            shapes: dict[tuple[int, ...], list[int]] = defaultdict(list)
            for i, profile in enumerate(profiles):
                shapes[profile.shapes[variant]].append(i)
            for group in shapes.values():
                open_ = [n for n, i in enumerate(group) if not profiles[i].in_pinyin]
                if len(group) < 2 or not open_:
                    continue
                skeletons = [profiles[i].skeletons[variant] for i in group]
                candidates |= {(group[a], group[b]) for a, b in similar_pairs(skeletons, open_)
                               if not (profiles[group[a]].in_gazetteer and profiles[group[b]].in_gazetteer)}
        found = []
        for i, j in sorted(candidates):
            verdict = self._verdicts[(unique[i], unique[j])]
            if verdict.same:
                found.append((first[unique[i]], first[unique[j]], verdict))
        return found

    def _profile(self, name: str) -> _Profile:
        """What drift_pairs needs of one name."""
        p = parse_name(name)
        return _Profile(
            parsed=p,
            blocks=tuple(self._block_tokens(p)),
            in_gazetteer=p.core in self.lexicon.places,
            in_pinyin=self._in_pinyin(p),
            shapes=tuple(tuple(len(k[v]) for k in p.keys) for v in range(len(KEY_VARIANTS))),
            skeletons=tuple("".join(k[v] for k in p.keys).translate(VOWELS_AS_V) for v in range(len(KEY_VARIANTS))),
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
        return tokens

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
        pairs = [(u, v) for u, v in zip(x.words, y.words) if u != v]
        known, folded, scores = [], [], []
        for u, v in pairs:
            eu, ev = self.lexicon.elements.get(u), self.lexicon.elements.get(v)
            if eu and ev:
                if eu.id != ev.id:
                    return Verdict(False, f"{u.title()} and {v.title()} are different Tibetan name elements", 0.0)
                known.append(f"{u.title()} ~ {v.title()}")
                continue
            if both_pinyin:
                return Verdict(False, f"{u.title()} and {v.title()} are two different pinyin spellings: different names", 0.0)
            score = word_similarity(u, v)
            if score is None:
                return Verdict(False, "spellings differ beyond known romanisation variants", 0.0)
            folded.append(f"{u.title()} ~ {v.title()}")
            scores.append(score)
        parts = []
        if known:
            parts.append(f"known variants of one Tibetan name element: {', '.join(known)}")
        if folded:
            parts.append(f"romanisation variants (same sounds after folding): {', '.join(folded)}")
        return Verdict(True, "; ".join(parts), min(scores, default=1.0))


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
