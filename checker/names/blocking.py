"""Candidate pairs for drift_pairs(): keys close enough to be worth comparing.

rapidfuzz's cdist needs numpy; without numpy the same scores come from one
process.extract() per key, which is slower but keeps numpy optional.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from rapidfuzz import fuzz, process

try:
    import numpy as np
except ImportError:  # numpy is optional
    np = None

# fuzz.ratio (0-100) below which two folded keys are not worth comparing: the
# matcher needs equal short keys, and one changed symbol in five scores 80.
KEY_CUTOFF = 80


def similar_pairs(keys: list[str], open_: Iterable[int]) -> set[tuple[int, int]]:
    """Index pairs (i < j), at least one of them in open_, whose keys score at least KEY_CUTOFF."""
    members: dict[str, list[int]] = defaultdict(list)
    for i, key in enumerate(keys):
        members[key].append(i)
    is_open = set(open_)
    queries = list({keys[i]: None for i in is_open})
    choices = list(members)
    pairs: set[tuple[int, int]] = set()
    for q, c in _close_keys(queries, choices):
        for i in members[queries[q]]:
            for j in members[choices[c]]:
                if i != j and (i in is_open or j in is_open):
                    pairs.add((min(i, j), max(i, j)))
    return pairs


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
