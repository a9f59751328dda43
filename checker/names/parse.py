"""Split a name string into what the matcher compares: core words, generic
head (County, Monastery ...), numbers, and the folded sound keys."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from checker.names.fold import fold_name, sound_keys

# Generic heads are context, not part of the name: Gonggar County ~ Gonggar.
ADMINISTRATIVE_HEADS = {
    "autonomous", "region", "prefecture", "county", "city", "district", "province",
    "municipality", "league", "banner", "township", "town", "village", "special",
    "administrative", "sar",
}
# Heads that name a kind of thing: Lhasa Airport and Lhasa Monastery differ.
FACILITY_HEADS = {
    "airport", "monastery", "temple", "lake", "river", "mountain", "mountains", "plateau",
    "university", "station", "railway", "port", "bridge", "park",
}
# Ethnic adjectives inside region names (Xinjiang Uygur Autonomous Region).
ETHNIC_WORDS = {"tibetan", "uygur", "uyghur", "zhuang", "hui", "mongolian", "kazak", "kazakh", "yi", "miao"}

ORDINAL_WORDS = {
    "first": "1", "second": "2", "third": "3", "fourth": "4", "fifth": "5", "sixth": "6",
    "seventh": "7", "eighth": "8", "ninth": "9", "tenth": "10",
}
_DIGITS = re.compile(r"\d+")
_HYPHENS = re.compile(r"[-‐‑]")
# Pinyin writes no hyphens, and an apostrophe only before a, e or o (Xi'an);
# t'ao, Tse-tung are Wade-Giles.
_NOT_PINYIN = re.compile(r"[-‐‑]|['’ʼ](?![aeoAEO])")


class ParsedName(NamedTuple):  # not a frozen dataclass: see checker.finding.Match
    text: str
    compact: str  # the whole name folded, without spaces
    core_text: str  # the name without its generic head, as written
    core: str  # the core folded, without spaces
    words: tuple[str, ...]  # the core's folded words
    keys: tuple[tuple[str, ...], ...]  # sound_keys() of each word
    facility: str  # the facility head (airport, monastery ...) or ""
    numbers: tuple[str, ...]
    pinyin_clean: bool  # ASCII, no mark that rules out pinyin (hyphen, Wade-Giles apostrophe)
    parts: tuple[tuple[str, ...], ...] = ()  # each core word's hyphen-separated syllables, folded (Chih-wei: chih, wei)


@lru_cache(maxsize=1 << 12)  # names recur; bounded so memory stays flat over many stories
def parse_name(text: str) -> ParsedName:
    text = text.strip()
    tokens = text.split()
    head: list[str] = []
    while len(tokens) > 1:
        last = fold_name(tokens[-1])
        if last in ADMINISTRATIVE_HEADS or last in FACILITY_HEADS or (head and last in ETHNIC_WORDS):
            head.insert(0, last)
            tokens.pop()
        else:
            break
    core_text = " ".join(tokens)
    words = tuple(fold_name(core_text).split())
    folded_all = fold_name(text).split()
    numbers = tuple(_DIGITS.findall(text)) + tuple(ORDINAL_WORDS[w] for w in folded_all if w in ORDINAL_WORDS)
    return ParsedName(
        text=text,
        compact="".join(folded_all),
        core_text=core_text,
        core="".join(words),
        words=words,
        keys=tuple(sound_keys(w) for w in words),
        facility=next((h for h in head if h in FACILITY_HEADS), ""),
        numbers=numbers,
        pinyin_clean=core_text.isascii() and not _NOT_PINYIN.search(core_text),
        parts=tuple(tuple(p for p in (fold_name(x) for x in _HYPHENS.split(t)) if p) for t in core_text.split()),
    )
