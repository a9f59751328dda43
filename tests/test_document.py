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


def table_rows(text):
    doc = Document(text)
    return [text[p.start : p.end] for p in doc.table_lines]


def test_aligned_numeric_rows_are_a_table_with_their_header():
    text = (
        "Exports rose in 2025.\n\n"
        "Crop          2023     2024     2025\n\n"
        "Wheat         310      310      352\n\n"
        "Barley (t)    95       102      102\n\n"
        "Officials said the figures were final."
    )
    assert table_rows(text) == [
        "Crop          2023     2024     2025",
        "Wheat         310      310      352",
        "Barley (t)    95       102      102",
    ]
    doc = Document(text)
    assert doc.in_table(text.index("310")) and not doc.in_table(text.index("Officials"))


def test_tab_separated_rows_are_a_table():
    assert len(table_rows("Item\tPlanned\tDone\nBeds\t1,200\t1,200\nLamps\t800\t640\n")) == 3


def test_prose_with_double_spaces_is_not_a_table():
    text = "The meeting  was held  in Lhasa.\nThe  the  plan was approved  by 12 votes.\n"
    assert table_rows(text) == []


def test_one_row_of_words_in_columns_is_not_a_table():
    assert table_rows("Name     Office     Region\nHe spoke.\n") == []
