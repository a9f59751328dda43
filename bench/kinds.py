"""CPU time of checking a story set in-process with the default pack, and each rule kind's share.

CPU time (time.process_time, best of N), so a shared machine's load counts less
than in wall time. To compare two checkouts in one run, call it with each one's
Python and the checkout on the path:

    /old/.venv/bin/python bench/kinds.py --repo /old ../shared/corpus/mqm-wmt20 --kinds
    .venv/bin/python bench/kinds.py ../shared/corpus/mqm-wmt20 --kinds

or let it alternate the two, each round in a fresh process of each checkout's
own Python (`--against /old`; `--limit 400` for the first 400 stories).

"document model" is building a Document and the parts the kinds read
(tokens, their texts and norms, glue, runs, hyphenated words, sentences,
paragraphs, tables); each kind is its rules' checks and findings. Stories are
checked under the rule-file regex time budget, as `lint` checks them (a
budgeted regex call costs the regex module ~3 us before it matches anything).
Bilingual pairs (.zh.txt) are left out: English alone.
"""

from __future__ import annotations

import argparse
import glob
import os
import sys
import time
from collections import Counter

PARTS = ("tokens", "norms", "glued", "sentences", "paragraphs", "folded", "line_starts", "table_lines",
         "texts", "runs", "hyphenated")  # (texts, runs, hyphenated: per-token arrays; a kind asking first paid them)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("set", help="a folder of .txt stories")
    ap.add_argument("--repo", default=os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                    help="the checkout to import checker from (default: this one)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--kinds", action="store_true", help="also each kind's CPU seconds and share")
    ap.add_argument("--limit", type=int, help="only the first N stories (in name order)")
    ap.add_argument("--against", metavar="OLD", help="another checkout: alternate it and this one (--repo), "
                    "a fresh process of each per round, and print both and the ratio")
    a = ap.parse_args(argv)
    if a.against:
        return alternate(a)
    sys.path.insert(0, a.repo)
    from checker.config import Config
    from checker.document import Document
    from checker.engine import build_ruleset, check_document, make_finding
    from checker.safety import REGEX_BUDGET, regex_budget

    rules = build_ruleset(Config()).rules
    paths = sorted(p for p in glob.glob(os.path.join(a.set, "*.txt")) if not p.endswith(".zh.txt"))[: a.limit]
    texts = [open(p, encoding="utf-8").read() for p in paths]
    pt = time.process_time
    best = float("inf")
    for _ in range(a.repeat):
        began = pt()
        for path, text in zip(paths, texts):
            check_document(Document(text, path), rules)
        best = min(best, pt() - began)
    print(f"{a.repo}: {len(texts)} stories in {best:.3f} CPU s (best of {a.repeat}): {len(texts) / best:.0f} stories "
          f"per CPU second, {1000 * best / len(texts):.2f} ms a story")
    if not a.kinds:
        return 0
    shares: dict[str, float] = {}
    for _ in range(a.repeat):
        by: Counter = Counter()
        for text in texts:
            began = pt()
            doc = Document(text)
            for name in PARTS:
                getattr(doc, name)
            by["document model"] += pt() - began
            for rule in rules:
                began = pt()
                if not rule.requires or any(s in doc.folded for s in rule.requires):
                    with regex_budget(REGEX_BUDGET):  # per rule here, so each rule has the whole budget
                        for match in rule.check(doc):
                            make_finding(rule, doc, match)
                by[rule.kind] += pt() - began
        for kind, seconds in by.items():
            shares[kind] = min(shares.get(kind, float("inf")), seconds)
    total = sum(shares.values())
    for kind, seconds in sorted(shares.items(), key=lambda kv: -kv[1]):
        print(f"  {kind:24s} {seconds:7.3f} s {100 * seconds / total:5.1f}%  {1000 * seconds / len(texts):6.3f} ms a story")
    return 0


def alternate(a) -> int:
    """Old and new checkouts in turn, `--repeat` rounds, each a fresh process of its own Python (best of two passes,
    the first filling the memos): the best CPU of each."""
    import subprocess

    here = os.path.abspath(__file__)
    figures: dict[str, list[float]] = {}
    for _ in range(a.repeat):
        for repo in (a.against, a.repo):
            python = os.path.join(repo, ".venv", "bin", "python")
            args = [python if os.path.exists(python) else sys.executable, here, a.set, "--repo", repo, "--repeat", "2"]  # the first pass fills the memos
            out = subprocess.run(args + (["--limit", str(a.limit)] if a.limit else []),
                                 capture_output=True, text=True, check=True).stdout
            figures.setdefault(repo, []).append(float(out.split(" stories in ")[1].split()[0]))
    n = len([p for p in glob.glob(os.path.join(a.set, "*.txt")) if not p.endswith(".zh.txt")][: a.limit])
    for repo, seconds in figures.items():
        best = min(seconds)
        print(f"{repo}: {n} stories, best {best:.3f} CPU s of {len(seconds)} ({', '.join(f'{s:.3f}' for s in seconds)}): "
              f"{1000 * best / n:.2f} ms a story, {n / best:.0f} stories per CPU second")
    print(f"{a.repo} against {a.against}: {min(figures[a.against]) / min(figures[a.repo]):.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
