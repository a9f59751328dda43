"""Bounded memos for work that recurs from story to story (words, names, pairs)."""

from __future__ import annotations

from typing import Callable

WORD_MEMO = 16384  # words a word memo keeps: at 4,096 memory was flat from 2,000 to 20,000 stories, checking 10% slower


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


class WordMemo(Memo):
    """A Memo for words that keeps the first `size` words a process meets, and computes later ones
    each time instead of emptying itself.

    A vocabulary is Zipfian: the words met first are mostly the frequent ones, which keep answering
    once the memo is full, while the long tail (numbers, rare words, names) would only have grown it.
    So memory stops growing once the memo fills; an LRU cache or an emptied Memo kept admitting the
    tail, and grew for as long as a run lasted.
    """

    def __missing__(self, key):
        value = self.compute(key)
        if len(self) < self.size:
            self[key] = value
        return value


def word_memo(size: int) -> Callable[[Callable], Callable]:
    """Decorator: a one-argument function memoised in a WordMemo of `size` words; a hit is the
    dict's own subscript, in C, with no Python frame (as functools.lru_cache's is)."""

    def wrap(compute: Callable) -> Callable:
        return WordMemo(compute, size).__getitem__

    return wrap
