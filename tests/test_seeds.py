"""The two real translated wire stories in ../shared/corpus/seeds, checked against their annotations.

Every `must_flag` entry, of every kind, must be found by a rule of that
family (its `category`) at the quote or, for an inconsistency, at the related
mention; no finding of any rule may lie inside a `must_not_flag` quote.
Fails (saying where it looked) when the shared folder is absent: these back the README's seed figures.
"""

from __future__ import annotations


import pytest
import yaml

from checker.config import Config
from checker.engine import build_ruleset, check_text
from fixture_support import entry_spans, inside, occurrences, overlaps
from shared_data import SHARED, require

SEEDS = SHARED / "corpus" / "seeds"
EXPECTED = yaml.safe_load((SEEDS / "expected.yaml").read_text(encoding="utf-8")) if (SEEDS / "expected.yaml").is_file() else {}
RULES = build_ruleset(Config()).rules
FINDINGS = {}


def test_the_seed_set_is_there():
    """Without it every test below would be an empty parameter set: a skip, not a failure."""
    expected = yaml.safe_load(require("corpus/seeds/expected.yaml").read_text(encoding="utf-8"))
    assert sum(len((e or {}).get("must_flag", [])) for e in expected.values()) == 16  # the README's "16 annotated faults"


def findings_for(story: str):
    if story not in FINDINGS:
        text = require(f"corpus/seeds/{story}").read_text(encoding="utf-8-sig")
        FINDINGS[story] = (text, check_text(text, RULES, story))
    return FINDINGS[story]


MISSING = "<seed set missing>"  # one failing case instead of an empty parameter set (a skip)


def entries():
    for story, expect in sorted(EXPECTED.items()):
        for entry in (expect or {}).get("must_flag", []):
            yield pytest.param(story, entry, id=f"{story[:3]}-{entry['kind']}-{entry['quote'][:24]}-{entry.get('nth', 1)}")
    if not EXPECTED:
        yield pytest.param(MISSING, {}, id=MISSING)


@pytest.mark.parametrize("story,entry", list(entries()))
def test_seed_fault_found_by_a_rule_of_its_family(story, entry):
    text, findings = findings_for(story)
    spans = entry_spans(text, entry)
    assert spans, f"quote {entry['quote']!r} not in {story}"
    hits = [f for f in findings if f.category == entry["kind"] and any(overlaps((f.start, f.end), s) for s in spans)]
    assert hits, f"no {entry['kind']} finding at {entry['quote']!r}; got {[(f.rule_id, f.position.text) for f in findings]}"


@pytest.mark.parametrize("story", sorted(EXPECTED) or [MISSING])
def test_nothing_inside_must_not_flag(story):
    text, findings = findings_for(story)
    traps = [s for quote in (EXPECTED.get(story) or {}).get("must_not_flag", []) for s in occurrences(text, quote)]
    wrong = [(f.rule_id, f.position.text) for f in findings if any(inside((f.start, f.end), t) for t in traps)]
    assert not wrong, f"findings inside must_not_flag quotes: {wrong}"


def test_cli_on_seed_001_reports_the_doubles_and_exits_1():
    """The foundation issue's acceptance check, as an editor runs it."""
    from cli_support import checker

    p = checker("lint", "--select", "wire.duplicate-words,wire.mirrored-phrase", require("corpus/seeds/001_7530d7963ce2e444.txt"), text=True)
    assert p.returncode == 1
    heads = [line for line in p.stdout.splitlines() if " error wire." in line]
    assert len(heads) == 4
    assert sum("'State-owned' is repeated (3 times" in h for h in heads) == 2
    assert sum("'state-owned' is repeated (2 times" in h for h in heads) == 1
    assert any("'high standards and high standards'" in h for h in heads)
