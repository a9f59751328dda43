"""`balance`: a bracket or quotation mark opened and never closed (or closed and never opened) in a paragraph.

Pairs are checked within one paragraph, innermost first: ( ) [ ] （ ） “ ”
and ‘ ’ (a lone ’ is an apostrophe, so only an unclosed ‘ counts). Straight
double quotes are counted: an odd number leaves the last one unpaired.
Straight single quotes are apostrophes and are ignored. News style leaves a
quotation open at the end of a paragraph when the next paragraph continues
it with an opening quote, so that is not flagged. List markers such as
`1)` or `a)` after a space are not closing brackets.
"""

from __future__ import annotations

import regex

from checker.finding import Match

PARAMS = {}
REQUIRED = ()
PLACEHOLDERS = {"mark", "other"}

PAIRS = {")": "(", "]": "[", "\uff09": "\uff08", "\u201d": "\u201c"}
OPENERS = set(PAIRS.values()) | {"\u2018"}
CLOSERS = {v: k for k, v in PAIRS.items()} | {"\u2018": "\u2019"}
LIST_MARKER = regex.compile(r"(?:^|(?<=\s))(?:\d{1,2}|[a-zA-Z]|[ivx]{1,4})\)")
OPENING_QUOTES = ('"', "\u201c", "\u2018")


def build(params, context):
    def run(doc):
        paras = doc.paragraphs
        for i, para in enumerate(paras):
            continued = i + 1 < len(paras) and doc.text[paras[i + 1].body_start : paras[i + 1].body_start + 1] in OPENING_QUOTES
            yield from _paragraph(doc.text, para, continued)

    return run


def _paragraph(text, para, continued):
    stack, straight = [], []
    markers = {m.end() - 1 for m in LIST_MARKER.finditer(text, para.body_start, para.end)}
    for i in range(para.body_start, para.end):
        ch = text[i]
        if ch == '"':
            straight.append(i)
        elif ch in OPENERS:
            stack.append(i)
        elif ch in PAIRS or ch == "\u2019":
            opener = "\u2018" if ch == "\u2019" else PAIRS[ch]
            depth = next((k for k in range(len(stack) - 1, -1, -1) if text[stack[k]] == opener), None)
            if depth is None:
                if ch != "\u2019" and i not in markers:  # a lone ’ is an apostrophe
                    yield Match(i, i + 1, {"mark": ch, "other": opener})
                continue
            for k in stack[depth + 1 :]:
                yield from _unclosed(text, k, continued)
            del stack[depth:]
    for k in stack:
        yield from _unclosed(text, k, continued)
    if len(straight) % 2 and not (continued and straight[0] == para.body_start):
        yield Match(straight[-1], straight[-1] + 1, {"mark": '"', "other": '"'})


def _unclosed(text, i, continued):
    ch = text[i]
    if continued and ch in OPENING_QUOTES:
        return
    yield Match(i, i + 1, {"mark": ch, "other": CLOSERS[ch]})
