"""How NameMatcher.drift_pairs() grows with distinct names: 1,000 to 30,000 (the archive's
`checker names learn` clusters its distinct names with it too).

The names are a deterministic mix of what a story holds: gazetteer places,
Han names in pinyin and Tibetan names built from the name elements, some in two
spellings. Times are CPU seconds, best of 3 (one run at 30,000). The pool of
Tibetan element pairs is finite, so past 10,000 names more of them are spellings of one
another: the pairs found grow faster than the names, and so does the time; the pairs
judged per pair found stays flat (blocking forms no pair it need not judge).
Run: python bench/names_speed.py [--quick]
"""

from __future__ import annotations

import random
import sys
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


def measure(matcher: NameMatcher, count: int, repeats: int) -> tuple[float, int, int]:
    """(best CPU seconds, drift pairs found, pairs judged) for `count` sample names."""
    names = sample_names(count)
    judge, judged = matcher._judge, [0]

    def counting(x, y):
        judged[0] += 1
        return judge(x, y)

    best, found = float("inf"), 0
    matcher._judge = counting
    try:
        for _ in range(repeats):
            matcher._verdicts.clear()  # each run judges afresh
            judged[0] = 0
            start = time.process_time()
            found = len(matcher.drift_pairs(names))
            best = min(best, time.process_time() - start)
    finally:
        del matcher._judge
    return best, found, judged[0]


def main() -> None:
    from bench.timing import growth_exponent

    matcher = NameMatcher.load()
    print(f"numpy {'present: cdist' if np is not None else 'absent: process.extract fallback'}")
    sizes = ((300, 3), (1000, 3), (3000, 3)) if "--quick" in sys.argv else ((1000, 3), (3000, 3), (10_000, 3), (30_000, 1))
    seconds = []
    for count, repeats in sizes:
        s, found, judged = measure(matcher, count, repeats)
        seconds.append(s)
        print(f"{count:>6} names: {s:7.2f} s CPU (best of {repeats}), {found} drift pairs, {judged} pairs judged")
    counts = [c for c, _ in sizes]
    print(f"exponent {growth_exponent(counts, seconds):.2f} (last step {growth_exponent(counts[-2:], seconds[-2:]):.2f})")


if __name__ == "__main__":
    if __package__ in (None, ""):
        sys.path.insert(0, __file__.rsplit("/bench/", 1)[0])
    main()
