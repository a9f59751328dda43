"""Every shipped rule carries its own examples; this one test runs them all.

For each rule: it has at least one `flag` example; every flag text gives at
least one finding of that rule, exactly at the «marked» span when one is
marked; a given `fix` is what applying the rule's fixes produces, and the
fixed text no longer gives a finding at that span; every `pass` text gives
none. Run one rule with `pytest -k RULE-ID`.
"""

from __future__ import annotations

import pytest

from checker.engine import check_text
from checker.rules import default_rules_dir, load_rules

RULES, PROBLEMS = load_rules([default_rules_dir()])
def apply_fixes(text: str, findings) -> str:
    fixes = sorted({(x.start, x.end, x.replacement) for f in findings for x in f.fixes}, reverse=True)
    for start, end, replacement in fixes:
        text = text[:start] + replacement + text[end:]
    return text


def cases():
    for rule in RULES:
        for i, ex in enumerate(rule.examples.get("flag", [])):
            yield pytest.param(rule, "flag", ex, id=f"{rule.id}[flag-{i}]")
        for i, ex in enumerate(rule.examples.get("pass", [])):
            yield pytest.param(rule, "pass", ex, id=f"{rule.id}[pass-{i}]")


def test_shipped_rule_files_load_cleanly():
    assert PROBLEMS == []
    assert len(RULES) > 0


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_has_examples_both_ways(rule):
    assert rule.examples.get("flag"), f"{rule.id} ({rule.source}) has no flag examples"
    assert rule.examples.get("pass"), f"{rule.id} ({rule.source}) has no pass examples"


@pytest.mark.parametrize("rule,way,example", list(cases()))
def test_rule_example(rule, way, example):
    text, span = example.text, example.span
    findings = check_text(text, [rule], source=example.source)  # source: the Chinese original (bilingual rules)
    if way == "pass":
        assert findings == [], f"{rule.id} flagged a pass example: {[f.position.text for f in findings]}"
        return
    assert findings, f"{rule.id} did not flag: {text!r}"
    if span:
        spans = [(f.start, f.end) for f in findings]
        assert span in spans, f"{rule.id} flagged {[text[s:e] for s, e in spans]}, expected {text[span[0]:span[1]]!r}"
    if example.fix is not None:
        fixed = apply_fixes(text, findings)
        assert fixed == example.fix
        after = check_text(fixed, [rule], source=example.source)
        assert not any(span and (f.start, f.end) == span for f in after)


def test_house_abbreviation_choice_flags_the_other_form_even_alone():
    from checker.config import Config
    from checker.engine import build_ruleset

    config = Config(options={"style.us-abbreviation": {"prefer": "U.S."}})
    rules = [r for r in build_ruleset(config).rules if r.id == "style.us-abbreviation"]
    found = check_text("US exporters met Chinese buyers. US beef sold well.", rules)
    assert [f.position.text for f in found] == ["US", "US"]
    assert check_text("U.S. exporters met Chinese buyers.", rules) == []
