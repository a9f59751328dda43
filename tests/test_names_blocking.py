"""Blocking in drift_pairs: pairs the matcher merges still meet inside crowds that share their block
keys (surname, name element, sound key, skeleton), and clashing fits are never paired."""

from __future__ import annotations

import pytest

from checker.names import NameMatcher
from checker.names.blocking import Fit, joined_pairs

# Crowds that share the weak keys of the pairs below: Han names of one surname, Tibetan names built
# on one element, places of one sound. Built from table words, not from any story.
CROWD = (
    [f"Zhang {given}" for given in ("Wei", "Ming", "Hua", "Jun", "Lei", "Tao", "Yong", "Jie", "Ping", "Hong")]
    + [f"Laba {e}" for e in ("Tsering", "Tashi", "Nyima", "Pasang", "Lhamo", "Yangzom", "Norbu", "Dawa")]
    + [f"{e} Zhuoma" for e in ("Tsering", "Nyima", "Pasang", "Yangzom", "Norbu", "Dawa")]
    + ["Gongbo", "Gongjo", "Gonghe", "Lhasa", "Nagqu", "Nyingchi", "Qamdo", "Ngari", "Shannan", "Shandan"]
)
# One entity, two spellings, each reached through a different key: a name element (Zhuoma ~ Dolma),
# the gazetteer (Shigatse ~ Xigaze), a dropped final consonant (Gonggar ~ Gongga, a fuzzy skeleton).
PAIRS = [("Laba Zhuoma", "Laba Dolma"), ("Shigatse", "Xigaze"), ("Gonggar", "Gongga")]
# Controls: one surname, two people; one element, two people; two places of one sound.
APART = [("Zhang Wei", "Zhang Ming"), ("Laba Tsering", "Laba Tashi"), ("Shannan", "Shandan")]


@pytest.fixture(scope="module")
def matcher() -> NameMatcher:
    return NameMatcher.load()


def found(matcher: NameMatcher, names: list[str]) -> set[frozenset[str]]:
    return {frozenset((names[i], names[j])) for i, j, _ in matcher.drift_pairs(names)}


def test_pairs_meet_inside_crowds_that_share_their_keys(matcher: NameMatcher) -> None:
    names = CROWD + [n for pair in PAIRS for n in pair]
    pairs = found(matcher, names)
    for a, b in PAIRS:
        assert frozenset((a, b)) in pairs, (a, b)
    for a, b in APART:
        assert frozenset((a, b)) not in pairs, (a, b)


def test_blocking_finds_what_comparing_every_pair_finds(matcher: NameMatcher) -> None:
    names = CROWD + [n for pair in PAIRS + APART for n in pair]
    names = list(dict.fromkeys(names))
    every = {frozenset((a, b)) for n, a in enumerate(names) for b in names[n + 1 :] if matcher.compare(a, b).same}
    assert every, "the list must hold pairs the matcher merges"
    assert found(matcher, names) == every


def test_order_of_names_does_not_change_the_pairs(matcher: NameMatcher) -> None:
    names = CROWD + [n for pair in PAIRS for n in pair]
    assert found(matcher, names) == found(matcher, names[::-1])


def fit(numbers=(), han=False, place=False, elements=None) -> Fit:
    return Fit(tuple(numbers), han, place, elements)


def test_clashing_fits_are_never_paired() -> None:
    fits = [fit(han=True), fit(han=True), fit(place=True), fit(place=True), fit(elements=(1, 2)), fit(elements=(1, 3)),
            fit(numbers=("5",)), fit()]
    pairs = {frozenset(p) for p in joined_pairs(range(len(fits)), None, fits)}
    assert frozenset((0, 1)) not in pairs  # two Han names
    assert frozenset((2, 3)) not in pairs  # two gazetteer places
    assert frozenset((4, 5)) not in pairs  # element ids differ
    assert not any(6 in p for p in pairs)  # a number no other name has
    assert {frozenset((0, 2)), frozenset((0, 4)), frozenset((4, 7)), frozenset((5, 7)), frozenset((3, 7))} <= pairs


def test_every_agreeing_pair_once() -> None:
    fits = [fit(elements=(1,)), fit(elements=(1,)), fit(), fit(), fit(elements=(2,)), fit(han=True)]
    pairs = list(joined_pairs(range(len(fits)), None, fits))
    assert len(pairs) == len({frozenset(p) for p in pairs})
    expected = {frozenset((i, j)) for i in range(len(fits)) for j in range(i + 1, len(fits))} - {frozenset((0, 4)), frozenset((1, 4))}
    assert {frozenset(p) for p in pairs} == expected


def test_two_lists_pair_across_only() -> None:
    fits = [fit(), fit(han=True), fit(han=True), fit()]
    assert sorted(joined_pairs([0, 1], [2, 3], fits)) == [(0, 2), (0, 3), (1, 3)]


def test_pinyin_names_of_other_word_counts_are_never_paired() -> None:
    # A one-word pinyin place and a two-word pinyin name (Tongling / Dong Lai) share a sound key but
    # _word_by_word can only call them different; a name not all in pinyin (0) still meets both.
    fits = [fit(place=True)._replace(pinyin_words=1), fit(han=True)._replace(pinyin_words=2),
            fit()._replace(pinyin_words=2), fit()]
    pairs = {frozenset(p) for p in joined_pairs(range(len(fits)), None, fits)}
    assert frozenset((0, 1)) not in pairs and frozenset((0, 2)) not in pairs
    assert {frozenset((1, 3)), frozenset((0, 3)), frozenset((2, 3)), frozenset((1, 2))} <= pairs


# Pinyin places and pinyin Han names that fold to one sound key, from the gazetteer and the surname
# and syllable tables: a place and a person, never one entity.
SOUND_CROWD = ["Tongling", "Dong Lai", "Dong Ling", "Tong Ling", "Li Zheng", "Lingcheng", "Xigong", "Xi Gong"]


def test_pinyin_places_and_people_of_one_sound_are_not_judged(matcher: NameMatcher, monkeypatch) -> None:
    names = SOUND_CROWD + [n for pair in PAIRS for n in pair]
    every = {frozenset((a, b)) for n, a in enumerate(names) for b in names[n + 1 :] if matcher.compare(a, b).same}
    judged = []
    judge = matcher._judge
    monkeypatch.setattr(matcher, "_judge", lambda x, y: judged.append((x.text, y.text)) or judge(x, y))
    matcher._verdicts.clear()
    assert found(matcher, names) == every
    assert {frozenset(("Tongling", "Tong Ling")), frozenset(("Xigong", "Xi Gong"))} <= every  # one folded form: met
    words = {n: len(n.split()) for n in SOUND_CROWD}
    apart = [p for p in judged if p[0] in words and p[1] in words and words[p[0]] != words[p[1]]
             and p[0].replace(" ", "").lower() != p[1].replace(" ", "").lower()]
    assert not apart
