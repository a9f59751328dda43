"""`repetition`: a word or phrase said twice or more in a row, or mirrored as `X and X`.

Works on the document's tokens, so hyphenated words (`State-owned`) and
apostrophe forms count as one word. Repeats must sit on one line with only
spaces between them. A run of any length is one finding, with a fix that
keeps the first copy.
"""

from __future__ import annotations

from itertools import compress, repeat
from operator import eq

import regex

from checker.finding import Fix, Match

PARAMS = {
    "max_phrase_words": {"type": "integer", "minimum": 1, "maximum": 8},
    "consecutive": {"type": "boolean", "description": "flag `X X` (default true)"},
    "mirrored": {"type": "boolean", "description": "flag `X and X` (default true)"},
    "mirrored_min_words": {
        "type": "integer",
        "minimum": 1,
        "description": "shortest X for `X and X` (`again and again` is idiom; `high standards and high standards` is not)",
    },
    "allow": {
        "type": "array",
        "items": {"type": "string"},
        "description": "doubles that are correct, e.g. `had had`, `Wagga Wagga`",
    },
    "allow_reduplicated_names": {
        "type": "boolean",
        "description": "pass a doubled capitalised pinyin syllable (`Li Li`, `Fang Fang`)",
    },
    "allow_quoted": {
        "type": "boolean",
        "description": "pass a repeat that is the whole of a quotation, a name on purpose (the mascot \"MAK MAK\"); default true",
    },
    "fix_safe": {"type": "boolean"},
}
REQUIRED = ()
PLACEHOLDERS = {"phrase", "count", "suggestion"}

OPENING_QUOTES = frozenset('"\u201c\u2018\'')  # (the empty slice before offset 0 is not in them)
CLOSING_QUOTES = frozenset('"\u201d\u2019\'')

PINYIN_SYLLABLE = regex.compile(
    r"(?:[bpmfdtnlgkhjqxrzcsyw]|zh|ch|sh)?"
    r"(?:a|ai|an|ang|ao|e|ei|en|eng|er|i|ia|ian|iang|iao|ie|in|ing|iong|iu"
    r"|o|ong|ou|u|ua|uai|uan|uang|ue|ui|un|uo|v|ve|ü|üe)"
)


def build(params, context):
    max_words = params.get("max_phrase_words", 4)
    consecutive = params.get("consecutive", True)
    mirrored = params.get("mirrored", True)
    mirrored_min = params.get("mirrored_min_words", 2)
    allow = {" ".join(a.casefold().split()) for a in params.get("allow", [])}
    allow_names = params.get("allow_reduplicated_names", True)
    safe = params.get("fix_safe", True)
    allow_quoted = params.get("allow_quoted", True)

    def allowed(words: list[str], phrase_norm: str, doubled_norm: str) -> bool:
        if doubled_norm in allow or phrase_norm in allow:
            return True
        if allow_names and len(words) == 1:
            word = words[0]
            return word[:1].isupper() and word[1:].islower() and bool(PINYIN_SYLLABLE.fullmatch(word.casefold()))
        return False

    def check(doc):
        text, tokens = doc.text, doc.tokens
        norms = doc.norms
        glued = doc.glued

        def run_is_glued(i: int, j: int) -> bool:
            return all(glued[i:j])

        next_free = 0  # tokens before this are inside a run already reported
        for i in _starts(norms, max_words, mirrored_min, consecutive, mirrored):
            if i < next_free:
                continue
            found = _consecutive(i, norms, max_words, run_is_glued) if consecutive else None
            if found is None and mirrored:
                found = _mirrored(i, norms, max_words, mirrored_min, run_is_glued)
            if found is None:
                continue
            size, end_index, count = found
            words = [tokens[k].text for k in range(i, i + size)]
            phrase_norm = " ".join(norms[i : i + size])
            if allowed(words, phrase_norm, " ".join([phrase_norm] * 2)):
                continue
            start, end = tokens[i].start, tokens[end_index].end
            if allow_quoted and text[start - 1 : start] in OPENING_QUOTES and text[end : end + 1] in CLOSING_QUOTES:
                next_free = end_index + 1
                continue
            keep = text[start : tokens[i + size - 1].end]
            yield Match(
                start,
                end,
                {"phrase": keep, "count": count, "suggestion": keep},
                fixes=(Fix(start, end, keep, safe),),
            )
            next_free = end_index + 1

    return check


def _starts(norms, max_words, mirrored_min, consecutive, mirrored):
    """Token indexes where a repeat could start: a word equal to the one `size` places on
    (`P P`), or to the one just after an `and` (`P and P`). Most stories have a handful."""
    starts = set()
    positions = range(len(norms))
    # compress/map keep these scans over every token in C: they run on every story.
    if consecutive:
        for size in range(1, max_words + 1):
            starts.update(compress(positions, map(eq, norms, norms[size:])))
    if mirrored:
        for j in compress(positions, map(eq, norms, repeat("and"))):
            for size in range(mirrored_min, max_words + 1):
                if j - size >= 0 and j + 1 < len(norms) and norms[j - size] == norms[j + 1]:
                    starts.add(j - size)
    return sorted(starts)


def _consecutive(i, norms, max_words, run_is_glued):
    """Longest-covering `P P [P ...]` starting at token i: (phrase size, last token index, count)."""
    best = None
    for size in range(1, max_words + 1):
        count = 1
        while (
            i + (count + 1) * size <= len(norms)
            and norms[i + count * size : i + (count + 1) * size] == norms[i : i + size]
            and run_is_glued(i, i + (count + 1) * size - 1)
        ):
            count += 1
        if count > 1:
            end_index = i + count * size - 1
            if best is None or end_index > best[1]:
                best = (size, end_index, count)
    return best


def _mirrored(i, norms, max_words, min_words, run_is_glued):
    """`P and P` starting at token i."""
    for size in range(max_words, min_words - 1, -1):
        j = i + size
        if j + 1 + size <= len(norms) and norms[j] == "and" and norms[i:j] == norms[j + 1 : j + 1 + size]:
            if run_is_glued(i, j + size):
                return size, j + size, 2
    return None
