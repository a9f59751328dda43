"""Score a matcher against a pair file (same: / distinct: lists of {a, b, kind})."""

from __future__ import annotations

from pathlib import Path

from checker import yamlio
from checker.names.matcher import NameMatcher


def evaluate_pairs(matcher: NameMatcher, path: Path) -> dict:
    """tp/fn on `same` pairs, fp/tn on `distinct` ones (an fp is a false merge), and the errors."""
    data = yamlio.load(Path(path).read_text(encoding="utf-8"))
    counts = {"tp": 0, "fn": 0, "fp": 0, "tn": 0}
    errors = []
    for expected, pairs in (("same", data.get("same") or []), ("distinct", data.get("distinct") or [])):
        for pair in pairs:
            verdict = matcher.compare(pair["a"], pair["b"])
            if expected == "same":
                counts["tp" if verdict.same else "fn"] += 1
            else:
                counts["fp" if verdict.same else "tn"] += 1
            if verdict.same != (expected == "same"):
                errors.append({
                    "a": pair["a"], "b": pair["b"], "kind": pair.get("kind", ""),
                    "expected": expected,
                    "error": "missed drift" if expected == "same" else "false merge",
                    "reason": verdict.reason,
                })
    tp, fp, fn = counts["tp"], counts["fp"], counts["fn"]
    return {
        **counts,
        "precision": tp / (tp + fp) if tp + fp else 1.0,
        "recall": tp / (tp + fn) if tp + fn else 1.0,
        "false_merges": fp,
        "errors": errors,
    }
