"""`phrases`: a short list of phrases, each with its own reason and suggestion.

For wording that is not wrong but that a house would rather rewrite, such as
the literal renderings Chinese->English translation leaves behind (`the
masses`, `carry out ... work`). Each entry says why, so the editor sees the
reason with the finding and the list stays honest and short.
"""

from __future__ import annotations

import regex

from checker.finding import Match
from checker.kinds.base import compile_regex
from checker.literals import Later

PARAMS = {
    "entries": {
        "type": "array",
        "minItems": 1,
        "items": {
            "type": "object",
            "required": ["pattern", "reason"],
            "additionalProperties": False,
            "properties": {
                "pattern": {"type": "string", "description": "regex (case-insensitive); a named group `flag` narrows the span"},
                "reason": {"type": "string", "minLength": 1},
                "suggestion": {"type": "string"},
            },
        },
    },
}
REQUIRED = ("entries",)
PLACEHOLDERS = {"reason", "suggestion"}


def build(params, context):
    entries = [
        (compile_regex(e["pattern"], "entries", regex.IGNORECASE), e["reason"], e.get("suggestion", ""),
         Later(e["pattern"], regex.IGNORECASE))  # what a story holds if the entry can match in it
        for e in params["entries"]
    ]

    def run(doc):
        for pattern, reason, suggestion, need in entries:
            if not need.met(doc):
                continue
            for m in pattern.finditer(doc.text):
                group = "flag" if "flag" in pattern.groupindex and m.start("flag") >= 0 else 0
                if m.end(group) > m.start(group):
                    yield Match(*m.span(group), {"reason": reason, "suggestion": suggestion})

    run.literal_filters = [(e[0], e[3]) for e in entries]  # for tests/test_literals.py
    return run
