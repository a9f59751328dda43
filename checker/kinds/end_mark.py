"""`end-mark`: the mark that closes a story.

Wire stories close with one house mark, `(End)` by default. Machine
translation renders the source's mark literally (`(over)`, `(Finish)`, a
stray `完`), stories get pasted together with two different marks, and
editors' notes or captions trail after the mark. A mark counts only where it
ends a paragraph, so `(over)` inside a sentence is left alone, and at most
MARK_WINDOW characters long (with the spaces after it).

`check` picks what a rule reports:
- `mark`: a literal or mistranslated mark, with the house mark as the fix;
- `mixed`: a second, different end mark in one story (related: the first);
- `after`: copy that follows the first end mark.
"""

from __future__ import annotations

import weakref

import regex

from checker.finding import Fix, Match
from checker.kinds.base import compile_regex

PARAMS = {
    "check": {"enum": ["mark", "mixed", "after"]},
    "house_mark": {"type": "string", "minLength": 1, "description": "the mark the house uses, e.g. (End) or (ENDS)"},
    "accepted": {
        "type": "array",
        "items": {"type": "string"},
        "description": "literal marks that are correct as they stand (the house mark is always accepted)",
    },
    "mistranslated": {
        "type": "array",
        "items": {"type": "string"},
        "minItems": 1,
        "description": "regexes (case-insensitive) for literal or mistranslated end marks",
    },
}
REQUIRED = ("check", "mistranslated")
PLACEHOLDERS = {"suggestion", "other"}
MARK_WINDOW = 64  # characters; an end mark, with the spaces around it, is never longer
# The last story's marks, by the regex that found them: the three shipped rules of this kind look for the same
# marks with one regex, a search per paragraph (each rule-file regex call costs ~3 us of time-budget set-up
# alone). A weak reference: the cache never keeps a story alive.
_last: tuple[weakref.ref, str, list[tuple[int, int, bool]]] | None = None


def build(params, context):
    house = params.get("house_mark", "(End)")
    accepted = {house, *params.get("accepted", [])}
    wrong = "|".join(f"(?:{p})" for p in params["mistranslated"])
    # longest first, ties in a fixed order: the same pattern text in every process (see title_case)
    right = "|".join(regex.escape(a) for a in sorted(accepted, key=lambda a: (-len(a), a)))
    compile_regex(wrong, "mistranslated")
    tail = compile_regex(rf"(?:(?P<wrong>(?i:{wrong}))|(?P<right>{right}))[ \t\u3000]*$", "mistranslated")
    check = params["check"]

    def marks(doc) -> list[tuple[int, int, bool]]:
        """(start, end, mistranslated?) for every end mark that closes a paragraph."""
        global _last
        last = _last  # read once: a server's threads check other stories at the same time
        if last is not None and last[0]() is doc and last[1] == tail.pattern:
            return last[2]  # the rule before (`mark`, `mixed` and `after` look for the same marks) found them
        out = []
        for para in doc.paragraphs:
            # A mark is short: look only at the paragraph's last MARK_WINDOW characters.
            m = tail.search(doc.text, max(para.body_start, para.end - MARK_WINDOW), para.end)
            if m:
                group = "wrong" if m.group("wrong") is not None else "right"
                out.append((m.start(group), m.end(group), group == "wrong"))
        _last = (weakref.ref(doc), tail.pattern, out)
        return out

    def run(doc):
        found = list(marks(doc))
        if check == "mark":
            for start, end, is_wrong in found:
                if is_wrong:
                    yield Match(start, end, {"suggestion": house}, fixes=(Fix(start, end, house),))
        elif check == "mixed":
            if found:
                first = found[0]
                first_text = doc.text[first[0] : first[1]]
                for start, end, _ in found[1:]:
                    if doc.text[start:end] != first_text:
                        yield Match(start, end, {"other": first_text}, related=((first[0], first[1], "first end mark"),))
        elif found:
            start = end = None
            for para in doc.paragraphs:
                if para.start <= found[0][1]:
                    continue
                if any(para.body_start <= s and e <= para.end and doc.text[para.body_start:s].strip() == "" for s, e, _ in found):
                    continue  # a paragraph that is only another end mark: `mixed` reports that
                start = para.body_start if start is None else start
                end = para.end
            if start is not None:
                mark = found[0]
                yield Match(start, end, {"other": doc.text[mark[0] : mark[1]]}, related=((mark[0], mark[1], "end mark"),))

    return run
