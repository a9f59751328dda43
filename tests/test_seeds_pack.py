"""The default pack on the two real seed stories in ../shared/corpus/seeds.

Every must_flag entry of the families this pack owns (end marks, captions,
typography, whitespace, place lists) must be found by a rule of that family,
and no finding of any rule may lie inside a must_not_flag quote.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from checker.config import Config
from checker.engine import build_ruleset, check_text
from fixture_support import entry_spans, inside, occurrences, overlaps

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "seeds"
PACK_KINDS = {"end-marker", "caption-in-body", "typography", "whitespace", "place-list"}

if not (SEEDS / "expected.yaml").is_file():
    pytest.skip(f"seed stories not found at {SEEDS} (the shared corpus is not checked out beside the repo)", allow_module_level=True)

EXPECTED = yaml.safe_load((SEEDS / "expected.yaml").read_text(encoding="utf-8"))
RULES = build_ruleset(Config()).rules


def findings_for(story: str):
    text = (SEEDS / story).read_text(encoding="utf-8-sig")
    return text, check_text(text, RULES, story)


def pack_entries():
    for story, expect in sorted(EXPECTED.items()):
        for i, entry in enumerate(expect.get("must_flag", [])):
            if entry["kind"] in PACK_KINDS:
                yield pytest.param(story, entry, id=f"{story[:3]}-{entry['kind']}-{i}")


def test_the_seeds_hold_entries_of_every_pack_kind():
    kinds = {entry["kind"] for expect in EXPECTED.values() for entry in expect.get("must_flag", [])}
    assert PACK_KINDS <= kinds


@pytest.mark.parametrize("story,entry", list(pack_entries()))
def test_must_flag_found_by_a_rule_of_its_family(story, entry):
    text, findings = findings_for(story)
    spans = entry_spans(text, entry)
    assert spans, f"quote {entry['quote']!r} not in {story}"
    hits = [f for f in findings if f.category == entry["kind"] and any(overlaps((f.start, f.end), s) for s in spans)]
    assert hits, f"no {entry['kind']} finding at {entry['quote']!r}; got {[(f.rule_id, f.position.text) for f in findings]}"


@pytest.mark.parametrize("story", sorted(EXPECTED))
def test_nothing_inside_must_not_flag(story):
    text, findings = findings_for(story)
    traps = [s for quote in EXPECTED[story].get("must_not_flag", []) for s in occurrences(text, quote)]
    wrong = [(f.rule_id, f.position.text) for f in findings if any(inside((f.start, f.end), t) for t in traps)]
    assert not wrong, f"findings inside must_not_flag quotes: {wrong}"
