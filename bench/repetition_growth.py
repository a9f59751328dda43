"""Growth of the repetition rules on adversarial input: one run of `the the ...` and one
paragraph of a phrase said over and over. Linear is exponent 1.0; the old per-word re-slice
of the run was quadratic (10k repeats 1.7 s, 20k 6 s, 40k 23 s). Run: python bench/repetition_growth.py
"""

from __future__ import annotations

import time

from bench.timing import growth_exponent
from checker.engine import check_text
from checker.rules import default_rules_dir, load_rules

SIZES = (10_000, 20_000, 40_000, 80_000)
INPUTS = {
    "run of one word": lambda n: "the " * n,
    "phrase said again": lambda n: "the farms employ local workers between the towns " * (n // 8),
}


def main() -> None:
    rules = [r for r in load_rules([default_rules_dir()])[0] if r.kind == "repetition"]
    for name, make in INPUTS.items():
        seconds = []
        for n in SIZES:
            text = make(n)
            best = float("inf")
            for _ in range(3):
                began = time.perf_counter()
                check_text(text, rules)
                best = min(best, time.perf_counter() - began)
            seconds.append(best)
        points = ", ".join(f"{n // 1000}k words {s:.3f} s" for n, s in zip(SIZES, seconds))
        print(f"{name:20} exponent {growth_exponent(SIZES, seconds):.2f}: {points}")


if __name__ == "__main__":
    main()
