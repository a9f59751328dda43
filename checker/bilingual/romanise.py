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

import re
from functools import lru_cache

HAN = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]")
MAX_CHARS = 4


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
    out = set()
    for style in (Style.NORMAL, Style.WADEGILES):
        for group in pinyin(char, style=style, heteronym=True, errors="ignore"):
            out.update(letters(r.replace("v", "u")) for r in group)
    out.discard("")
    return frozenset(out)


def renders(name_letters: str, text: str, start: int, end: int, table: dict[str, set[str]]) -> tuple[int, int] | None:
    """The span of text[start:end] holding 2-4 Han characters that `name_letters` spells, or None."""
    for i in range(start, end):
        if not HAN.match(text, i):
            continue
        for j in range(i + 2, min(i + MAX_CHARS, end) + 1):
            chars = text[i:j]
            if not HAN.fullmatch(chars[-1]):
                break
            if name_letters in table.get(chars, ()):
                return i, j
        k = _spell(name_letters, text, i, end, 0)
        if k:
            return i, k
    return None


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
