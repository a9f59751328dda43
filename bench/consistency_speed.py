"""How long the consistency rules take on a long story (not a test: timings vary by machine).

Builds a story of about 5,000 words from the bundled fixtures (repeated with
the numbers varied, so the rules have mentions to group and phrases to
block), then times the agreement and term-drift rules over it.

    .venv/bin/python bench/consistency_speed.py [WORDS]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from checker.config import Config
from checker.document import Document
from checker.engine import build_ruleset, check_document

ROOT = Path(__file__).resolve().parents[1]


def story(words: int) -> str:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "fixtures").glob("*.txt"))]
    out, n, i = [], 0, 0
    while n < words:
        text = texts[i % len(texts)].replace("9th", f"{i % 30 + 1}th")
        out.append(text)
        n += len(text.split())
        i += 1
    return "\n".join(out)


def main(argv=None) -> int:
    words = int((argv or sys.argv[1:] or ["5000"])[0])
    rules = [r for r in build_ruleset(Config()).rules if r.id.startswith("consistency.")]
    text = story(words)
    best = float("inf")
    for _ in range(5):
        doc = Document(text)  # fresh each run: tokens and sentences are computed inside the timing
        start = time.perf_counter()
        findings = check_document(doc, rules)
        best = min(best, time.perf_counter() - start)
    print(f"{len(text.split())} words, {len(rules)} consistency rules, {len(findings)} findings: best of 5 {best * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
