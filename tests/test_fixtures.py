"""Run every bundled fixture story against its sidecar of expected findings.

A fixture is `fixtures/NAME.txt` with `fixtures/NAME.expect.yaml`:

    must_flag:            # findings the story must produce
      - rule: wire.duplicate-words   # the rule id that must fire
        kind: repetition             # the family, as in ../shared/corpus expected.yaml
        quote: "State-owned State-owned"
        nth: 1                       # optional: which occurrence of the quote
        related: "..."               # optional: the other mention, for inconsistencies
    must_not_flag:        # quotes no finding may lie inside
      - "13th Five-Year Plan"
    allow_unlisted: false # default: any other finding fails the test

So a fixture checks recall (each must_flag is found by its rule at its
span), precision (nothing inside a trap, nothing unlisted) and its notes say
why each line is there.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from checker.config import Config
from checker.engine import build_ruleset, check_text
from fixture_support import entry_spans, inside, nth_span, occurrences, overlaps

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
STORIES = sorted(FIXTURES.glob("*.txt"))
RULES = build_ruleset(Config()).rules


def test_every_story_has_a_sidecar():
    assert STORIES, "no fixtures found"
    for story in STORIES:
        assert story.with_suffix(".expect.yaml").is_file(), f"{story.name} has no .expect.yaml sidecar"


@pytest.mark.parametrize("story", STORIES, ids=lambda p: p.stem)
def test_fixture(story):
    text = story.read_text(encoding="utf-8-sig")
    expect = yaml.safe_load(story.with_suffix(".expect.yaml").read_text(encoding="utf-8")) or {}
    findings = check_text(text, RULES, str(story))
    problems = []
    covered = set()
    for entry in expect.get("must_flag", []):
        span = nth_span(text, entry["quote"], entry.get("nth", 1))
        assert span, f"sidecar quote not in story: {entry['quote']!r} (nth {entry.get('nth', 1)})"
        spans = entry_spans(text, entry)
        hits = [f for f in findings if f.rule_id == entry["rule"] and any(overlaps((f.start, f.end), s) for s in spans)]
        if not hits:
            problems.append(f"missed {entry['rule']} at {entry['quote']!r}")
        covered.update(id(f) for f in findings if f.rule_id == entry["rule"] and any(overlaps((f.start, f.end), s) for s in spans))
    traps = [s for q in expect.get("must_not_flag", []) for s in occurrences(text, q)]
    assert all(occurrences(text, q) for q in expect.get("must_not_flag", [])), "a must_not_flag quote is not in the story"
    for f in findings:
        if id(f) in covered:
            continue
        if any(inside((f.start, f.end), t) for t in traps):
            problems.append(f"false alarm inside a trap: {f.rule_id} {f.position.text!r}")
        elif not expect.get("allow_unlisted", False):
            problems.append(f"unlisted finding: {f.rule_id} {f.position.text!r} at {f.position.line}:{f.position.column}")
    assert not problems, "\n".join(problems)
