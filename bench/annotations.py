"""Match any tool's findings (character spans) against an expected.yaml.

The same rules as /work/shared/tools/score.py, here so that the checker
and its peers are scored by one function in one run (the span matching is
checker.evaluate's, the one `checker eval` uses): a must_flag
entry is found when a finding overlaps its quote (nth occurrence) or one of
its related quotes; a finding inside a must_not_flag quote and overlapping
no must_flag span is a false alarm.
"""
import os
from bisect import bisect_right
from collections import Counter

import yaml

from checker.evaluate import inside, occurrences, overlaps


class LineIndex:
    """Line/column (1-based) to character offset, via one list of line starts."""

    def __init__(self, text):
        self.starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
        self.size = len(text)

    def offset(self, line, column):
        line = min(max(line, 1), len(self.starts))
        return min(self.starts[line - 1] + max(column, 1) - 1, self.size)

    def line_of(self, offset):
        return bisect_right(self.starts, offset)


def load_set(set_dir):
    """(expected, texts): the annotations and the text of every annotated story."""
    with open(os.path.join(set_dir, "expected.yaml"), encoding="utf-8") as f:
        expected = yaml.safe_load(f) or {}
    texts = {}
    for name in expected:
        with open(os.path.join(set_dir, name), encoding="utf-8") as f:
            texts[name] = f.read()
    return expected, texts


def score(expected, texts, findings):
    """findings: {story name: [(start, end), ...]}. Returns counts per kind."""
    found, total, false_alarms, n_findings, words = Counter(), Counter(), 0, 0, 0
    for name, entry in expected.items():
        entry, text = entry or {}, texts[name]
        words += len(text.split())
        spans = findings.get(name, [])
        n_findings += len(spans)
        flag_spans = []
        for e in entry.get("must_flag", []):
            nth = e.get("nth", 1)
            targets = occurrences(text, e["quote"])[nth - 1:nth]
            if e.get("related"):
                targets += occurrences(text, e["related"])
            flag_spans += targets
            total[e["kind"]] += 1
            if any(overlaps(s, t) for s in spans for t in targets):
                found[e["kind"]] += 1
        traps = [sp for q in entry.get("must_not_flag", []) for sp in occurrences(text, q)]
        false_alarms += sum(1 for s in spans if any(inside(s, t) for t in traps)
                            and not any(overlaps(s, f) for f in flag_spans))
    return {
        "found": sum(found.values()), "total": sum(total.values()),
        "kinds": {k: [found[k], total[k]] for k in sorted(total)},
        "findings": n_findings, "false_alarms": false_alarms, "words": words,
        "per_1k_words": round(1000 * n_findings / words, 2) if words else None,
    }
