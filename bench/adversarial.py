"""Adversarial growth: inputs built to find a quadratic step, not to look like wire copy.

A CI gate or a CMS calls the checker on copy nobody has read, so every kind
must stay near n log n on hostile input too. Each case is one story at
growing sizes; the exponent is fitted on the in-process checking time, as
for the other growth rows, and memory per MB of input comes from a whole
`checker lint` process (peak RSS above the one-line baseline, divided by the
story's MB).

    python bench/adversarial.py [--quick] [--out DIR] [--checker CMD]

| case | text |
|---|---|
| one-word run | `the the the ...`: one long run of one repeated word |
| huge paragraph | wire sentences with no line break: one paragraph of the whole story |
| many names | thousands of distinct two- and three-syllable Chinese names, each twice |
| many numbers | thousands of distinct figures (`1,234 yuan`, `56.7 percent`, `the 89th`) |
"""
import argparse
import os
import random
import shlex
import sys
import time

if __package__ in (None, ""):
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench.measure import GROWTH_WARN, baseline_rss_mb, check_ok, lint_argv  # noqa: E402
from bench.timing import growth_exponent, run_timed  # noqa: E402

# Syllables of Hanyu Pinyin (a public, closed list; a small sample is enough to make distinct names).
SYLLABLES = ("zhang wang li zhao liu chen yang huang zhou wu xu sun ma zhu hu guo he lin luo gao zheng liang xie "
             "song tang han feng deng cao peng zeng xiao tian dong pan yuan cai jiang yu du ye cheng wei su lu ding "
             "ren shen yao jin fu qin bai cui kang mao qiu xiong meng qian hao shao wan duan lei qian long tao "
             "ming hua jun ping hong xin jie lan fang qiang yong bo tao kai").split()
SENTENCES = (
    "The county built 12 new schools with aid from Beijing, officials said on Tuesday",
    "Herders in the pasture areas received training in animal husbandry and veterinary care",
    "The Party Committee of the region held a meeting on rural revitalization work",
    "Visitors to Lhasa rose by a fifth compared with the same period last year",
)
FULL = [10_000, 40_000, 160_000]  # words
QUICK = [5_000, 10_000, 20_000]


def one_word_run(words: int, rng) -> str:
    return "LHASA, Nov. 11 (Xinhua) -- " + " ".join(["the"] * words) + ".\n"


def huge_paragraph(words: int, rng) -> str:
    out, n = [], 0
    while n < words:
        s = rng.choice(SENTENCES)
        out.append(s + ".")
        n += len(s.split())
    return "LHASA, Nov. 11 (Xinhua) -- " + " ".join(out) + "\n"


def many_names(words: int, rng) -> str:
    names = set()
    while len(names) < words // 12:
        given = "".join(rng.choice(SYLLABLES) for _ in range(rng.choice((1, 2))))
        names.add(f"{rng.choice(SYLLABLES).title()} {given.title()}")
    lines = [f"{n}, a delegate from the county, met {m} on Monday. {n} said the plan would help."
             for n, m in zip(sorted(names), sorted(names)[1:] + sorted(names)[:1])]
    rng.shuffle(lines)
    return "LHASA, Nov. 11 (Xinhua) -- Delegates met.\n" + "\n".join(lines) + "\n"


def many_numbers(words: int, rng) -> str:
    lines, n = [], 0
    while n < words:
        a, b, c = rng.randrange(1000, 999_999), rng.randrange(1, 1000) / 10, rng.randrange(1, 200)
        line = f"The {c}th batch invested {a:,} yuan, up {b} percent, in {rng.randrange(2, 99)} counties."
        lines.append(line)
        n += len(line.split())
    return "LHASA, Nov. 11 (Xinhua) -- Figures.\n" + "\n".join(lines) + "\n"


CASES = {"one-word run": one_word_run, "huge paragraph": huge_paragraph,
         "many names": many_names, "many numbers": many_numbers}


def write_cases(out: str, sizes: list[int], seed: int = 1) -> dict[str, list[str]]:
    os.makedirs(out, exist_ok=True)
    paths = {}
    for case, make in CASES.items():
        for words in sizes:
            path = os.path.join(out, f"{case.replace(' ', '-')}-{words}.txt")
            with open(path, "w", encoding="utf-8", newline="\n") as f:
                f.write(make(words, random.Random(f"{seed}:{case}:{words}")))
            paths.setdefault(case, []).append(path)
    return paths


def check_seconds(path: str, rules, cap_s: float) -> float:
    """In-process CPU seconds to check one story (best of up to 3 runs while under `cap_s`)."""
    from checker.document import Document
    from checker.engine import check_document

    with open(path, encoding="utf-8") as f:
        text = f.read()
    best = float("inf")
    for _ in range(3):
        began = time.process_time()  # CPU time: other processes on a loaded machine do not count
        check_document(Document(text), rules, [], None)
        best = min(best, time.process_time() - began)
        if best > cap_s / 10:
            break
    return best


def measure(checker: list[str], paths: dict[str, list[str]], sizes: list[int], base_rss_mb: float,
            cap_s: float = 60.0) -> list[dict]:
    """One row per case: points (words, checking time, peak MB), exponent, MB of memory per MB of input."""
    from checker.config import Config
    from checker.engine import build_ruleset

    rules = build_ruleset(Config()).rules
    rows = []
    for case, files in paths.items():
        points = []
        for words, path in zip(sizes, files):
            seconds = check_seconds(path, rules, cap_s)
            points.append({"words": words, "bytes": os.path.getsize(path), "check_s": seconds})
            if seconds > cap_s:
                break  # a quadratic case: larger sizes would take minutes
        largest = files[len(points) - 1]
        run = run_timed(lint_argv(checker, "--max-bytes", str(10**9), "--regex-budget", "0", largest))
        check_ok(run, f"lint {largest}")
        mb = points[-1]["bytes"] / 1e6
        exponent = growth_exponent([p["words"] for p in points], [p["check_s"] for p in points])
        last = growth_exponent([p["words"] for p in points[-2:]], [p["check_s"] for p in points[-2:]])
        worst = max((e for e in (exponent, last) if e is not None), default=None)
        rows.append({"case": case, "points": points, "exponent": exponent, "last_step_exponent": last,
                     "warning": worst is not None and worst > GROWTH_WARN, "max_rss_mb": run.max_rss_mb,
                     "mb_per_input_mb": (run.max_rss_mb - base_rss_mb) / mb if mb else None})
    return rows


def print_rows(rows: list[dict]) -> None:
    for r in rows:
        pts = ", ".join(f"{p['words']:,} words: {p['check_s'] * 1000:.0f} ms" for p in r["points"])
        exp = "n/a" if r["exponent"] is None else f"{r['exponent']:.2f}"
        if r["last_step_exponent"] is not None:
            exp += f" (last step {r['last_step_exponent']:.2f})"
        flag = "  WARNING: grows faster than n log n" if r["warning"] else ""
        mem = f"{r['mb_per_input_mb']:.0f} MB per MB of input" if r["mb_per_input_mb"] is not None else "n/a"
        print(f"{'adversarial: ' + r['case']:34} exponent {exp}{flag}\n{'':35}{pts}; "
              f"peak {r['max_rss_mb']:.0f} MB, {mem}")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--checker", default="checker")
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "out", "adversarial"))
    a = ap.parse_args(argv)
    sizes = QUICK if a.quick else FULL
    checker = shlex.split(a.checker)
    paths = write_cases(a.out, sizes)
    tiny = os.path.join(a.out, "tiny.txt")
    with open(tiny, "w", encoding="utf-8") as f:
        f.write("LHASA, Nov. 11 (Xinhua) -- A meeting was held in Lhasa on Thursday. (End)\n")
    print_rows(measure(checker, paths, sizes, baseline_rss_mb(checker, tiny)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
