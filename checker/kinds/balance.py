"""`balance`: a bracket or quotation mark opened and never closed, or closed and never opened.

Brackets ( ) [ ] （ ） must pair within a paragraph. Double quotation marks
pair across the story, because a quotation may run over several paragraphs:
news style reopens it at the start of each paragraph, translated copy often
just closes it a paragraph or two later; both are fine. Straight and curly
double quotes pair with each other (mixing them is typo.mixed-quotes'
business), a `”` glued to the word after it is read as a misshapen
opening quote, and a `“` that ends an open quotation as a closing one. A lone ’ is an apostrophe, so only an unclosed ‘ counts, within
its paragraph; straight single quotes are apostrophes and are ignored. List
markers such as `1)` or `a)` after a space are not closing brackets.
"""

from __future__ import annotations

import regex

from checker.finding import Match

PARAMS = {}
REQUIRED = ()
PLACEHOLDERS = {"mark", "other"}

BRACKETS = {")": "(", "]": "[", "\uff09": "\uff08"}
CLOSING = {v: k for k, v in BRACKETS.items()} | {"\u201c": "\u201d", '"': '"', "\u2018": "\u2019", "\u201d": "\u201d"}
LIST_MARKER = regex.compile(r"(?:^|(?<=\s))(?:\d{1,2}|[a-zA-Z]|[ivx]{1,4})\)")
DOUBLE = regex.compile(r'["\u201c\u201d]')


def build(params, context):
    def run(doc):
        for para in doc.paragraphs:
            yield from _brackets(doc.text, para)
            yield from _single_quotes(doc.text, para)
        yield from _double_quotes(doc)

    return run


def _unpaired(text, i):
    return Match(i, i + 1, {"mark": text[i], "other": CLOSING.get(text[i], BRACKETS.get(text[i], ""))})


def _brackets(text, para):
    stack = []
    markers = {m.end() - 1 for m in LIST_MARKER.finditer(text, para.body_start, para.end)}
    for i in range(para.body_start, para.end):
        ch = text[i]
        if ch in CLOSING and ch in "([\uff08":
            stack.append(i)
        elif ch in BRACKETS:
            depth = next((k for k in range(len(stack) - 1, -1, -1) if text[stack[k]] == BRACKETS[ch]), None)
            if depth is None:
                if i not in markers:
                    yield _unpaired(text, i)
                continue
            for k in stack[depth + 1 :]:
                yield _unpaired(text, k)
            del stack[depth:]
    for k in stack:
        yield _unpaired(text, k)


def _single_quotes(text, para):
    """‘ must be closed by a ’ that is not an apostrophe (not between letters) in the same paragraph."""
    open_at = []
    for i in range(para.body_start, para.end):
        ch = text[i]
        if ch == "\u2018":
            open_at.append(i)
        elif ch == "\u2019" and open_at and not (text[i - 1 : i].isalpha() and text[i + 1 : i + 2].isalpha()):
            open_at.pop()
    for i in open_at:
        yield _unpaired(text, i)


def _double_quotes(doc):
    text = doc.text
    starts = {p.body_start for p in doc.paragraphs}
    stack = []
    for m in DOUBLE.finditer(text):
        i, ch = m.start(), m.group()
        if i in starts and stack and ch != "\u201d":
            stack.pop()  # the quotation continues into a new paragraph, reopened in news style
            stack.append(i)
        elif ch == "\u201c" and stack and not text[i + 1 : i + 2].isalnum():
            stack.pop()  # a misshapen closing quote: `forget. “`
        elif ch == "\u201c" or (ch == '"' and not stack):
            stack.append(i)
        elif stack:
            stack.pop()
        elif ch == "\u201d" and text[i + 1 : i + 2].isalnum():
            stack.append(i)  # a misshapen opening quote: ”life tasks”
        else:
            yield _unpaired(text, i)
    for i in stack:
        yield _unpaired(text, i)
