"""Scans the token-walking kinds make in C (str.find, compress over the tokens) instead of a regex over the
text: each finds what the regex it replaced defines, on random text with the characters that could part them."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.document import Document
from checker.kinds import balance, numbered


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(list('ab ()[]"\uff08\uff09\u2018\u2019\u201c\u201d\u00e9\n')), max_size=50))
def test_balance_finds_every_mark_the_mark_regex_does(text):
    """typo.unbalanced finds its marks with str.find, a character at a time: they are MARK's matches."""
    assert list(balance._mark_offsets(text)) == [m.start() for m in balance.MARK.finditer(text)]
    many = text * 300  # past the sorted list: merged
    assert list(balance._mark_offsets(many)) == [m.start() for m in balance.MARK.finditer(many)]


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(list("a1 9.,-x\u00b2\u0663\u216b\u2460\uff11\u00bd")), max_size=40))
def test_digit_tokens_are_the_tokens_opening_in_a_numeral_run_with_a_digit(text):
    """As found by scanning the text with NUMERAL and taking the tokens that open inside a run on a digit."""
    doc = Document(text)
    starts = doc.tokens.starts
    expected = [k for m in numbered.NUMERAL.finditer(text) for k in range(len(starts))
                if m.start() <= starts[k] < m.end() and text[starts[k]].isdigit()]
    assert numbered.digit_tokens(doc) == expected
