"""How long NameMatcher.drift_pairs() takes on 300 and 10,000 distinct names.

The names are a deterministic mix of what a story holds: gazetteer places,
Han names in pinyin and Tibetan names built from the name elements, some in two
spellings. Run: python bench/names_speed.py
"""

from __future__ import annotations

import random
import time

import yaml

from checker.names import NameMatcher, default_data_dir
from checker.names.blocking import np


def sample_names(count: int, seed: int = 0) -> list[str]:
    data = default_data_dir()
    rng = random.Random(seed)
    gazetteer = yaml.safe_load((data / "gazetteer.yaml").read_text(encoding="utf-8"))
    places = [n for names in gazetteer["places"].values() for n in names]
    elements = [c["names"] for c in yaml.safe_load((data / "tibetan-elements.yaml").read_text(encoding="utf-8"))["classes"]]
    surnames = yaml.safe_load((data / "han-surnames.yaml").read_text(encoding="utf-8"))["single"]
    syllables = yaml.safe_load((data / "pinyin-syllables.yaml").read_text(encoding="utf-8"))["syllables"]
    makers = [
        lambda: rng.choice(places),
        lambda: f"{rng.choice(surnames).title()} {''.join(rng.sample(syllables, rng.randint(1, 2))).title()}",
        lambda: " ".join(rng.choice(rng.choice(elements)) for _ in range(2)),
    ]
    names: dict[str, None] = {}
    while len(names) < count:
        names[rng.choice(makers)()] = None
    return list(names)


def measure(matcher: NameMatcher, count: int, repeats: int) -> tuple[float, int]:
    names = sample_names(count)
    best, found = float("inf"), 0
    for _ in range(repeats):
        start = time.perf_counter()
        found = len(matcher.drift_pairs(names))
        best = min(best, time.perf_counter() - start)
    return best, found


def main() -> None:
    matcher = NameMatcher.load()
    print(f"numpy {'present: cdist' if np is not None else 'absent: process.extract fallback'}")
    for count, repeats in ((300, 5), (10_000, 1)):
        seconds, found = measure(matcher, count, repeats)
        print(f"{count:>6} names: {seconds * 1000:8.1f} ms (best of {repeats}), {found} drift pairs")


if __name__ == "__main__":
    main()
