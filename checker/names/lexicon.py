"""The name data in rules/data/names/, loaded into lookups keyed by folded spelling."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from checker import yamlio
from checker.names.fold import fold_name


class NameClass(NamedTuple):  # not a frozen dataclass: see checker.finding.Match
    """Spellings of one name (a place, a person, a Tibetan name element)."""

    id: int
    kind: str  # "place", "person" or "element"
    names: tuple[str, ...]
    zh: str = ""
    policy: bool = False


class Place(NamedTuple):
    """A gazetteer entry: the Chinese key and, for provincial divisions, their level.

    A tuple, not a dataclass: the lexicon holds ~3,000 in frozensets, and unpickling them called a
    dataclass's Python __hash__ for each (5 of the 7 ms of loading the lexicon); the hash is the same.
    """

    key: str
    level: str  # province | autonomous-region | municipality | sar | "" below provincial level


@dataclass
class Lexicon:
    """All lookups the matcher needs, each keyed by fold_name() without spaces."""

    whole_names: dict[str, NameClass]  # places and persons, matched as whole names
    elements: dict[str, NameClass]  # Tibetan name elements, matched word by word
    places: dict[str, frozenset[Place]]  # gazetteer plus places.yaml classes with zh
    distinct: frozenset[frozenset[str]]
    surnames: frozenset[str]
    syllables: frozenset[str]
    # Sourced romanisation tables (name-elements.yaml, cantonese-surnames.yaml, wade-giles.yaml,
    # cantonese-syllables.yaml): spelling -> the rows (one element or surname each) it spells.
    element_rows: dict[str, frozenset[int]]
    surname_rows: dict[str, frozenset[int]]
    wade_giles: dict[str, frozenset[str]]  # folded Wade-Giles syllable -> pinyin syllables
    cantonese: dict[str, frozenset[str]]  # pinyin syllable -> Hong Kong Cantonese syllables

    @classmethod
    def load(cls, data_dir: Path) -> Lexicon:
        """The lexicon of a data folder, from the start-up cache when its files are unchanged."""
        from checker.cache import cached

        return cached("lexicon", sorted(data_dir.glob("*.yaml")), lambda: cls._build(data_dir))

    @classmethod
    def _build(cls, data_dir: Path) -> Lexicon:
        def read(name: str) -> dict:
            return yamlio.load((data_dir / name).read_text(encoding="utf-8"))

        classes: list[NameClass] = []
        for file, kind in (("places.yaml", "place"), ("people.yaml", "person"), ("tibetan-elements.yaml", "element")):
            for entry in read(file)["classes"]:
                classes.append(NameClass(
                    id=len(classes), kind=kind, names=tuple(entry["names"]),
                    zh=entry.get("zh", ""), policy=entry.get("policy", False)))
        whole = {compact(n): c for c in classes if c.kind != "element" for n in c.names}
        elements = {compact(n): c for c in classes if c.kind == "element" for n in c.names}

        places: dict[str, set[Place]] = {}
        gazetteer = read("gazetteer.yaml")
        for entry in gazetteer["provinces"]:
            for n in entry["names"]:
                places.setdefault(compact(n), set()).add(Place(entry["key"], entry["level"]))
        provincial = {e["key"]: e["level"] for e in gazetteer["provinces"]}
        linked = [(c.zh, c.names) for c in classes if c.kind == "place" and c.zh]
        for key, names in [*gazetteer["places"].items(), *linked]:
            for n in names:
                places.setdefault(compact(n), set()).add(Place(key, provincial.get(key, "")))

        surnames = read("han-surnames.yaml")

        def rows(entries) -> dict[str, frozenset[int]]:
            out: dict[str, set[int]] = {}
            for n, entry in enumerate(entries):
                for name in entry["names"]:
                    out.setdefault(compact(str(name)), set()).add(n)
            return {k: frozenset(v) for k, v in out.items() if k}

        wade_giles: dict[str, set[str]] = {}
        for syllable, forms in read("wade-giles.yaml")["syllables"].items():
            for form in forms:
                wade_giles.setdefault(compact(str(form)), set()).add(str(syllable))
        return cls(
            whole_names=whole,
            elements=elements,
            places={k: frozenset(v) for k, v in places.items()},
            distinct=frozenset(frozenset(compact(n) for n in pair) for pair in read("distinct.yaml")["pairs"]),
            surnames=frozenset(surnames["single"] + surnames["compound"]),
            syllables=frozenset(read("pinyin-syllables.yaml")["syllables"]),
            element_rows=rows(read("name-elements.yaml")["rows"]),
            surname_rows=rows(read("cantonese-surnames.yaml")["rows"]),
            wade_giles={k: frozenset(v) for k, v in wade_giles.items()},
            cantonese={str(k): frozenset(map(str, v)) for k, v in read("cantonese-syllables.yaml")["syllables"].items()},
        )


def compact(name: str) -> str:
    """fold_name() without spaces: the lookup key for every table."""
    return fold_name(name).replace(" ", "")
