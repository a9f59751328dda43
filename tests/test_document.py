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


# Tokens come from one split of the text (stdlib `re` when every letter, mark and digit is ASCII), a piece at a
# time: the properties below hold them to the definition, WORD.finditer over the whole text.
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import checker.document as document  # noqa: E402

# Characters where the two engines or the pieces could part: word joiners, digits and letters of other scripts
# (Arabic-Indic and superscript digits, Roman numerals, CJK), combining marks, many kinds of space and break.
TOKEN_ALPHABET = st.sampled_from(list(
    "aZ09 .,-'_\u2010\u2011\u2019\u02bc\u201c\u201d\n\r\t\u00a0\u3000\u2028"
    "\u00e9\u00df\u0130\u0301\u0308\u0663\u00b2\u216b\u4e2d\u3002\ufb01\u1e9e\U0001d400"))


def reference(text):
    """Tokens and glue as WORD.finditer over the whole text defines them."""
    spans = [m.span() for m in document.WORD.finditer(text)]
    gaps = [text[e:s] for (_, e), (s, _) in zip(spans, spans[1:])]
    return spans, [text[s:e] for s, e in spans], bytes(bool(g) and not g.strip(document.HORIZONTAL_SPACE) for g in gaps)


def made(text):
    tokens = document.Tokens(text)
    return list(zip(tokens.starts, tokens.ends)), tokens.texts(), tokens.glued


@settings(max_examples=400, deadline=None)
@given(st.text(TOKEN_ALPHABET, max_size=60), st.integers(1, 12))
def test_tokens_are_words_found_one_by_one_whatever_the_pieces(text, piece):
    saved = document.PIECE
    document.PIECE = piece  # pieces of a few characters: every cut between pieces gets tried
    try:
        assert made(text) == reference(text)
    finally:
        document.PIECE = saved
    assert made(text) == reference(text)


def test_a_long_story_holds_each_distinct_word_once():
    """Past one piece, a word's tokens share one string (a pointer a token, not a string a token)."""
    words = document.Tokens("Lhasa and Shigatse. " * (document.PIECE // 20 + 10)).texts()
    assert len(words) > 3 * (document.PIECE // 20) and len({id(w) for w in words}) == 3


@settings(max_examples=400, deadline=None)
@given(st.text(TOKEN_ALPHABET, max_size=60))
def test_ascii_split_finds_the_same_words_where_it_is_used(text):
    if document._ascii_words(text):
        assert document.ASCII_WORD_SPLIT.split(text) == document.WORD_SPLIT.split(text)
    else:
        assert any(not c.isascii() and document.WORD.fullmatch(c) for c in text)  # a word character outside ASCII


def test_ascii_split_is_taken_for_ascii_words_among_curly_quotes():
    assert document._ascii_words("“Tibet’s 1,500 State-owned firms” — 3.5%\u00a0(End)")
    assert not document._ascii_words("Ürümqi") and not document._ascii_words("e\u0301") and not document._ascii_words("\u0663")


LINE_ALPHABET = st.sampled_from(list("ab 1.\t\n\r\u2028\u2029\u0085\u000b\u001c\u00a0\u3000  "))


@settings(max_examples=300, deadline=None)
@given(st.text(LINE_ALPHABET, max_size=40))
def test_paragraphs_are_the_lines_with_more_than_white_space(text):
    """As they were defined a line at a time: the line sliced, its break cut off by the regex module, its indent
    measured."""
    import regex

    doc = Document(text)
    expected = []
    starts = [0] + [m.end() for m in regex.finditer(r"\r\n|\r|\n|\u2028|\u2029", text)]
    assert doc.line_starts == starts
    for i, start in enumerate(starts):
        line = regex.sub(r"\r\n|\r|\n|\u2028|\u2029", "", text[start : starts[i + 1] if i + 1 < len(starts) else len(text)])
        if line.strip():
            expected.append((start, start + len(line), start + len(line) - len(line.lstrip())))
    assert [tuple(p) for p in doc.paragraphs] == expected


TABLE_ALPHABET = st.sampled_from(["1", "12", "3.5%", "Wheat", "x", " ", "  ", "   ", "\t", "\u00a0", "\u00a0\u00a0", "\u3000", "\n", "\n\n"])


@settings(max_examples=300, deadline=None)
@given(st.lists(TABLE_ALPHABET, max_size=40).map("".join))
def test_table_rows_are_found_whether_or_not_a_line_is_split(text):
    """Lines are split into cells only where two gaps can be: the rows are those of splitting every line."""
    doc = Document(text)
    rows, block = [], []

    def close():
        data = [c for _, cells in block for c in cells[1:]]
        numeric = sum(1 for c in data if document.NUMERIC_CELL.fullmatch(c))
        if len(block) >= 2 and numeric * 2 > len(data):
            rows.extend(p for p, _ in block)
        elif len(block) == 1 and len(data) >= document.TABLE_MIN_CELLS and numeric == len(data):
            rows.append(block[0][0])
        block.clear()

    for para in doc.paragraphs:
        cells = [c for c in document.CELL_GAP.split(text[para.body_start : para.end].strip()) if c]
        if len(cells) >= document.TABLE_MIN_CELLS:
            block.append((para, cells))
        else:
            close()
    close()
    assert doc.table_lines == rows



@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(list("ab -\u2010\u2011'\u00e9\n")), max_size=50))
def test_hyphenated_are_the_tokens_holding_a_hyphen_match(text):
    """As found by scanning the text with HYPHEN and bisecting each match into the tokens."""
    doc = Document(text)
    starts, ends = doc.tokens.starts, doc.tokens.ends
    expected = []
    for m in document.HYPHEN.finditer(text):
        k = max((k for k in range(len(starts)) if starts[k] <= m.start()), default=-1)
        if k >= 0 and m.start() < ends[k] and k not in expected:
            expected.append(k)
    assert list(doc.hyphenated) == expected


def sentences_by_scan(text):
    """Sentences as first defined: SENTENCE_END scanned paragraph by paragraph, an abbreviation being
    DOTTED_ABBREVIATION or LAST_WORD in ABBREVIATIONS, searched in the 12 characters before the dot."""
    doc = Document(text)
    out = []
    for para in doc.paragraphs:
        begin = para.body_start
        for m in document.SENTENCE_END.finditer(text, para.body_start, para.end):
            dot = m.start()
            if text[dot] == ".":
                before = text[max(begin, dot - 12) : dot + 1]
                word = document.LAST_WORD.search(before)
                if document.DOTTED_ABBREVIATION.search(before) or (word and word.group(1).casefold() in document.ABBREVIATIONS):
                    continue
            out.append((begin, m.end()))
            begin = m.end()
            while begin < para.end and text[begin].isspace():
                begin += 1
        if begin < para.end:
            out.append((begin, para.end))
    return out


SENTENCE_PIECES = st.sampled_from(["Mr", "mr", "U", "S", "a", "m", "J", "Jan", "approx", "approxx", "said", "x", "7", "No",
                                   ".", ".", "!", "?", "\u3002", " ", " ", "\n", "\u3000", "\u00a0", "\u2028", "\"", "\u201d",
                                   ")", "'", "\u00c9", "\u00e9t\u00e9", "\u0130", "\u00df", "e\u0301", "_", "\x1c", "\x85"])


@settings(max_examples=500, deadline=None)
@given(st.lists(SENTENCE_PIECES, max_size=30).map("".join))
def test_sentences_are_those_a_sentence_end_scan_finds(text):
    assert [tuple(s) for s in Document(text).sentences] == sentences_by_scan(text)


def test_sentences_agree_with_the_scan_on_the_shared_stories():
    from shared_data import require

    for path in sorted(require("corpus/mqm-wmt20").glob("*.txt"))[:300]:
        text = path.read_text("utf-8")
        assert [tuple(s) for s in Document(text).sentences] == sentences_by_scan(text), path.name


@settings(max_examples=200, deadline=None)
@given(st.text(TOKEN_ALPHABET, max_size=60))
def test_norms_are_each_token_folded(text):
    doc = Document(text)
    assert doc.norms == [t.norm for t in doc.tokens]


def test_norms_stay_right_past_the_words_kept():
    """The process keeps the norms of the first 16,384 words it meets (checker.memo.WordMemo); a word met
    after that is folded each time, and norms are still each token's fold."""
    text = " ".join(f"W{n}x\u2019S" for n in range(20_000))
    doc = Document(text)
    assert doc.norms[-1] == "w19999x's" and doc.norms == [t.norm for t in doc.tokens]
