"""The repetition kind: classes of slips it flags and classes of correct English it leaves alone."""

from __future__ import annotations

import time

import pytest

from checker.engine import check_text
from checker.rules import default_rules_dir, load_rules

RULES = {r.id: r for r in load_rules([default_rules_dir()])[0] if r.id.startswith("wire.")}


def flagged(rule_id, text):
    return [f.position.text for f in check_text(text, [RULES[rule_id]])]


@pytest.mark.parametrize("text", [
    "The ferry was taken in in March by the port authority.",
    "Users logged in in under a minute.",
    "The rebels gave in in the end.",
    "More and more and more visitors came.",
    "Step by step by step, the road was built.",
    "Region   2023   2024   2025\nNorth    14     14     12\nSouth    9      9      11\n",
    "Twin brothers Lin Lin and Dong Dong played.",
    "He had had enough, and that that was final.",
])
def test_correct_doubles_pass_duplicate_words(text):
    # a real slip after them is the control: the check ran over this text
    assert flagged("wire.duplicate-words", text + "\nOutput of the the plant rose.") == ["the the"]


@pytest.mark.parametrize("text,span", [
    ("We we will build it, she said.", "We we"),
    ("The office moved in in in March.", "in in in"),
    ("Output of the the plant rose.", "the the"),
])
def test_slips_flagged_by_duplicate_words(text, span):
    assert flagged("wire.duplicate-words", text) == [span]


@pytest.mark.parametrize("text,flag", [
    ("to boost tourism and tourism, not only in towns", ["tourism and tourism"]),
    ("the animal welfare and welfare community met", ["welfare and welfare"]),
    ("Rents rose higher and higher.", []),
    ("They tried again and again.", []),
    ("aid for growth and growth for peace", []),
])
def test_one_word_mirrored(text, flag):
    assert flagged("wire.mirrored-phrase", text) == flag


def test_stutter_after_a_restarted_segment():
    text = "The forum studied trade routes between Asia and Europe Between all the trade routes between Asia and Europe it chose one."
    assert flagged("wire.repeated-phrase", text) == ["trade routes between Asia and Europe"]


def test_opening_phrase_said_again_between_commas():
    text = "Over the last five years, the county built 40 schools, over the last five years, and hired teachers."
    assert flagged("wire.repeated-phrase", text) == ["over the last five years"]


def test_sentence_twice_in_a_row_points_at_the_first():
    text = "Wheat output hit a record this year. Wheat output hit a record this year. Prices fell."
    findings = check_text(text, [RULES["wire.repeated-phrase"]])
    assert [f.position.start for f in findings] == [text.index("Wheat", 1)]
    assert findings[0].related[0].position.start == 0


@pytest.mark.parametrize("text", [
    "Laos has been Vietnam's largest rice buyer for years, and Vietnam has been Laos's largest rice buyer since 2020.",
    "The heads of the member states of the United Nations met, and staff of the United Nations agreed.",
    "Wheat output hit a record this year. Wheat output hit a record last year too.",
])
def test_prose_naming_a_thing_twice_is_not_a_stutter(text):
    control = " Rice prices rose again this week. Rice prices rose again this week."
    assert flagged("wire.repeated-phrase", text + control) == ["Rice prices rose again this week."]


def test_a_long_run_of_one_word_is_one_finding_in_linear_time():
    # Used to take seconds: the run was re-sliced per word (quadratic). The growth figure is in bench/.
    text = "the " * 40_000
    began = time.perf_counter()
    findings = check_text(text, [RULES["wire.duplicate-words"]])
    assert time.perf_counter() - began < 5  # generous: linear time is a few hundredths of a second
    assert len(findings) == 1 and findings[0].position.end == len(text) - 1
