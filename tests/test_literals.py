"""checker.literals: what a rule-file regex cannot match without may skip the regex, never change what it finds.

For every shipped rule whose kind filters its regexes so (pattern, phrases,
variants), each regex must find nothing in every story its filter skips:
fixtures, a generated corpus and the shared sets (which must be there: without
them the test fails instead of checking less).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
import regex

from checker.document import Document
from checker.literals import NON_ASCII, Later, needs
from checker.rules import default_rules_dir, load_rules
from shared_data import require

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from bench.generate import main as generate  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
RULES, _ = load_rules([default_rules_dir()])
FILTERED = [r for r in RULES if getattr(r.check, "literal_filters", None)]


@pytest.fixture(scope="module")
def stories(tmp_path_factory) -> list[str]:
    shared = [require(f"corpus/{name}") for name in ("seeds", "wmt20-refs", "mqm-wmt20", "desk-2")]
    out = tmp_path_factory.mktemp("literals") / "corpus"
    assert generate(["--out", str(out), "--count", "150", "--seed", "12", "--fault-rate", "0.5"]) == 0
    folders = [ROOT / "fixtures", out, *shared]
    return [p.read_text("utf-8") for folder in folders for p in sorted(folder.rglob("*.txt"))]


def test_shipped_kinds_filter_regexes():
    assert {r.kind for r in FILTERED} == {"pattern", "phrases", "variants"}


@pytest.mark.parametrize("rule", FILTERED, ids=lambda r: r.id)
def test_a_skipped_story_holds_no_match(rule, stories):
    skipped = 0
    for text in stories:
        doc = Document(text)
        for pattern, need in rule.check.literal_filters:
            if not need.met(doc):
                skipped += 1
                assert pattern.search(text) is None, f"{rule.id}: {need} skipped {pattern.pattern!r} on:\n{text[:200]}"
    if rule.id == "consistency.term-variants":  # renderings of policy terms: most stories hold none
        assert skipped > len(stories), f"{rule.id}: the filters skipped {skipped} regexes; the check proves little"


@pytest.mark.parametrize("source, flags, sets, folded", [
    (r"\brural revitali[sz]ation\b", regex.IGNORECASE, {("rural revitali",), ("s", "z"), ("ation",)}, True),
    (r"\b(?:relocation for poverty (?:alleviation|relief)|poverty(?:-| )alleviation relocation)\b", regex.IGNORECASE,
     {("alleviation relocation", "relocation for poverty ")}, True),
    ("[“”]", 0, {("“", "”")}, False),
    (r"(?<![\w.])U\.S\.(?![\w])", 0, {("U.S.",)}, False),
    (r"(?m)^[ \t]*(?:Xinhua|CNS)/\p{Lu}[\p{L} -]+$", 0, {("CNS", "Xinhua"), ("/",)}, False),
    (r"(?i:abc)DEF", 0, {("abc",), ("def",)}, True),  # one case-insensitive part: all looked for casefolded
    (r"ab+c{2,}", 0, {("a",), ("b",), ("c",)}, False),
    (r"x[yz]abc", 0, {("abc",), ("x",), ("y", "z")}, False),
])
def test_what_every_match_holds(source, flags, sets, folded):
    need = needs(source, flags)
    assert need is not None and set(need.sets) == sets and need.folded == folded


def test_the_most_telling_set_is_tried_first():
    assert needs(r"x[yz]abc").sets[0] == ("abc",)


@pytest.mark.parametrize("source, flags", [
    ("x?", 0), ("(?:ab)*", 0), (r"\p{L}+", 0), ("[a-z]+", 0), ("[^“”]", 0),  # nothing required
    (r"[^\p{Han}]", 0), (r"\P{Han}", 0), (r"\p{^Han}", 0), (r"\p{Han}?", 0),  # ASCII may match
    (r"(?i)\p{Han}", 0),  # case-insensitive: only ASCII strings are kept
    ("a|b?", 0),  # one branch requires nothing
    ("abc{e<=1}", 0), ("[[:alpha:]]x", 0), ("(?V1)[a--b]", 0), ("(?<name>ab)", 0),  # regex-only syntax
    ("İstanbul", regex.IGNORECASE),  # case-insensitive beyond ASCII
    ("ab", regex.V1),  # a flag only the regex module has
])
def test_nothing_known(source, flags):
    assert needs(source, flags) is None


def test_a_story_missing_one_set_is_skipped_and_U0130_never_is():
    need = needs(r"\bpoverty (?:alleviation|relief)\b", regex.IGNORECASE)
    assert need.met(Document("POVERTY RELIEF came."))
    assert not need.met(Document("Poverty fell."))
    assert need.met(Document("Poverty fell in İzmir."))  # the regex module matches İ to i: always checked


@pytest.mark.parametrize("source, sets", [
    (r"\p{Han}+", {(NON_ASCII,)}),
    (r"[\p{Han}\p{Hangul}]x", {(NON_ASCII,), ("x",)}),  # never one literal run with the x
    (r"ab\p{Han}", {(NON_ASCII,), ("ab",)}),
    (r"[\p{Han}a]", {("a", NON_ASCII)}),
    (r"\p{Han}|zz", {("zz", NON_ASCII)}),
])
def test_a_property_without_ascii_needs_a_character_outside_ascii(source, sets):
    need = needs(source)
    assert need is not None and set(need.sets) == sets
    if sets == {(NON_ASCII,)}:
        assert not need.met(Document("All ASCII, said the \"report\"."))  # skipped: no character outside ASCII
        assert need.met(Document("A quote “in curly marks”."))  # checked: one outside ASCII, whatever it is
        assert regex.search(source, "All ASCII, said the report.") is None


def test_a_regex_is_read_only_when_a_second_story_comes():
    need = Later(r"\bpoverty (?:alleviation|relief)\b", regex.IGNORECASE)
    assert need.met(Document("Poverty fell."))  # the first story: not read, so not skipped (a cold start parses nothing)
    assert not need.met(Document("Poverty fell."))
    assert need.met(Document("Poverty relief came."))
