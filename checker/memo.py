"""A bounded memo for work that recurs from story to story (words, names, pairs)."""

from __future__ import annotations

from typing import Callable


class Memo(dict):
    """key -> compute(key), remembered across stories; emptied when it outgrows `size`,
    so memory stays flat over long runs. A dict subclass: a hit is a plain subscript."""

    def __init__(self, compute: Callable, size: int):
        super().__init__()
        self.compute = compute
        self.size = size

    def __missing__(self, key):
        if len(self) > self.size:
            self.clear()
        value = self[key] = self.compute(key)
        return value
