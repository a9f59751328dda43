"""`requires` is a speed-only pre-filter: it may skip a rule, never change what the rule finds.

For every shipped rule that carries one, the rule's own matches on every
story we have (fixtures, a generated corpus, and the shared sets, which
must be there: without them the test fails instead of checking less) must equal the findings the engine reports with the filter in
place. A wrong literal in a rule file fails here, not silently in production.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from checker.document import Document
from checker.engine import check_document
from checker.rules import default_rules_dir, load_rules
from cli_support import checker, pattern_rule
from shared_data import require

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from bench.generate import main as generate  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
RULES, _ = load_rules([default_rules_dir()])
FILTERED = [r for r in RULES if r.requires]


@pytest.fixture(scope="module")
def stories(tmp_path_factory) -> list[str]:
    shared = [require(f"corpus/{name}") for name in ("seeds", "wmt20-refs", "mqm-wmt20")]
    out = tmp_path_factory.mktemp("requires") / "corpus"
    assert generate(["--out", str(out), "--count", "150", "--seed", "11", "--fault-rate", "0.5"]) == 0
    folders = [ROOT / "fixtures", out, *shared]
    return [p.read_text("utf-8") for folder in folders for p in sorted(folder.glob("*.txt"))]


def test_shipped_rules_use_requires():
    assert FILTERED, "no shipped rule carries `requires`; this test would check nothing"


@pytest.mark.parametrize("rule", FILTERED, ids=lambda r: r.id)
def test_requires_never_changes_findings(rule, stories):
    found = 0
    for text in stories:
        doc = Document(text)
        unfiltered = sorted({(m.start, m.end) for m in rule.check(doc)})
        filtered = sorted({(f.start, f.end) for f in check_document(doc, [rule])})
        assert filtered == unfiltered, f"{rule.id}: requires {rule.requires} skipped a story it flags:\n{text[:200]}"
        found += len(unfiltered)
    assert found, f"{rule.id} found nothing in {len(stories)} stories; the comparison proves nothing"


def test_requires_skips_stories_without_the_strings_and_ignores_case(tmp_path):
    rules = pattern_rule(tmp_path / "r.yaml", "house.lhasa", "Lhasa", requires="[zzz, LHASA]")
    story = tmp_path / "story.txt"
    story.write_text("The meeting was held in Lhasa.\n", "utf-8")
    assert checker("lint", "--rules", str(rules), "--select", "house", "--fail-on", "warning", str(story)).returncode == 1
    rules = pattern_rule(tmp_path / "r.yaml", "house.lhasa", "Lhasa", requires="[zzz]")
    result = checker("lint", "--rules", str(rules), "--select", "house", "--fail-on", "warning", str(story), text=True)
    assert result.returncode == 0, result.stdout


def test_requires_holds_for_a_capital_dotted_i(tmp_path):
    """casefold() turns `İ` into two characters, but the rule's case-insensitive regex matches it to `i`."""
    rules = pattern_rule(tmp_path / "r.yaml", "house.istanbul", "(?i)istanbul", requires="[istanbul]")
    story = tmp_path / "story.txt"
    story.write_text("The talks moved to İSTANBUL on Monday.\n", "utf-8")
    result = checker("lint", "--rules", str(rules), "--select", "house", "--format", "json", "--fail-on", "never", str(story),
                     text=True)
    assert [f["text"] for f in json.loads(result.stdout)["files"][0]["findings"]] == ["İSTANBUL"]


def test_requires_must_be_a_list_of_strings(tmp_path):
    rules = pattern_rule(tmp_path / "r.yaml", "house.lhasa", "Lhasa", requires="Lhasa")
    story = tmp_path / "story.txt"
    story.write_text("In Lhasa.\n", "utf-8")
    result = checker("lint", "--rules", str(rules), str(story), text=True)
    assert result.returncode == 2
    assert "house.lhasa" in result.stderr and "requires" in result.stderr
