"""Normalisation and consonant-class folding, so that romanisations of one
name meet (Shigatse / Xigaze, Lhakpa / Laba) while their spelling differs."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_LETTERS_NFKD_MISSES = str.maketrans({"ø": "o", "ł": "l", "đ": "d", "ı": "i", "æ": "ae", "œ": "oe"})
_DROPPED = re.compile(r"['’ʼ‘`´.\-‐‑–]")
_SPACES = re.compile(r"\s+")


def fold_name(s: str) -> str:
    """Casefold, strip diacritics, drop apostrophes, hyphens and dots, collapse spaces."""
    if s.isascii():  # no diacritics to strip: NFKD and the combining marks are no-ops (most names)
        s = s.lower()
    else:
        s = unicodedata.normalize("NFKD", s.casefold().translate(_LETTERS_NFKD_MISSES))
        s = "".join(c for c in s if not unicodedata.combining(c))
    return _SPACES.sub(" ", _DROPPED.sub("", s)).strip()


# Consonant spellings grouped by the sound classes romanisations confuse
# (transliteration.md, "What worked"); longest spelling first.
_CONSONANT_CLASSES = {
    "Z": ["tsh", "ts", "tz", "dz", "c", "z"],
    "J": ["thr", "zh", "ch", "dr", "tr", "gy", "ky", "j", "q"],
    "S": ["sh", "hs", "ss", "x", "s"],
    "B": ["ph", "b", "p", "f"],
    "D": ["th", "dh", "d", "t"],
    "G": ["kh", "g", "k"],
    "L": ["lh", "r", "l"],
    "N": ["ny", "ng", "n"],
    "W": ["w", "v"],
    "M": ["m"],
    "H": ["h"],
}
_CONSONANT = re.compile("|".join(sorted(
    (re.escape(s) for spellings in _CONSONANT_CLASSES.values() for s in spellings),
    key=len, reverse=True)))
_CLASS_OF = {s: c for c, spellings in _CONSONANT_CLASSES.items() for s in spellings}
_VOWELS = set("aeiouy")
# Tibetan retroflexes read as dentals (Dolma ~ Zhuoma, Dalha ~ Dralha).
_RETROFLEX = {"zh", "dr", "tr", "thr"}
# Postal forms write j/q/x before i as k, ts or h (Peking, Tientsin, Sinkiang).
_POSTAL_PALATAL = {"k", "ts", "tz"}


def _units(word: str) -> list[str]:
    """Split a folded word into consonant spellings and vowel runs (w after a consonant is a vowel)."""
    units: list[str] = []
    i = 0
    while i < len(word):
        if word[i] in _VOWELS or (word[i] == "w" and units and units[-1][0] not in _VOWELS):
            j = i + 1
            while j < len(word) and word[j] in _VOWELS:
                j += 1
            run = word[i:j].replace("w", "u", 1)
            if units and units[-1][0] in _VOWELS:
                units[-1] += run
            else:
                units.append(run)
            i = j
            continue
        m = _CONSONANT.match(word, i)
        unit = m.group() if m else word[i]
        units.append(unit)
        i += len(unit)
    return units


# Vowel runs fold to three classes romanisations rarely cross: A; E (e, i);
# O (o, u). Leading glides (i, u, y, w) are dropped first (uo = o, ia = a), and
# these digraphs are read as one vowel: ZWPY ai = e (Xainza ~ Shentsa), oi and
# oe = o (Zhoima ~ Zhuoma, Toelung ~ Doilung).
_DIGRAPHS = {"ai": "E", "ae": "E", "ei": "E", "ao": "O", "au": "O", "ou": "O", "oi": "O", "oe": "O"}
_VOWEL_CLASS = {"a": "A", "e": "E", "i": "E", "y": "E", "o": "O", "u": "O"}
VOWEL_SYMBOLS = frozenset("AEO")


def _vowel_class(run: str, next_unit: str) -> str:
    nucleus = run
    while len(nucleus) > 1 and nucleus[0] in "iuyw":
        nucleus = nucleus[1:]
    if nucleus[0] == "a" and run[0] in "iy" and next_unit in ("n", "ny"):
        return "E"  # pinyin -ian is Wade-Giles -ien (Jianying ~ Chien-ying)
    return _DIGRAPHS.get(nucleus[:2]) or _VOWEL_CLASS[nucleus[0]]


def _key(units: list[str], variant: str) -> str:
    """Class symbols for consonants and vowels; of a consonant cluster only the onset of the next syllable stays."""
    out: list[str] = []
    pending = ""
    for n, unit in enumerate(units):
        following = units[n + 1] if n + 1 < len(units) else ""
        if unit[0] in _VOWELS:
            out.append(pending + _vowel_class(unit, following))
            pending = ""
            continue
        symbol = _CLASS_OF.get(unit, unit)
        if variant == "retroflex" and unit in _RETROFLEX:
            symbol = "D"
        elif variant == "postal" and unit in _POSTAL_PALATAL and following[:1] in ("i", "y"):
            symbol = "J"
        pending = symbol
    return "".join(out)


KEY_VARIANTS = ("plain", "retroflex", "postal")
_VARIANT_UNITS = {"retroflex": _RETROFLEX, "postal": _POSTAL_PALATAL}  # the units _key reads otherwise per variant


@lru_cache(maxsize=1 << 13)  # names recur; bounded so memory stays flat over many stories
def sound_keys(word: str) -> tuple[str, ...]:
    """One key per reading in KEY_VARIANTS for a folded word without spaces."""
    units = _units(word)
    plain = _key(units, "plain")
    # A variant differs from the plain key only at its own consonants: most words hold none, and then
    # their keys are the plain one (each _key is a Python walk over the units).
    return tuple(plain if v == "plain" or _VARIANT_UNITS[v].isdisjoint(units) else _key(units, v) for v in KEY_VARIANTS)
