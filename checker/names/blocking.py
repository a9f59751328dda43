"""Candidate pairs for drift_pairs(): keys close enough to be worth comparing.

rapidfuzz's cdist needs numpy; without numpy the same scores come from one
process.extract() per key, which is slower but keeps numpy optional.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations

from rapidfuzz import fuzz, process

try:
    import numpy as np
except ImportError:  # numpy is optional
    np = None

# fuzz.ratio (0-100) below which two folded keys are not worth comparing: one
# changed symbol in a four-symbol key scores 75.
KEY_CUTOFF = 75


def similar_pairs(keys: list[str]) -> set[tuple[int, int]]:
    """Index pairs (i < j) whose keys score at least KEY_CUTOFF, identical keys included."""
    by_key: dict[str, list[int]] = defaultdict(list)
    for i, key in enumerate(keys):
        by_key[key].append(i)
    distinct = list(by_key)
    pairs: set[tuple[int, int]] = set()
    for members in by_key.values():
        pairs.update(combinations(members, 2))
    for u, v in _close_key_pairs(distinct):
        for i in by_key[distinct[u]]:
            for j in by_key[distinct[v]]:
                pairs.add((min(i, j), max(i, j)))
    return pairs


def _close_key_pairs(keys: list[str]) -> list[tuple[int, int]]:
    """Pairs u < v of distinct keys within the cutoff."""
    if np is not None:
        scores = process.cdist(keys, keys, scorer=fuzz.ratio, score_cutoff=KEY_CUTOFF,
                               dtype=np.uint8, workers=-1)
        rows, cols = np.nonzero(scores)
        keep = rows < cols
        return list(zip(rows[keep].tolist(), cols[keep].tolist()))
    return [(u, v) for u, key in enumerate(keys)
            for _, _, v in process.extract(key, keys, scorer=fuzz.ratio, score_cutoff=KEY_CUTOFF, limit=None)
            if u < v]
