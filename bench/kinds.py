"""CPU time of checking a story set in-process with the default pack, and each rule kind's share.

CPU time (time.process_time, best of N), so a shared machine's load counts less
than in wall time. To compare two checkouts in one run, call it with each one's
Python and the checkout on the path:

    /old/.venv/bin/python bench/kinds.py --repo /old ../shared/corpus/mqm-wmt20 --kinds
    .venv/bin/python bench/kinds.py ../shared/corpus/mqm-wmt20 --kinds

"document model" is building a Document and the parts the kinds read
(tokens, norms, glue, sentences, paragraphs, tables); each kind is its rules'
checks and findings. Bilingual pairs (.zh.txt) are left out: English alone.
"""

from __future__ import annotations

import argparse
import glob
import os
import sys
import time
from collections import Counter

PARTS = ("tokens", "norms", "glued", "sentences", "paragraphs", "folded", "line_starts", "table_lines")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("set", help="a folder of .txt stories")
    ap.add_argument("--repo", default=os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                    help="the checkout to import checker from (default: this one)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--kinds", action="store_true", help="also each kind's CPU seconds and share")
    a = ap.parse_args(argv)
    sys.path.insert(0, a.repo)
    from checker.config import Config
    from checker.document import Document
    from checker.engine import build_ruleset, check_document, make_finding

    rules = build_ruleset(Config()).rules
    paths = sorted(p for p in glob.glob(os.path.join(a.set, "*.txt")) if not p.endswith(".zh.txt"))
    texts = [open(p, encoding="utf-8").read() for p in paths]
    pt = time.process_time
    best = float("inf")
    for _ in range(a.repeat):
        began = pt()
        for path, text in zip(paths, texts):
            check_document(Document(text, path), rules)
        best = min(best, pt() - began)
    print(f"{a.repo}: {len(texts)} stories in {best:.3f} CPU s (best of {a.repeat}): {len(texts) / best:.0f} stories per CPU second")
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
                    for match in rule.check(doc):
                        make_finding(rule, doc, match)
                by[rule.kind] += pt() - began
        for kind, seconds in by.items():
            shares[kind] = min(shares.get(kind, float("inf")), seconds)
    total = sum(shares.values())
    for kind, seconds in sorted(shares.items(), key=lambda kv: -kv[1]):
        print(f"  {kind:24s} {seconds:7.3f} s {100 * seconds / total:5.1f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
