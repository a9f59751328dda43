"""Candidate pairs for drift_pairs(): names close enough to be worth judging, never all pairs.

Names meet when they share a blocking token (NameMatcher._block_tokens) or when
their consonant skeletons are within a fuzzy cutoff (rapidfuzz cdist, in batches
of distinct keys). Inside a token's block or a pair of close keys, names are
then joined by their `Fit` (numbers, Han name, gazetteer place, Tibetan element
ids): a pair whose fits clash can only be judged different, so it is never
formed. A block of 100 Han names sharing a surname costs 100 steps, not 4,950
judgements.

rapidfuzz's cdist needs numpy; without numpy the same scores come from one
process.extract() per key, which is slower but keeps numpy optional.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from itertools import combinations, product
from typing import NamedTuple

from rapidfuzz import fuzz, process

try:
    import numpy as np
except ImportError:  # numpy is optional
    np = None

# fuzz.ratio (0-100) below which two folded keys are not worth comparing: the
# matcher needs equal short keys, and one changed symbol in five scores 80.
KEY_CUTOFF = 80


class Fit(NamedTuple):
    """What decides, before any fuzzy comparison, that two names cannot be one entity unless they
    share a strong token (same folded form, lexicon class or gazetteer key). NameMatcher._judge then
    answers "different" for: other numbers (_numbers); two Han names (_han_names); two gazetteer
    places (_gazetteer); two names made only of Tibetan name elements whose element ids differ at
    some position or whose word counts differ (_word_by_word); two names all in pinyin whose word
    counts differ (_word_by_word: Tongling / Dong Lai, one sound key, are a place and a person)."""

    numbers: tuple
    han: bool
    place: bool
    elements: tuple | None  # element id of each word when every word is one, else None
    pinyin_words: int = 0  # how many words when every word is valid pinyin (NameMatcher._in_pinyin), else 0


def fits(a: Fit, b: Fit) -> bool:
    """Whether a pair with these fits may still be judged the same entity (numbers aside)."""
    if (a.han and b.han) or (a.place and b.place):
        return False
    if a.pinyin_words and b.pinyin_words and a.pinyin_words != b.pinyin_words:
        return False
    return a.elements is None or b.elements is None or a.elements == b.elements


def joined_pairs(left: Sequence[int], right: Sequence[int] | None, fit: Sequence[Fit]) -> Iterator[tuple[int, int]]:
    """Pairs (i, j), i from left and j from right (two of left when right is None), whose fits agree.

    Members are binned by fit; a bin of element names meets only bins of the same element ids or of
    names that are not all elements, so the work is the pairs kept plus a step per member."""
    bins_l = _bins(left, fit)
    bins_r = bins_l if right is None else _bins(right, fit)
    index: dict[tuple, dict[tuple | None, list[int]]] = defaultdict(lambda: defaultdict(list))
    for n, (f, _) in enumerate(bins_r):
        index[f.numbers][f.elements].append(n)
    for m, (f, members) in enumerate(bins_l):
        ids = index.get(f.numbers)
        if not ids:
            continue
        if f.elements is None:
            partners = [n for group in ids.values() for n in group]
        else:
            partners = ids.get(f.elements, []) + ids.get(None, [])
        for n in partners:
            g, others = bins_r[n]
            if right is None and n < m or not fits(f, g):
                continue  # a bin pair of one list is met from both sides: kept once
            if right is None and n == m:
                yield from combinations(members, 2)
            else:
                yield from product(members, others)


def _bins(members: Iterable[int], fit: Sequence[Fit]) -> list[tuple[Fit, list[int]]]:
    out: dict[Fit, list[int]] = defaultdict(list)
    for i in members:
        out[fit[i]].append(i)
    return list(out.items())


def close_keys(keys: Sequence[str], open_: Iterable[int]) -> Iterator[tuple[list[int], list[int]]]:
    """For every two distinct keys within KEY_CUTOFF, the members of each: (members of a key some open
    member has, members of the other key), each pair of keys once; and a key with itself (the same list
    twice) when it has two members. Compared once per distinct key. A pair of two open keys is found
    from both sides (the score is symmetric) and a lone member makes no pair with itself: each was a
    join of members that only found pairs already found, or none."""
    members: dict[str, list[int]] = defaultdict(list)
    for i, key in enumerate(keys):
        members[key].append(i)
    queries = list({keys[i]: None for i in open_})
    choices = list(members)
    asked = set(queries)
    for q, c in _close_keys(queries, choices):
        a, b = queries[q], choices[c]
        if a == b:
            if len(members[a]) > 1:
                yield members[a], members[a]
        elif b not in asked or a < b:
            yield members[a], members[b]


def _close_keys(queries: list[str], choices: list[str]) -> list[tuple[int, int]]:
    """(query index, choice index) for every pair within the cutoff, identical keys included."""
    if not queries:
        return []
    if np is not None:
        scores = process.cdist(queries, choices, scorer=fuzz.ratio, score_cutoff=KEY_CUTOFF,
                               dtype=np.uint8, workers=1)
        rows, cols = np.nonzero(scores)
        return list(zip(rows.tolist(), cols.tolist()))
    return [(q, c) for q, query in enumerate(queries)
            for _, _, c in process.extract(query, choices, scorer=fuzz.ratio, score_cutoff=KEY_CUTOFF, limit=None)]
