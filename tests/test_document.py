"""The document model every rule shares: offsets, lines, paragraphs, sentences, tokens."""

from __future__ import annotations

import pytest

from checker.document import Document


def sentences(text):
    doc = Document(text)
    return [text[s.start : s.end] for s in doc.sentences]


def tokens(text):
    return [t.text for t in Document(text).tokens]


def test_hyphenated_and_apostrophe_words_are_single_tokens():
    assert tokens("State-owned State-owned firms' Yu'e Tibet’s high-quality") == [
        "State-owned", "State-owned", "firms", "Yu'e", "Tibet’s", "high-quality",
    ]


def test_numbers_keep_separators():
    assert tokens("1,500 people and 3.5 percent on the 25th") == ["1,500", "people", "and", "3.5", "percent", "on", "the", "25th"]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("The U.S. delegation arrived. It left.", ["The U.S. delegation arrived.", "It left."]),
        ("He won No. 1 spot. Then he left.", ["He won No. 1 spot.", "Then he left."]),
        ("On Jan. 5 they met. Talks ended.", ["On Jan. 5 they met.", "Talks ended."]),
        ("J. K. Rowling spoke. Mr. Wang listened.", ["J. K. Rowling spoke.", "Mr. Wang listened."]),
        ('"We will go," he said. "Now!" She agreed.', ['"We will go," he said.', '"Now!"', "She agreed."]),
        ("会议在拉萨举行。 The meeting ended.", ["会议在拉萨举行。", "The meeting ended."]),
    ],
)
def test_sentences(text, expected):
    assert sentences(text) == expected


def test_paragraphs_are_lines_with_indent_kept():
    text = "First para.\n\n  Indented para.\n\u3000Full-width indent.\n"
    doc = Document(text)
    paras = [(text[p.start : p.end], text[p.start : p.body_start]) for p in doc.paragraphs]
    assert paras == [("First para.", ""), ("  Indented para.", "  "), ("\u3000Full-width indent.", "\u3000")]


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_line_and_column_for_every_line_end(newline):
    text = f"one{newline}two three{newline}four"
    doc = Document(text)
    offset = text.index("three")
    assert doc.line_col(offset) == (2, 5)
    assert doc.line_col(text.index("four")) == (3, 1)
    assert doc.line_text(2) == "two three"


def test_position_end_and_text():
    text = "ab\ncd ef"
    p = Document(text).position(3, 8)
    assert (p.line, p.column, p.end_line, p.end_column, p.text) == (2, 1, 2, 6, "cd ef")


def test_unicode_spaces_separate_words():
    assert tokens("Lhasa\u00a0city\u3000Tibet\u2009region") == ["Lhasa", "city", "Tibet", "region"]
