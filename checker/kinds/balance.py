"""`balance`: a bracket or quotation mark opened and never closed, or closed and never opened.

Brackets ( ) [ ] （ ） must pair within a paragraph. Double quotation marks
pair within a paragraph first; one left open may run on into later
paragraphs, because news style reopens a quotation at the start of each
paragraph and translated copy often just closes it a paragraph or two later. Straight and curly
double quotes pair with each other (mixing them is typo.mixed-quotes'
business), a `”` glued to the word after it is read as a misshapen
opening quote, and a `“` that ends an open quotation as a closing one. A lone ’ is an apostrophe, so only an unclosed ‘ counts, within
its paragraph; straight single quotes are apostrophes and are ignored. List
markers such as `1)` or `a)` after a space are not closing brackets.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from heapq import merge
from itertools import chain
from collections.abc import Iterator

from checker.document import offset_code, offsets_of
from checker.finding import Match
from checker.patterns import compiled

PARAMS: dict = {}
REQUIRED = ()
PLACEHOLDERS = {"mark", "other"}

BRACKETS = {")": "(", "]": "[", "\uff09": "\uff08"}
CLOSING = {v: k for k, v in BRACKETS.items()} | {"\u201c": "\u201d", '"': '"', "\u2018": "\u2019", "\u201d": "\u201d"}
LIST_MARKER = compiled(r"(?:^|(?<=\s))(?:\d{1,2}|[a-zA-Z]|[ivx]{1,4})\)")
DOUBLE = frozenset('"\u201c\u201d')
MARK = compiled(r'[()\[\]\uff08\uff09\u2018\u2019"\u201c\u201d]')
ASCII_MARKS = '()[]"'  # the characters of MARK, those in ASCII first
MARKS = ASCII_MARKS + "\uff08\uff09\u2018\u2019\u201c\u201d"


def build(params, context):
    def run(doc):
        offsets = _mark_offsets(doc.text)
        for para, found in zip(doc.paragraphs, _marks_by_paragraph(doc, offsets)):
            yield from _brackets(doc.text, para, found)
            yield from _single_quotes(doc.text, found)
        yield from _double_quotes(doc, _marks_by_paragraph(doc, offsets))

    return run


def _mark_offsets(text: str) -> array:
    """The offset of every bracket and quotation mark (what MARK matches), into a machine array (a list of
    (offset, mark) pairs took about 170 bytes a mark). Found by str.find, one mark character at a time: a scan
    in C about fifteen times as fast as the regex module's for a class, over a story that holds a few dozen."""
    code = offset_code(len(text))
    found = [array(code, offsets_of(text, c)) for c in (MARKS if not text.isascii() else ASCII_MARKS)]
    if sum(map(len, found)) < 1 << 12:
        return array(code, sorted(chain.from_iterable(found)))
    return array(code, merge(*found))  # many marks: merged, never a list of ints (36 bytes a mark)


def _marks_by_paragraph(doc, offsets: array) -> Iterator[list[tuple[int, str]]]:
    """(offset, mark) of the marks of each paragraph, made a paragraph at a time (a mark is one character)."""
    text, k = doc.text, 0
    for para in doc.paragraphs:
        first = bisect_left(offsets, para.body_start, k)
        k = bisect_left(offsets, para.end, first)
        yield [(i, text[i]) for i in offsets[first:k]]


def _unpaired(text, i):
    return Match(i, i + 1, {"mark": text[i], "other": CLOSING.get(text[i], BRACKETS.get(text[i], ""))})


def _brackets(text, para, marks):
    stack = []
    markers = None  # list markers (`1)`, `a)`), found only if a bracket is left unopened
    for i, ch in marks:
        if ch in "([\uff08":
            stack.append(i)
        elif ch in BRACKETS:
            depth = next((k for k in range(len(stack) - 1, -1, -1) if text[stack[k]] == BRACKETS[ch]), None)
            if depth is None:
                if markers is None:
                    markers = {m.end() - 1 for m in LIST_MARKER.finditer(text, para.body_start, para.end)}
                if i not in markers:
                    yield _unpaired(text, i)
                continue
            for k in stack[depth + 1 :]:
                yield _unpaired(text, k)
            del stack[depth:]
    for k in stack:
        yield _unpaired(text, k)


def _single_quotes(text, marks):
    """‘ must be closed by a ’ that is not an apostrophe (not between letters) in the same paragraph."""
    open_at = []
    for i, ch in marks:
        if ch == "\u2018":
            open_at.append(i)
        elif ch == "\u2019" and open_at and not (text[i - 1 : i].isalpha() and text[i + 1 : i + 2].isalpha()):
            open_at.pop()
    for i in open_at:
        yield _unpaired(text, i)


def _double_quotes(doc, marks_by_paragraph):
    """Balance each paragraph first; a quotation left open may close in a later paragraph,
    or be reopened at the start of the next one (news style).

    A paragraph whose own straight quotes are even is self-contained: it never
    closes a quotation left open earlier, so one stray mark cannot shift the
    pairing of every quote after it.
    """
    text = doc.text
    carried = []  # quotations still open from earlier paragraphs
    for para, found in zip(doc.paragraphs, marks_by_paragraph):
        marks = [(i, ch) for i, ch in found if ch in DOUBLE]
        if not marks:
            continue
        if carried and marks[0][0] == para.body_start and marks[0][1] != "\u201d":
            carried = []  # the quotation continues, reopened at the paragraph start
        straight = sum(1 for _, ch in marks if ch == '"')
        closable = carried if straight % 2 or any(ch == "\u201d" for _, ch in marks) else []
        kept = carried if not closable else []
        own = []
        for i, ch in marks:
            if ch == "\u201c" and (closable or own) and not text[i + 1 : i + 2].isalnum():
                (own or closable).pop()  # a misshapen closing quote: `forget. “`
            elif ch == "\u201c" or (ch == '"' and not (closable or own)):
                own.append(i)
            elif own:
                own.pop()
            elif closable:
                closable.pop()
            elif ch == "\u201d" and text[i + 1 : i + 2].isalnum():
                own.append(i)  # a misshapen opening quote: ”life tasks”
            else:
                yield _unpaired(text, i)
        carried = kept + closable + own
    for i in carried:
        yield _unpaired(text, i)
