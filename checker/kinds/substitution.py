"""`substitution`: a map of wrong -> preferred forms, each match offered the fix.

All entries compile into one alternation (longest first) so a story is
scanned once however long the list is.
"""

from __future__ import annotations

from checker.finding import Fix, Match
from checker.kinds.base import case_flags, compile_regex
from checker.literals import Needs

import regex

PARAMS = {
    "swap": {
        "type": "object",
        "minProperties": 1,
        "additionalProperties": {"type": "string"},
        "description": "literal wrong form -> preferred form",
    },
    "ignore_case": {"type": "boolean"},
    "whole_words": {"type": "boolean", "description": "match only at word boundaries (default true)"},
    "fix_safe": {"type": "boolean"},
    "space_after": {
        "type": "array",
        "items": {"type": "string"},
        "description": "preferred forms that need a space after them when a word follows (`，` -> `, `)",
    },
    "space_before": {
        "type": "array",
        "items": {"type": "string"},
        "description": "preferred forms that need a space before them when a word precedes (`（` -> ` (`)",
    },
}
REQUIRED = ("swap",)
PLACEHOLDERS = {"suggestion"}


def build(params, context):
    ignore_case = params.get("ignore_case", False)
    whole = params.get("whole_words", True)
    safe = params.get("fix_safe", False)
    swap = params["swap"]
    lookup = {(k.casefold() if ignore_case else k): v for k, v in swap.items()}
    alternatives = "|".join(regex.escape(k) for k in sorted(swap, key=len, reverse=True))
    if whole:
        alternatives = rf"(?<![\w-])(?:{alternatives})(?![\w-])"
    pattern = compile_regex(alternatives, "swap", case_flags(ignore_case))

    space_after = frozenset(params.get("space_after", []))
    space_before = frozenset(params.get("space_before", []))

    # A match holds one of the wrong forms: a story holding none is not scanned (plain substring tests in C,
    # where the scan is a rule-file regex call). Case-insensitive, only for ASCII forms, looked for as
    # checker.literals looks for a regex's strings: other forms are always scanned.
    need = None
    if swap and not ignore_case:
        need = Needs((tuple(swap),), folded=False)
    elif swap and all(k.isascii() for k in swap):
        need = Needs((tuple(k.casefold() for k in swap),), folded=True)

    def check(doc):
        text = doc.text
        if need is not None and not need.met(doc):
            return
        for m in pattern.finditer(text):
            found = m.group()
            preferred = lookup[found.casefold() if ignore_case else found]
            if ignore_case and found[:1].isupper() and preferred[:1].islower():
                preferred = preferred[:1].upper() + preferred[1:]
            # Full-width marks carry their own spacing; their ASCII forms need a real space.
            replacement = preferred
            if preferred in space_after and text[m.end() : m.end() + 1].isalnum():
                replacement += " "
            if preferred in space_before and text[m.start() - 1 : m.start()].isalnum():
                replacement = " " + replacement
            yield Match(m.start(), m.end(), {"suggestion": preferred}, fixes=(Fix(m.start(), m.end(), replacement, safe),))

    return check
