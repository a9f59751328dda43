"""The `numbered` kind: which mention is flagged, what the message names, where related spans point."""

from __future__ import annotations

import pytest

from checker.config import Config
from checker.engine import build_ruleset, check_text

RULES = build_ruleset(Config()).rules
ORDINAL = [r for r in RULES if r.id == "consistency.ordinal-conflict"]
COUNT = [r for r in RULES if r.id == "consistency.count-conflict"]


def flagged(text, rules):
    return [(f.position.text, [r.position.text for r in f.related], f.message) for f in check_text(text, rules)]


def test_surname_back_reference_names_the_person_and_points_at_the_first_number():
    text = (
        "Wang Xiuying, 50, head of the 11th Fujian aid team, arrived on Monday.\n"
        "Wang, who leads the twelfth Fujian aid team, said the clinic would open soon."
    )
    [(span, related, message)] = flagged(text, ORDINAL)
    assert span == "twelfth" and related == ["11th"]
    assert message.startswith("Wang Xiuying:") and "one person holds one post" in message


def test_two_people_with_one_surname_are_not_one_holder():
    text = (
        "Wang Xiuying, head of the 11th Fujian aid team, arrived on Monday.\n"
        "Wang Jun, head of the 12th Fujian aid team, left on Friday."
    )
    assert flagged(text, ORDINAL) == []


def test_nested_session_flags_the_body_number_not_the_session():
    text = (
        "The third plenary session of the 9th CPC Hainan Provincial Committee closed on Friday.\n"
        "Delegates said the third plenary session of the 8th provincial Party committee adopted the plan."
    )
    [(span, related, _)] = flagged(text, ORDINAL)
    assert (span, related) == ("8th", ["9th"])


@pytest.mark.parametrize(
    "text",
    [
        "The 3rd batch of aid doctors left. The third batch of aid doctors arrived.",  # one number, two styles
        "The third batch of aid doctors arrived in 2019. The fourth batch of aid doctors arrived in 2021.",
        "The 3rd batch of aid doctors left. The previous 2 batches of aid doctors trained 90 nurses.",
    ],
)
def test_no_conflict(text):
    assert flagged(text, ORDINAL) == []


def test_majority_number_stands():
    text = (
        "The sixth batch of aid teachers arrived. Members of the sixth batch of aid teachers met pupils.\n"
        "Members of the 5th batch, the school said, trained 30 staff."
    )
    [(span, _, _)] = flagged(text, ORDINAL)
    assert span == "5th"


def test_count_qualifiers_widen_a_count_but_do_not_hide_a_wrong_one():
    lead = "HEFEI, May 4 (Xinhua) -- More than 3,100 students took part in a robot contest on Sunday."
    assert flagged("Over 3,000 students join robot contest\n\n" + lead, COUNT) == []
    [(span, related, _)] = flagged("1,300 students join robot contest\n\n" + lead, COUNT)
    assert (span, related) == ("1,300", ["3,100"])


def test_a_conflict_is_found_among_many_other_numbered_things():
    others = [f"The {n}th film directed by Zhang Yimou of the {n}th festival series was shown.\n" for n in range(4, 40)]
    text = (
        "The sixth batch of medical experts from Shanghai arrived in Lhasa on Monday.\n"
        + "".join(others)
        + "Members of the 7th batch, who came a year earlier, met them at the airport.\n"
    )
    [(span, related, _)] = flagged(text, ORDINAL)
    assert span == "7th" and related == ["sixth"]


def test_a_long_sequence_of_one_phrase_is_never_a_conflict():
    text = "".join(f"The {n}th batch of aid cadres from Fujian, {n * 10} people, has arrived.\n" for n in range(2, 300))
    assert flagged(text, ORDINAL) == []


def test_a_third_number_makes_two_a_sequence_not_a_conflict():
    two = ("The sixth batch of medical experts from Shanghai arrived on Monday.\n"
           "Members of the 7th batch, who came a year earlier, met them.\n")
    assert len(flagged(two, ORDINAL)) == 1
    assert flagged(two + "Members of the 8th batch, too.\n", ORDINAL) == []


def test_a_count_back_reference_finds_its_set_among_many_other_counts():
    # other sets, each in its own year: none of them conflicts with another
    others = "".join(f"In {1950 + k}, {100 + k} {w} joined the fair.\n" for k, w in enumerate(["farms", "schools", "clinics"] * 20))
    text = (
        "KUNMING, June 2 (Xinhua) -- 37 enterprises signed cooperation agreements with the region.\n"
        + others
        + "The 73 enterprises that signed will invest next year.\n"
    )
    [(span, related, _)] = flagged(text, COUNT)
    assert span == "73" and related == ["37"]
