"""`variants`: forms that must not be mixed within one story.

Each group lists forms (a literal word or phrase, or a regex). When a story
uses more than one form of a group, every mention of a minority form is
flagged and pointed at the majority form: the story has already chosen.
Ties go to the form used first.
"""

from __future__ import annotations

import regex

from checker.finding import Fix, Match
from checker.kinds.base import case_flags, compile_regex
from checker.literals import Later

FORM = {
    "oneOf": [
        {"type": "string"},
        {
            "type": "object",
            "required": ["name", "pattern"],
            "additionalProperties": False,
            "properties": {"name": {"type": "string"}, "pattern": {"type": "string"}},
        },
    ]
}
PARAMS = {
    "groups": {
        "type": "array",
        "minItems": 1,
        "items": {"type": "array", "minItems": 2, "items": FORM},
        "description": "each group: forms a story must not mix; a string is a literal, {name, pattern} a regex",
    },
    "ignore_case": {"type": "boolean"},
    "max_related": {"type": "integer", "minimum": 1},
    "fix_safe": {"type": "boolean", "description": "offer replacing a literal minority form with the majority form"},
    "prefer": {
        "type": "string",
        "description": "the house's form (a form's text or name): when set, every other form is flagged, used alone or not",
    },
}
REQUIRED = ("groups",)
PLACEHOLDERS = {"form", "other", "suggestion", "count", "other_count"}


def build(params, context):
    flags = case_flags(params.get("ignore_case", False))
    max_related = params.get("max_related", 3)
    safe = params.get("fix_safe", False)
    prefer = params.get("prefer")
    groups = []
    for group in params["groups"]:
        forms = []
        for form in group:
            if isinstance(form, str):
                pattern = rf"(?<![\w-]){regex.escape(form)}(?![\w-])" if form[:1].isalnum() else regex.escape(form)
                forms.append((form, compile_regex(pattern, "groups", flags), True, Later(pattern, flags)))
            else:
                forms.append((form["name"], compile_regex(form["pattern"], "groups", flags), False,
                              Later(form["pattern"], flags)))  # what a story holds if the form can occur in it
        groups.append(forms)

    mixes_only = [not (prefer and any(f[0] == prefer for f in forms)) for forms in groups]

    def check(doc):
        for forms, mix_only in zip(groups, mixes_only):
            if mix_only:
                # Without a house form in the group, only a mix of two forms is reported: one search a form tells
                # which occur (once the forms left cannot make a mix, they are not looked for), and only a mix
                # is gone through match by match (each step of a rule-file regex is timed: ~1 us a match).
                present = []
                for n, form in enumerate(forms):
                    if len(present) + len(forms) - n < 2:
                        break
                    if form[3].met(doc) and _occurs(form[1], doc.text):
                        present.append(form)
                if len(present) < 2:
                    continue
                used = [(name, literal, _spans(pattern, doc.text)) for name, pattern, literal, _ in present]
            else:
                used = []  # (name, literal, spans) for forms that occur
                for name, pattern, literal, need in forms:
                    if need.met(doc) and (spans := _spans(pattern, doc.text)):
                        used.append((name, literal, spans))
            preferred = [u for u in used if u[0] == prefer]
            if len(used) < 2 and not (prefer and used and not preferred and any(f[0] == prefer for f in forms)):
                continue
            if prefer and any(f[0] == prefer for f in forms):
                house = next(f for f in forms if f[0] == prefer)
                majority = preferred[0] if preferred else (house[0], house[2], [])
            else:
                majority = max(used, key=lambda u: (len(u[2]), -u[2][0][0]))
            name, literal, spans = majority
            related = tuple((s, e, name) for s, e in spans[:max_related])
            for other, other_literal, other_spans in used:
                if other == name:
                    continue
                for s, e in other_spans:
                    fixes = (Fix(s, e, name, safe),) if literal and other_literal else ()
                    yield Match(
                        s,
                        e,
                        {
                            "form": other,
                            "other": name,
                            "suggestion": name,
                            "count": len(other_spans),
                            "other_count": len(spans),
                        },
                        related=related,
                        fixes=fixes,
                    )

    check.literal_filters = [(f[1], f[3]) for forms in groups for f in forms]  # for tests/test_literals.py
    return check


def _spans(pattern, text: str) -> list[tuple[int, int]]:
    """Where a form occurs (an empty match is no use of it)."""
    return [m.span() for m in pattern.finditer(text) if m.end() > m.start()]


def _occurs(pattern, text: str) -> bool:
    """Whether _spans would find anything, by one search (the rare empty match: by _spans)."""
    m = pattern.search(text)
    return m is not None and (m.end() > m.start() or bool(_spans(pattern, text)))
