"""Fingerprints survive edits elsewhere in the story and change with the words around the finding."""

from __future__ import annotations

from checker.engine import check_text
from checker.rules import default_rules_dir, load_rules

RULES = [r for r in load_rules([default_rules_dir()])[0] if r.id == "wire.duplicate-words"]
STORY = "LHASA, May 2 (Xinhua) -- Officials said the the plan was ready.\n\nIt was approved on Friday. (End)\n"


def prints(text: str) -> list[str]:
    return [f.fingerprint for f in check_text(text, RULES)]


def test_every_finding_has_one():
    [fp] = prints(STORY)
    assert len(fp) == 16 and int(fp, 16) >= 0


def test_edit_above_and_below_keeps_it():
    moved = "A new first paragraph, added by the desk.\n\n" + STORY.replace("Friday", "Saturday")
    assert prints(moved) == prints(STORY)


def test_case_and_spacing_of_the_match_do_not_matter():
    assert prints(STORY.replace("the the", "The  the")) == prints(STORY)


def test_a_changed_neighbouring_word_changes_it():
    assert prints(STORY.replace("Officials said", "Officials stated")) != prints(STORY)


def test_words_beyond_the_context_do_not_matter():
    assert prints(STORY.replace("LHASA", "XINING")) == prints(STORY)


def test_the_same_slip_twice_in_the_same_words_is_told_apart():
    line = "Officials said the the plan was ready.\n"
    fps = prints(line + line)
    assert len(fps) == 2 and len(set(fps)) == 2
    assert fps[1] == fps[0] + ":2"
