"""The consistency rules against the two real seed stories in ../shared/corpus/seeds.

Every must_flag entry of kind ordinal-conflict or term-drift must be found by
a consistency rule at its quote (or its related quote), and no consistency
finding may lie inside a must_not_flag quote. Skipped when the shared corpus
is not checked out beside the repository.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from checker.config import Config
from checker.engine import build_ruleset, check_text
from fixture_support import entry_spans, inside, occurrences, overlaps

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "seeds"
KINDS = {"ordinal-conflict", "term-drift"}

if not (SEEDS / "expected.yaml").is_file():
    pytest.skip(f"shared seed corpus not found at {SEEDS}", allow_module_level=True)

EXPECTED = yaml.safe_load((SEEDS / "expected.yaml").read_text(encoding="utf-8"))
RULES = [r for r in build_ruleset(Config()).rules if r.id.startswith("consistency.")]


@pytest.mark.parametrize("story", sorted(EXPECTED))
def test_seed_story(story):
    text = (SEEDS / story).read_text(encoding="utf-8-sig")
    expect = EXPECTED[story] or {}
    findings = check_text(text, RULES, story)
    problems = []
    for entry in expect.get("must_flag", []):
        if entry["kind"] not in KINDS:
            continue
        spans = entry_spans(text, entry)
        assert spans, f"quote not in story: {entry['quote']!r}"
        if not any(overlaps((f.start, f.end), s) for f in findings for s in spans):
            problems.append(f"missed {entry['kind']} at {entry['quote']!r}")
    for quote in expect.get("must_not_flag", []):
        for trap in occurrences(text, quote):
            problems += [f"false alarm inside {quote!r}: {f.rule_id}" for f in findings if inside((f.start, f.end), trap)]
    assert not problems, "\n".join(problems)


def test_seeds_hold_entries_of_these_kinds():
    """Guards against the test above passing because the annotations changed kind names."""
    kinds = {e["kind"] for story in EXPECTED.values() for e in (story or {}).get("must_flag", [])}
    assert KINDS <= kinds
