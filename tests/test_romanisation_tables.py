"""The sourced romanisation tables in the matcher: minority names in full pinyin against the
person's own spelling, Cantonese and Wade-Giles names against pinyin, and the guards that keep
names which are not romanised Chinese, and relatives, apart."""

from __future__ import annotations

import pytest

from checker import yamlio
from checker.names import NameMatcher
from checker.names.data import default_data_dir

# Invented people; each pair is one name in two romanisations. The comment names the table.
SAME = [
    ("Zhaxi Ciren", "Tashi Tsering"),          # Tibetan elements
    ("Pingcuo Wangdui", "Phuntsok Wangdu"),
    ("Memet Yasin", "Maimaiti Yasen"),          # Uyghur elements
    ("Tuerxun Maimaiti", "Tursun Memet"),
    ("Abulimiti Kasimu", "Ablimit Qasim"),
    ("Bateer Qimuge", "Baatar Chimeg"),         # Mongolian elements
    ("Bayinchaolu", "Bayanchuluu"),
    ("Bayinbateer", "Bayanbaatar"),             # Mongolian compound: Bayin + Bateer
    ("Nuerlan Saierkebai", "Nurlan Serikbai"),  # full pinyin of a Kazakh name (transcription)
    ("Chen Jiawei", "Chan Ka-wai"),             # Cantonese surname row + syllables
    ("Huang Zhiming", "Wong Chi-ming"),
    ("Cai Mingxian", "Tsai Ming-hsien"),        # Wade-Giles
    ("Wang Jianguo", "Wang Chien-kuo"),
    ("Zhu De", "Chu Teh"),
    ("Nanjing", "Nanking"),                     # postal
    ("Guizhou", "Kweichow"),
]

DISTINCT = [
    ("Paris", "Pierre"),                        # not romanised Chinese: folding is no evidence
    ("Britain", "Reuters"),
    ("Macao", "Melco"),
    ("Macao", "Marcos"),
    ("Guangdong", "Kwantung"),                  # postal Kwantung reads Guandong: another place
    ("Kim Jong-un", "Kim Jong-ae"),             # relatives: one given-name element differs
    ("Chan Wing-lok", "Chan Wing-kit"),
    ("Lin Yu-ting", "Lin Yu-ling"),
    ("Wuyunqiqige", "Oyunchimeg"),              # 其其格 Tsetseg is not 其木格 Chimeg
    ("Chinese", "Chinaso"),                     # an English word is not a transcription
    ("Zhang Wei", "Cheung Ka-lok"),             # one surname, another given name
]


@pytest.fixture(scope="module")
def matcher() -> NameMatcher:
    return NameMatcher.load()


@pytest.mark.parametrize("a,b", SAME, ids=[f"{a}~{b}" for a, b in SAME])
def test_romanisations_of_one_name_are_drift(matcher, a, b):
    verdict = matcher.compare(a, b)
    assert verdict.same, verdict.reason
    assert matcher.drift_pairs([a, "Lhasa", b]), "the pair must also meet as candidates"


@pytest.mark.parametrize("a,b", DISTINCT, ids=[f"{a}~{b}" for a, b in DISTINCT])
def test_lookalikes_are_not_merged(matcher, a, b):
    assert not matcher.compare(a, b).same
    assert not matcher.drift_pairs([a, b])


def test_every_table_row_names_its_source_and_chinese_key():
    folder = default_data_dir()
    for name in ("name-elements.yaml", "cantonese-surnames.yaml"):
        rows = yamlio.load((folder / name).read_text(encoding="utf-8"))["rows"]
        assert rows and all(r["zh"] and r["source"] and r["names"] for r in rows), name
    languages = {r["language"] for r in yamlio.load((folder / "name-elements.yaml").read_text(encoding="utf-8"))["rows"]}
    assert languages == {"tibetan", "uyghur", "mongolian"}
