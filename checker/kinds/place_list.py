"""`place-list`: a list of provinces and regions holding a name that is none of them.

The source often lists provinces by their one-character abbreviations
(宁青新 for Ningxia, Qinghai, Xinjiang); machine translation romanises the
run as pseudo-names, "Ningqing, Qingxin". A list counts as a province list
when at least `min_provinces` of its items are provincial-level names from
the gazetteer and every other item is a single word that splits wholly into
abbreviation readings (ning+qing). Those words are flagged, with the
provinces the readings stand for. A multi-word item (`Qingxin District`),
or any other item (a city), means the list is not a province list, so real
places are left alone.
"""

from __future__ import annotations

from bisect import bisect_left
from functools import cache
from pathlib import Path

import regex
from checker import yamlio
from checker.cache import cached
from checker.document import Document
from checker.finding import Match
from checker.kinds.base import RuleError
from checker.patterns import compiled

PARAMS = {
    "gazetteer": {"type": "string", "description": "data file of provincial-level divisions, relative to the rule file"},
    "min_provinces": {"type": "integer", "minimum": 1, "description": "real provinces a list needs (default 2)"},
}
REQUIRED = ("gazetteer",)
PLACEHOLDERS = {"suggestion", "count"}

WORD = r"\p{Lu}[\p{L}\p{M}'’-]*"
ITEM = rf"{WORD}(?: {WORD}){{0,3}}"
SEPARATOR = r"(?:,[ \t]*(?:and[ \t]+)?|[ \t]+and[ \t]+|、)"
ITEM_PATTERN = compiled(ITEM)
LIST = compiled(rf"(?<![\p{{L}}\p{{M}}'’-]){ITEM}(?:{SEPARATOR}{ITEM})+")
SUFFIX = compiled(r"(?: (?:Province|Autonomous Region|Municipality|Special Administrative Region|SAR))$", regex.IGNORECASE)


@cache
def load_gazetteer(path: Path) -> tuple[dict[str, str], dict[str, list[tuple[str, str]]]]:
    """(folded name -> canonical name, abbreviation reading -> [(character, canonical name)])."""
    try:
        data = cached("data-table", [path], lambda: yamlio.load(path.read_text("utf-8")))
        names: dict[str, str] = {}
        readings: dict[str, list[tuple[str, str]]] = {}
        for entry in data["provinces"]:
            canonical = entry["names"][0]
            for name in entry["names"]:
                names[name.casefold()] = canonical
            for char, spellings in zip(entry["abbr"], entry["pinyin"], strict=True):
                for reading in spellings.split("|"):
                    readings.setdefault(reading, []).append((char, canonical))
        return names, readings
    except (OSError, yamlio.YAMLError, KeyError, TypeError, ValueError) as exc:
        raise RuleError(f"cannot read gazetteer {path}: {exc}", "gazetteer") from None


def split_readings(word: str, readings: dict) -> list[list[str]]:
    """Every way to cut a folded word into two or more abbreviation readings."""
    out = []

    def walk(rest, parts):
        if not rest:
            if len(parts) >= 2:
                out.append(parts)
            return
        for size in range(1, min(6, len(rest)) + 1):
            if rest[:size] in readings:
                walk(rest[size:], parts + [rest[:size]])

    walk(word, [])
    return out


def build(params, context):
    names, readings = load_gazetteer((context.base_dir / params["gazetteer"]).resolve())
    min_provinces = params.get("min_provinces", 2)

    def suggest(cuts: list[list[str]]) -> str:
        """Provinces for the first cut; ambiguous readings (jin: Tianjin or Shanxi) listed with `or`."""
        parts = []
        for reading in cuts[0]:
            choices = list(dict.fromkeys(name for _, name in readings[reading]))
            parts.append(" or ".join(choices))
        return ", ".join(parts)

    # Words of the gazetteer's names, as token norms: a sentence with fewer than
    # min_provinces of them cannot hold a province list, so LIST (slow) skips it.
    name_words = frozenset(n for name in names for n in Document(name).norms)

    def run(doc):
        starts = [s for s, n in zip(doc.tokens.starts, doc.norms) if n in name_words]  # offsets: no Token a word
        if len(starts) < min_provinces:
            return
        for sentence in doc.sentences:
            if bisect_left(starts, sentence.end) - bisect_left(starts, sentence.start) < min_provinces:
                continue
            for m in LIST.finditer(doc.text, sentence.start, sentence.end):
                provinces, suspects = 0, []
                for n, (s, e) in enumerate(_items(m)):
                    item = SUFFIX.sub("", doc.text[s:e])
                    if n == 0:  # `In Shaanxi, Gansu...`: a sentence's first word is not part of the name
                        item = _known_tail(item, names)
                    if item.casefold() in names:
                        provinces += 1
                        continue
                    cuts = split_readings(item.casefold(), readings) if " " not in item else []
                    if not cuts:
                        break
                    suspects.append((s, s + len(item), cuts))
                else:
                    if provinces >= min_provinces:
                        for s, e, cuts in suspects:
                            yield Match(s, e, {"suggestion": suggest(cuts), "count": provinces})

    return run


def _items(m):
    """Spans of the list items inside a LIST match."""
    for part in ITEM_PATTERN.finditer(m.group()):
        yield m.start() + part.start(), m.start() + part.end()


def _known_tail(item: str, names: dict) -> str:
    """The longest run of final words of `item` that is a province name, else `item`."""
    words = item.split(" ")
    for i in range(1, len(words)):
        tail = " ".join(words[i:])
        if tail.casefold() in names:
            return tail
    return item
