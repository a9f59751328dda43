"""Which Chinese characters of a source segment an English name renders.

A rendering is the name's letters, spaces and hyphens dropped and case
folded; it renders a run of two to four Han characters when it spells one
reading per character: Hanyu Pinyin (every reading of a polyphonic
character, via pypinyin), Wade-Giles (pypinyin's table, apostrophes
dropped), or a spelling the name tables give for those characters
(rules/data/names: gazetteer and places, with Tibetan, Uyghur, Mongolian
and postal forms such as Lhasa, Shigatse, Peking, Canton).
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from checker.document import offsets_of

HAN = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]")
MAX_CHARS = 4


@lru_cache(maxsize=16384)
def letters(name: str) -> str:
    """The letters of a rendering: `Chen Ji-ning` -> chenjining (ü and ê as u and e)."""
    folded = name.casefold().replace("ü", "u").replace("ê", "e").replace("é", "e")
    return "".join(c for c in folded if "a" <= c <= "z")


@lru_cache(maxsize=16384)
def readings(char: str) -> frozenset[str]:
    """Every romanised reading of one Han character, letters only (Pinyin and Wade-Giles)."""
    try:
        from pypinyin import Style, pinyin
    except ImportError:  # the `bilingual` extra is not installed: the name tables alone
        return frozenset()
    out: set[str] = set()
    for style in (Style.NORMAL, Style.WADEGILES):
        for group in pinyin(char, style=style, heteronym=True, errors="ignore"):
            out.update(letters(r.replace("v", "u")) for r in group)
    out.discard("")
    return frozenset(out)


class SourceIndex:
    """The Han characters of a whole original by offset, so a name is tried only where it can start."""

    def __init__(self, text: str, table: dict[str, set[str]], by_first: dict[str, list[str]], prefixes: set[str] | None = None):
        self.text = text
        self.table = table
        han = {c for c in set(text) if "\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf"}
        self._at: dict[str, list[int]] = {}  # character -> offsets, ascending: found when first asked for
        self.by_reading: dict[str, list[str]] = {}  # reading -> characters of this original that have it
        by_reading = self.by_reading
        for c in han:
            for r in readings(c):
                if r in by_reading:
                    by_reading[r].append(c)
                else:
                    by_reading[r] = [c]
        if prefixes is None:
            prefixes = {key[:2] for key in table}
        # the table's names written here: tried only where two characters begin one (most offsets of 中 begin none)
        self.keys = sorted((i, key) for c in han & by_first.keys() for i in self.positions(c) if text[i : i + 2] in prefixes
                           for key in by_first[c] if text.startswith(key, i))
        self.key_starts = [i for i, _ in self.keys]
        self.starts = han  # truthy when the original holds any Han character
        self._found: dict[tuple[str, int, int], tuple[int, int] | None] = {}  # a segment's windows are tried again by near misses

    def positions(self, c: str) -> list[int]:
        """Offsets of character c, ascending: one str.find scan, done for the characters a look-up needs
        (a loop over every offset cost twice as much; all of an original's characters, three times)."""
        found = self._at.get(c)
        if found is None:
            found = self._at[c] = list(offsets_of(self.text, c))
        return found

    def find(self, name_letters: str, start: int, end: int) -> tuple[int, int] | None:
        """The span of text[start:end] holding 2-4 Han characters that `name_letters` spells, or None."""
        key = (name_letters, start, end)
        if key in self._found:
            return self._found[key]
        hit = self._in_table(name_letters, start, end) or self._by_reading(name_letters, start, end)
        self._found[key] = hit
        return hit

    def _in_table(self, name_letters: str, start: int, end: int) -> tuple[int, int] | None:
        keys, table = self.keys, self.table
        for p in range(bisect.bisect_left(self.key_starts, start), len(keys)):  # no slice: a copy of the tail a call
            i, key = keys[p]
            if i + len(key) > end:
                break
            if name_letters in table[key]:
                return i, i + len(key)
        return None

    def _by_reading(self, name_letters: str, start: int, end: int) -> tuple[int, int] | None:
        tried = set()
        hits = []
        for k in range(1, min(7, len(name_letters)) + 1):
            for c in self.by_reading.get(name_letters[:k], ()):
                if c in tried:
                    continue
                tried.add(c)
                positions = self.positions(c)
                for p in range(bisect.bisect_left(positions, start), len(positions)):
                    i = positions[p]
                    if i >= end:
                        break
                    j = _spell(name_letters, self.text, i, end, 0)
                    if j:
                        hits.append((i, j))
                        break
        return min(hits) if hits else None


def renders(name_letters: str, text: str, start: int, end: int, table: dict[str, set[str]]) -> tuple[int, int] | None:
    """The span of text[start:end] holding 2-4 Han characters that `name_letters` spells, or None."""
    by_first: dict[str, list[str]] = {}
    for key in table:
        by_first.setdefault(key[0], []).append(key)
    return SourceIndex(text, table, by_first).find(name_letters, start, end)


def _spell(target: str, text: str, i: int, end: int, depth: int) -> int | None:
    """End offset when text[i:...] read one syllable a character spells `target` exactly (at least 2 characters)."""
    if not target:
        return i if depth >= 2 else None
    if depth >= MAX_CHARS or i >= end or not HAN.match(text, i):
        return None
    for r in readings(text[i]):
        if target.startswith(r):
            k = _spell(target[len(r):], text, i + 1, end, depth + 1)
            if k:
                return k
    return None
