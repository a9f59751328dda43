"""Every shipped rule survives text built at random from what wire copy mixes:
quotes of both kinds, brackets, CJK punctuation, odd line ends and spaces,
and the phrases the rules look for. Offsets must stay inside the text."""

from __future__ import annotations

import random

import pytest

from checker.config import Config
from checker.engine import build_ruleset, check_text

RULES = build_ruleset(Config()).rules
PALETTE = list("abcdeXYZ ,.;:!?'\"“”‘’()（）【】，。、\n\r\t\u3000\u00a0-–—") + [
    "State-owned", "Shigatse", "Xigaze", "Laba Zhuoma", "25th batch", "(over)", "完", "The picture shows",
    "Photo by", "Ningqing", "Li Li", "the the", " and ", "LHASA, Nov. 11 (Xinhua) -- ", "February 30",
    "On the 26th", "Secretary", "secretary", "10th", "\ufeff", "U.S.", "No. 1", "Peng Yihao, head of the ", "\u200b",
]


@pytest.mark.parametrize("seed", range(5))
def test_random_wire_like_text(seed):
    rng = random.Random(seed)
    for _ in range(100):
        text = "".join(rng.choice(PALETTE) for _ in range(rng.randint(0, 120)))
        for f in check_text(text, RULES):
            assert 0 <= f.start <= f.end <= len(text), (f.rule_id, text)
            assert f.position.text == text[f.start : f.end]
            assert all(0 <= x.start <= x.end <= len(text) for x in f.fixes), (f.rule_id, text)
