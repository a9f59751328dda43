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

    def __init__(self, text: str, by_first: dict[str, list[str]], spelled: dict[str, list[str]]):
        """`by_first`: the table's keys by first character; `spelled`: its keys by the letters of each spelling."""
        self.text = text
        self.by_first = by_first
        self.spelled = spelled
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
        """The first table name, by offset then characters, that text[start:end] holds and `name_letters` spells.

        As a walk over every table name in the original in that order would find it, stopping at the
        first name that runs past `end`: one that starts in the segment's last characters before the match.
        """
        text = self.text
        best = None
        for key in self.spelled.get(name_letters, ()):
            i = text.find(key, start, end)
            if i >= 0 and (best is None or (i, key) < best):
                best = (i, key)
        if best is None:
            return None
        i, key = best
        for at in range(max(start, end - MAX_CHARS + 1), i + 1):
            for other in self.by_first.get(text[at], ()):
                if at + len(other) > end and (at, other) < best and text.startswith(other, at):
                    return None
        return i, i + len(key)

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
