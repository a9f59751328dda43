"""One article read once: its text and the paragraphs, sentences and word tokens in it.

Everything is kept as character offsets into `Document.text`, so every rule
points at the original copy and none re-splits the text its own way.
Paragraphs are lines: wire copy puts one paragraph on a line (with or without
blank lines between them), and a line is what an editor sees.
"""

from __future__ import annotations

import bisect
import heapq
import re
import sys
from array import array
from collections.abc import Iterator, Sequence
from functools import cached_property, lru_cache
from itertools import accumulate, chain, islice, repeat
from operator import sub
from typing import NamedTuple

import regex

from checker.memo import WORD_MEMO, word_memo
from checker.textfold import norm_text

from checker.finding import Position

# Literal characters only, so the stdlib `re` finds what the regex module would, in about half the time.
LINE_BREAK = re.compile(r"\r\n|\r|\n|\u2028|\u2029")
HORIZONTAL_SPACE = " \t\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u200b\u202f\u3000"

# A word: letters, marks and digits, with inner hyphens and apostrophes kept,
# so `State-owned`, `Yu'e` and `Tibet’s` are single tokens. Numbers with
# thousands separators or decimals (`1,500`, `3.5`) are single tokens too.
# N: a digit; W: a letter, mark or digit.
_WORD = r"{N}+(?:[.,]{N}{{3}})+(?!{N})|{N}+\.{N}+|{W}+(?:[-\u2010\u2011'\u2019\u02bc]{W}+)*"
WORD = regex.compile(_WORD.format(N=r"\p{N}", W=r"[\p{L}\p{M}\p{N}]"))
# The same words in one pass that hands back strings, not a match object a word: split on WORD kept as a group
# gives gap, word, gap, ..., gap, whose lengths are the offsets. ASCII_WORD_SPLIT is the stdlib `re`, about twice
# as fast: WORD with ASCII classes, the same matches on a text whose every letter, mark and digit is ASCII
# (there WORD's classes hold nothing else; see _ascii_words).
WORD_SPLIT = regex.compile(f"({WORD.pattern})")
ASCII_WORD_SPLIT = re.compile("(" + _WORD.format(N="[0-9]", W="[A-Za-z0-9]") + ")")
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_WORD_CHAR = regex.compile(r"[\p{L}\p{M}\p{N}]")
# Where a long text is cut into pieces to split: after white space, which no word holds or looks at.
_SPACE = regex.compile(r"\s")
PIECE = 1 << 16  # characters split at a time: a list of every word's string at once would peak memory

# Sentence ends: . ! ? (and full-width 。！？), closing quotes or brackets, then space.
SENTENCE_END = regex.compile(r"[.!?\u3002\uff01\uff1f][\"'\u201d\u2019)\]]*(?=[\s\u3000]+|$)")
ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof st no nos jan feb mar apr jun jul aug sep sept oct nov dec
    gov gen col lt sgt capt rep sen inc ltd co corp vs approx dept est fig vol op
    jr sr mt ft""".split()
)
DOTTED_ABBREVIATION = regex.compile(r"(?:\b\p{L}\.){2,}$|\b\p{Lu}\.$")  # U.S.  a.m.  J.
LAST_WORD = regex.compile(r"(\p{L}+)\.$")
ABBREVIATION_END = regex.compile(rf"(?:{DOTTED_ABBREVIATION.pattern})|(?P<word>\p{{L}}+)\.$")
SENTENCE_HEAD = re.compile(r"[.!?\u3002\uff01\uff1f][\"'\u201d\u2019)\]]*")  # SENTENCE_END before its lookahead
_SENTENCE_SPACE = regex.compile(r"[\s\u3000]")  # SENTENCE_END's lookahead
ASCII_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
ASCII_NON_LETTERS = frozenset(map(chr, range(128))) - ASCII_LETTERS
LONGEST_ABBREVIATION = max(map(len, ABBREVIATIONS))

HYPHEN = regex.compile(r"[-\u2010\u2011]")
HYPHENS = "-\u2010\u2011"  # HYPHEN's characters

# Table rows: cells set apart by runs of two or more spaces, or by tabs.
CELL_GAP = regex.compile(r"[ \u00a0\u3000]{2,}|\t+")
# A numeric cell: a figure with optional sign, unit, percent or a short note in brackets
# (`1,120`, `-3.5%`, `2025 (signed)`, `12 pct`).
NUMERIC_CELL = regex.compile(r"[-+~\u2212]?[$\u00a5\u20ac\u00a3]?\p{N}[\p{N},.:/-]*\s*(?:%|\p{L}{1,6}\.?)?\s*(?:\([^)]{0,24}\))?")
TABLE_MIN_CELLS = 3
CHUNK = 1 << 14  # tokens handled at a time where a whole story's worth of objects would peak memory


class Span(NamedTuple):
    start: int
    end: int


class Token(NamedTuple):
    start: int
    end: int
    text: str

    @property
    def norm(self) -> str:
        """Case- and apostrophe-folded form used to compare words."""
        return norm_text(self.text)


_new_token = tuple.__new__  # Token(...) without the Python-level __new__: the model's hottest line


def offset_code(size: int) -> str:
    """The array type code that holds offsets (or counts, never negative) up to `size`: 4 bytes an item,
    8 past 2**32. Unsigned: CPython stores an `I` item with a plain conversion, an `i` item through
    argument parsing (about 2% of all checking time went there)."""
    return "I" if size < 2**32 - 1 else "q"


@lru_cache(maxsize=1 << 12)
def _word_char(c: str) -> bool:
    return _WORD_CHAR.match(c) is not None


def _ascii_words(text: str) -> bool:
    """Whether every letter, mark and digit of `text` is ASCII, so ASCII_WORD_SPLIT finds WORD's words.
    Each distinct non-ASCII character (quotes, dashes: a few a story) is asked of the regex module itself."""
    return text.isascii() or not any(map(_word_char, set("".join(_NON_ASCII.findall(text)))))


def _pieces(text: str) -> Iterator[tuple[int, str]]:
    """(offset, piece): `text` in pieces of about PIECE characters, each cut after white space."""
    at = 0
    while len(text) - at > PIECE and (cut := _SPACE.search(text, at + PIECE)):
        yield at, text[at : cut.end()]
        at = cut.end()
    yield at, text[at:] if at else text


def _break_length(text: str, line_start: int) -> int:
    """Characters of the line break just before `line_start`: LINE_BREAK takes \r\n whole."""
    return 2 if text[line_start - 2 : line_start] == "\r\n" else 1


@word_memo(WORD_MEMO)  # stories share most of their words (see checker.memo.WordMemo)
def _norm_of(word: str) -> str:
    """norm_text(word), interned."""
    return sys.intern(norm_text(word))


_BREAK = bytes.maketrans(b"\0\1", b"\1\0")  # glued -> break, a byte each (in C, not a not_ call each)


@lru_cache(maxsize=1 << 10)
def _sentence_space(c: str) -> bool:
    return _SENTENCE_SPACE.match(c) is not None


def offsets_of(text: str, c: str) -> Iterator[int]:
    """Offsets of the character `c` in `text`, in order, found by str.find (a scan in C)."""
    at = text.find(c)
    while at >= 0:
        yield at
        at = text.find(c, at + 1)


class _Glue(dict):
    """gap -> 1 if it is not empty and only spaces (no line break, no punctuation), else 0. A story's gaps are
    mostly a few strings (` `, `, `, `. `): looked up in C, only a new one is judged in Python (and kept if short)."""

    def __missing__(self, gap: str) -> int:
        glued = int(bool(gap) and not gap.strip(HORIZONTAL_SPACE))
        if len(gap) <= 8 and len(self) < 1 << 12:
            self[gap] = glued
        return glued


_glue = _Glue().__getitem__


class Tokens(Sequence):
    """The story's word tokens, stored as two arrays of offsets into the text, not as objects,
    with each one's text and whether only spaces part it from the next.

    A Token (start, end, text) is made when one is asked for. Held as
    objects, tokens took about 30 bytes of memory per byte of copy (a tuple,
    two ints and a string a word); as offsets they take 8 bytes a word,
    under 2 per byte, so a story of megabytes stays near its own size.
    All of it comes from one split of the text (strings, their lengths summed
    into offsets: no Python-level step a word), a piece of the text at a time.
    """

    __slots__ = ("_text", "starts", "ends", "words", "glued")

    def __init__(self, text: str):
        self._text = text
        code = offset_code(len(text))
        self.starts = array(code)  # also what bisect searches (Document.token_starts)
        self.ends = array(code)
        self.words: list[str] = []  # in a long story each distinct text held once: a pointer a token
        glued = bytearray()
        split = (ASCII_WORD_SPLIT if _ascii_words(text) else WORD_SPLIT).split
        # A long story keeps each distinct word's string once (interned); a story of one piece keeps its
        # words' own strings only while it is checked, and interning them was a fifth of the tokens' time.
        held_once = len(text) > PIECE
        tail = None  # the gap after the last word so far (None: no word yet)
        for base, piece in _pieces(text):
            parts = split(piece)  # gap, word, gap, word, ..., gap
            if len(parts) == 1:  # no word in this piece: the gap runs on (kept short: only its glue counts)
                if tail is not None and piece:
                    tail = "\n" if (tail + piece).strip(HORIZONTAL_SPACE) else " "
                continue
            at = array(code, accumulate(map(len, parts), initial=base))  # at[k]: where parts[k] begins
            self.starts += at[1:-1:2]
            self.ends += at[2:-1:2]
            self.words += map(sys.intern, islice(parts, 1, None, 2)) if held_once else islice(parts, 1, None, 2)
            if tail is not None:
                glued.append(_glue(tail + parts[0]))
            glued.extend(map(_glue, islice(parts, 2, len(parts) - 1, 2)))
            tail = parts[-1]
        self.glued = bytes(glued)

    def __len__(self) -> int:
        return len(self.starts)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return list(self._make(self.starts[i], self.ends[i], self.words[i]))
        return _new_token(Token, (self.starts[i], self.ends[i], self.words[i]))

    def __iter__(self) -> Iterator[Token]:
        return self._make(self.starts, self.ends, self.words)

    @staticmethod
    def _make(starts, ends, words) -> Iterator[Token]:
        # All in C (no Python frame a token): Token(s, e, text) for each.
        return map(_new_token, repeat(Token), zip(starts, ends, words))

    def __bool__(self) -> bool:
        return len(self.starts) > 0

    def texts(self) -> list[str]:
        """Each token's text (interned: a list of the strings took 62 bytes a token)."""
        return self.words


class Spans(Sequence):
    """Spans (sentences) kept as two arrays of offsets, a Span made when one is read: a list of Span
    tuples took about 110 bytes a sentence."""

    __slots__ = ("starts", "ends")

    def __init__(self, size: int):
        self.starts = array(offset_code(size))  # also what bisect searches (Document.sentence_at)
        self.ends = array(offset_code(size))

    def append(self, start: int, end: int) -> None:
        self.starts.append(start)
        self.ends.append(end)

    def __len__(self) -> int:
        return len(self.starts)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return list(map(_new_token, repeat(Span), zip(self.starts[i], self.ends[i])))
        return _new_token(Span, (self.starts[i], self.ends[i]))

    def __iter__(self) -> Iterator[Span]:
        return map(_new_token, repeat(Span), zip(self.starts, self.ends))


class Paragraph(NamedTuple):
    start: int  # first character of the line, indentation included
    end: int  # end of the line, line break excluded
    body_start: int  # first character after leading white space


class Document:
    def __init__(self, text: str, path: str = "<text>", source: "Document | None" = None):
        self.text = text
        self.path = path
        self.source = source  # the Chinese original, for the bilingual kinds (checker.bilingual); None: English alone

    @cached_property
    def folded(self) -> str:
        """The text casefolded, for cheap containment tests (offsets may differ from `text`).

        `İ` (U+0130) casefolds to `i` and a combining dot, while a case-insensitive regex matches it to
        `i`: that pair is read as `i`, so a `requires` string never misses what the rule would find.
        """
        return self.text.casefold().replace("i\u0307", "i")

    @cached_property
    def line_starts(self) -> list[int]:
        return [0] + [m.end() for m in LINE_BREAK.finditer(self.text)]

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a character offset."""
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1

    def position(self, start: int, end: int) -> Position:
        line, col = self.line_col(start)
        end_line, end_col = self.line_col(end)
        return Position(start, end, line, col, end_line, end_col, self.text[start:end])

    def line_text(self, line: int) -> str:
        """The text of a 1-based line without its line break."""
        start = self.line_starts[line - 1]
        end = self.line_starts[line] if line < len(self.line_starts) else len(self.text)
        return LINE_BREAK.sub("", self.text[start:end])

    @cached_property
    def paragraph_starts(self) -> array:
        """Each paragraph's start, for bisecting: built once, not per finding (a machine array)."""
        return array(offset_code(len(self.text)), [p.start for p in self.paragraphs])

    @cached_property
    def paragraphs(self) -> list[Paragraph]:
        """Every line with more than white space on it, its end and indent found without a regex call a line."""
        text, out = self.text, []
        # Each line's end: the next line's start less its break (\r\n, or one character), or the text's end.
        nexts = self.line_starts[1:]
        ends = map(sub, nexts, map(_break_length, repeat(text), nexts))
        for start, end in zip(self.line_starts, chain(ends, (len(text),))):
            body = text[start:end].lstrip()  # one line at a time: all lines at once peaked at a copy of the text
            if body:
                out.append(Paragraph(start, end, end - len(body)))
        return out

    @cached_property
    def table_lines(self) -> list[Paragraph]:
        """Paragraphs laid out as table rows: aligned columns, not prose.

        A row has TABLE_MIN_CELLS or more cells set apart by runs of spaces or
        tabs; a table is two or more such rows in a row (blank lines between
        them do not count), most of whose cells after the first column are
        numbers. Its header row is part of it. A single row counts when it has
        four cells or more and all but the first are numbers. Word-level checks
        (repeated words, double spaces) stay off these lines: `12     12` in two
        columns is data, not a stutter.
        """
        out: list[Paragraph] = []
        block: list[tuple[Paragraph, list[str]]] = []

        def close():
            if not block:
                return
            data = [c for _, cells in block for c in cells[1:]]
            numeric = sum(1 for c in data if NUMERIC_CELL.fullmatch(c))
            if len(block) >= 2 and numeric * 2 > len(data):
                out.extend(p for p, _ in block)
            elif len(block) == 1 and len(data) >= TABLE_MIN_CELLS and numeric == len(data):
                out.append(block[0][0])
            block.clear()

        # Three cells need two gaps inside a line's body: lines with fewer are not split (most stories have no gap).
        text = self.text
        if not ("\t" in text or "  " in text or "\u00a0" in text or "\u3000" in text):
            return out  # no CELL_GAP can match (a str scan: ten times the regex's speed)
        gaps = array(offset_code(len(text)), (m.start() for m in CELL_GAP.finditer(text)))
        for para in self.paragraphs:
            if bisect.bisect_left(gaps, para.end) - bisect.bisect_left(gaps, para.body_start) < 2:
                close()
                continue
            cells = [c for c in CELL_GAP.split(self.text[para.body_start : para.end].strip()) if c]
            if len(cells) >= TABLE_MIN_CELLS:
                block.append((para, cells))
            else:
                close()
        close()
        return out

    @cached_property
    def _table_starts(self) -> list[int]:
        return [p.start for p in self.table_lines]

    def in_table(self, offset: int) -> bool:
        """Whether `offset` lies on a table row (see table_lines)."""
        i = bisect.bisect_right(self._table_starts, offset) - 1
        return i >= 0 and offset <= self.table_lines[i].end

    @cached_property
    def sentences(self) -> Spans:
        """Sentence spans: a paragraph cut after each SENTENCE_END that does not close an abbreviation.

        SENTENCE_END is a mark, closing quotes, then white space or the paragraph's end. The mark and quotes
        (SENTENCE_HEAD: literal characters) are found by the stdlib re, and the character after them is asked
        of the regex module's `[\\s\\u3000]` once per distinct character: regex-module calls, about 20,000
        instructions each, took most of the time. A head never holds another mark, so these are the matches a
        SENTENCE_END scan finds (and giving back quotes never helps: a quote is not white space).
        """
        text = self.text
        out = Spans(len(text))
        for para in self.paragraphs:
            begin, end = para.body_start, para.end
            for m in SENTENCE_HEAD.finditer(text, begin, end):
                after = m.end()
                if after < end and not _sentence_space(text[after]) or self._is_abbreviation(begin, m.start()):
                    continue
                out.append(begin, after)
                begin = after
                while begin < end and text[begin].isspace():
                    begin += 1
            if begin < end:
                out.append(begin, end)
        return out

    def _is_abbreviation(self, sentence_start: int, dot: int) -> bool:
        """Whether DOTTED_ABBREVIATION (`U.S.`, `J.`) or LAST_WORD in ABBREVIATIONS (`Mr.`) ends at the dot,
        in the 12 characters before it in the sentence. Most dots follow an ASCII word, read here in Python;
        the others are asked of ABBREVIATION_END (both patterns in one: either of the first two is found first)."""
        text = self.text
        if text[dot] != ".":
            return False
        lo = max(sentence_start, dot - 12)
        last = text[dot - 1] if dot > lo else ""
        if last in ASCII_NON_LETTERS:
            return False  # every pattern needs a letter before the dot
        if last in ASCII_LETTERS and dot - 2 >= lo and text[dot - 2] in ASCII_LETTERS:
            # two ASCII letters: no word boundary before the last, no dot pair; the word is the run of letters
            first = dot - 2
            while first > lo and text[first - 1] in ASCII_LETTERS and dot - first <= LONGEST_ABBREVIATION:
                first -= 1
            if first == lo or text[first - 1] in ASCII_NON_LETTERS:
                return dot - first <= LONGEST_ABBREVIATION and text[first:dot].casefold() in ABBREVIATIONS
            if text[first - 1] in ASCII_LETTERS:
                return False  # longer than any abbreviation
        m = ABBREVIATION_END.search(text, lo, dot + 1)
        return m is not None and (m.group("word") is None or m.group("word").casefold() in ABBREVIATIONS)

    @cached_property
    def tokens(self) -> Tokens:
        return Tokens(self.text)

    @property
    def glued(self) -> bytes:
        """glued[i] (1 or 0): token i+1 follows token i with only spaces between, on the same line.
        A byte a token: a list of bools cost 8. Found with the tokens (Tokens.glued)."""
        return self.tokens.glued

    @cached_property
    def norms(self) -> list[str]:
        """Token.norm of every token, computed once for the rules that compare words.

        Each distinct form is held once (a story repeats its words), so the
        list costs a pointer a token. Looked up in C from the words stories
        share (_norm_of), so only a word new to the process is folded.
        """
        return list(map(_norm_of, self.texts))

    @cached_property
    def texts(self) -> list[str]:
        """Each token's text, made once for the rules that read every word (no Token objects)."""
        return self.tokens.texts()

    @cached_property
    def runs(self) -> array:
        """runs[k]: how many breaks other than spaces lie before token k; equal runs: one unbroken stretch
        (non-decreasing, so a stretch's end is a bisect). A machine array: 4 bytes a token, a list took 36."""
        return array(offset_code(len(self.text)), accumulate(self.glued.translate(_BREAK), initial=0))

    @cached_property
    def hyphenated(self) -> array:
        """Indexes of the tokens holding an inner hyphen (-, U+2010, U+2011), found by one scan of the text."""
        text, starts, ends = self.text, self.tokens.starts, self.tokens.ends
        out = array(offset_code(len(text)))
        # HYPHEN's matches in text order, found by str.find (a scan in C, ~15 times the regex module's class scan)
        found = offsets_of(text, "-") if text.isascii() else heapq.merge(*(offsets_of(text, c) for c in HYPHENS))
        for at in found:
            k = bisect.bisect_right(starts, at) - 1
            if k >= 0 and at < ends[k] and (not out or out[-1] != k):
                out.append(k)
        return out

    @property
    def token_starts(self) -> Sequence[int]:
        return self.tokens.starts

    def tokens_between(self, start: int, end: int) -> list[Token]:
        """Tokens lying wholly inside text[start:end]."""
        lo = bisect.bisect_left(self.token_starts, start)
        hi = lo
        while hi < len(self.tokens) and self.tokens[hi].end <= end:
            hi += 1
        return self.tokens[lo:hi]

    def sentence_at(self, offset: int) -> Span | None:
        """The sentence holding `offset`, or None between sentences."""
        sentences = self.sentences
        i = bisect.bisect_right(sentences.starts, offset) - 1
        if i >= 0 and offset < sentences.ends[i]:
            return _new_token(Span, (sentences.starts[i], sentences.ends[i]))  # sentences[i], without a Python call
        return None

    @cached_property
    def word_count(self) -> int:
        return len(self.tokens)
