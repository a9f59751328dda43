"""The name-drift rule on whole stories: mentions, majority, context evidence."""

from __future__ import annotations

from checker.config import Config
from checker.engine import build_ruleset, check_text

RULES = [r for r in build_ruleset(Config()).rules if r.id == "consistency.name-drift"]


def drift(text):
    return check_text(text, RULES)


def test_same_office_is_named_as_evidence_and_ranked_first():
    text = (
        "Xigaze hosted the fair. Xigaze is a city in Tibet. "
        "Zhang Wei, deputy secretary of the Xigaze Municipal Party Committee, spoke.\n"
        "Zhang Wei, deputy secretary of the Shigatse Municipal Party Committee, agreed.\n"
    )
    [finding] = drift(text)
    assert finding.position.text == "Shigatse"
    assert "both after 'deputy secretary of the' and both before 'Municipal Party Committee'" in finding.message
    first_related = finding.related[0].position
    assert text[first_related.start - 24 : first_related.start] == "deputy secretary of the "


def test_majority_spelling_stands_and_every_minority_mention_is_flagged():
    text = "Laba Dolma took the photo. Laba Zhuoma wrote the story. Photo by Laba Dolma. Laba Zhuoma said."
    flagged = [f.position.text for f in drift(text)]
    assert flagged == ["Laba Zhuoma", "Laba Zhuoma"]  # two each: the spelling used first stands


def test_the_spelling_used_most_stands():
    text = "Laba Zhuoma wrote the story. Photo by Laba Dolma. Photo by Laba Dolma."
    assert [f.position.text for f in drift(text)] == ["Laba Zhuoma"]


def test_derived_forms_and_adjectives_are_not_drift():
    # a real drift in the same story is the control: the check ran and saw these names
    text = "Russia and Russian firms met. Laba Zhuoma and Laba Dolma met. The Islamic bank and Iranian officials met. Laos and Lao officials met."
    assert [f.position.text for f in drift(text)] == ["Laba Dolma"]


def test_case_and_apostrophe_shape_are_not_drift():
    assert drift("LHASA, May 2 -- Lhasa hosted the fair. Pohiva Tu'ionetoa met Pohiva Tu’ionetoa's staff.") == []


def test_no_drift_through_a_third_spelling():
    """Dali ~ Darei and Darei ~ Darui does not make Dali a spelling of Darui."""
    findings = drift("Darui spoke. Darui left. Darei came. Dali stayed.")
    assert [f.position.text for f in findings] == ["Darei"]


def test_declared_aliases_are_never_drift_there_or_later():
    for text in (
        "Herders camp by Gyaring Lake (Zhaling Lake in pinyin). Boats cross Gyaring Lake daily. Zhaling is cold.",
        "Farmers from Kinmen, also known as Jinmen, came. Kinmen sent tea. Jinmen sent cakes. Kinmen won.",
        "Mengla lies in Xishuangbanna, known locally as Sipsongpanna. Xishuangbanna has elephants. Sipsongpanna too.",
        "Visitors reached Urumqi, formerly called Urumchi, by train. Urumqi was busy.",
    ):
        # a real drift in the same story is the control: the check ran on these names
        text += " Laba Zhuoma wrote. Laba Zhuoma spoke. Laba Dolma took photos."
        assert [f.position.text for f in drift(text)] == ["Laba Dolma"], text


def test_an_undeclared_alias_is_still_drift():
    text = "Herders camp by Gyaring Lake. Boats cross Gyaring Lake daily. Zhaling Lake is cold."
    assert [f.position.text for f in drift(text)] == ["Zhaling"]


def test_related_mentions_ranked_as_a_full_sort_ranks_them():
    """The context index returns what sorting every majority mention by shared context returns."""
    import random

    from checker.kinds.name_drift import _ContextIndex, _shared_context

    rng = random.Random(16)
    befores = ["", "said", "deputy secretary of the", "Deputy Secretary of the", "mayor of the"]
    afters = ["", "Municipal Party Committee", "municipal party committee", "Township"]
    for _ in range(300):
        contexts = [(rng.choice(befores), rng.choice(afters)) for _ in range(rng.randint(1, 12))]
        mine = (rng.choice(befores), rng.choice(afters))
        limit = rng.randint(1, 5)
        shared = [_shared_context(mine, theirs) for theirs in contexts]
        expected = sorted(range(len(contexts)), key=lambda n: -len(shared[n]))[:limit]
        assert _ContextIndex(contexts).ranked(mine, limit) == expected
