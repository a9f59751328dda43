"""The two real translated wire stories in ../shared/corpus/seeds, checked against their annotations.

Each kind of fault is enforced here once the rules for it exist; no finding
may fall inside a `must_not_flag` quote. Skips (saying so) where the shared
folder is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from checker.config import Config
from checker.engine import build_ruleset, check_text
from fixture_support import entry_spans, inside, occurrences, overlaps

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "seeds"
ENFORCED_KINDS = {"repetition"}

pytestmark = pytest.mark.skipif(not (SEEDS / "expected.yaml").is_file(), reason=f"seed stories not found at {SEEDS}")


def load():
    expected = yaml.safe_load((SEEDS / "expected.yaml").read_text(encoding="utf-8"))
    rules = build_ruleset(Config()).rules
    for name, ann in expected.items():
        text = (SEEDS / name).read_text(encoding="utf-8")
        yield name, text, ann or {}, check_text(text, rules, name)


def entries():
    if not (SEEDS / "expected.yaml").is_file():
        return []
    expected = yaml.safe_load((SEEDS / "expected.yaml").read_text(encoding="utf-8"))
    return [
        pytest.param(name, e, id=f"{name[:3]}-{e['kind']}-{e['quote'][:24]}-{e.get('nth', 1)}")
        for name, ann in expected.items()
        for e in (ann or {}).get("must_flag", [])
        if e["kind"] in ENFORCED_KINDS
    ]


@pytest.fixture(scope="module")
def results():
    return {name: (text, ann, findings) for name, text, ann, findings in load()}


@pytest.mark.parametrize("name,entry", entries())
def test_seed_fault_is_found(results, name, entry):
    text, _, findings = results[name]
    spans = entry_spans(text, entry)
    assert any(overlaps((f.start, f.end), s) for f in findings for s in spans), f"missed {entry['kind']}: {entry['quote']!r}"


def test_no_finding_inside_a_trap(results):
    for name, (text, ann, findings) in results.items():
        traps = [s for q in ann.get("must_not_flag", []) for s in occurrences(text, q)]
        flagged = [s for e in ann.get("must_flag", []) for s in entry_spans(text, e)]
        bad = [
            f"{f.rule_id} {f.position.text!r}"
            for f in findings
            if any(inside((f.start, f.end), t) for t in traps) and not any(overlaps((f.start, f.end), s) for s in flagged)
        ]
        assert not bad, f"{name}: false alarms {bad}"
