"""`title-case`: a title after a name capitalised in one place and lower-cased in another.

`Wu Yingjie, secretary of the Party Committee` beside `Hao Peng, Secretary
of the Party Committee` reads as careless. Only a title directly after a
personal name and a comma, and followed by `of`, is looked at: that is where
house styles disagree and where translated copy wavers. A title at the start
of a sentence is not in that position, so sentence case never misleads.
The "name" must start its phrase: capitalised words that end a longer
capitalised run or follow `of`/`the` are an organisation (`President of the
Beijing Film Academy, Director of the Festival Liu Yun`), and the title after
them is a title BEFORE a name, capitalised in every house style.

`style` sets what is right: `majority` (the story's own majority per title;
a tie goes to the form used first), `lower` or `capitalized` (the house
rule: every other form is flagged, even without a mix).
"""

from __future__ import annotations

import regex

from checker.finding import Fix, Match
from checker.patterns import compiled

PARAMS = {
    "titles": {
        "type": "array",
        "items": {"type": "string"},
        "minItems": 1,
        "description": "titles in lower case, e.g. `secretary`, `deputy director`",
    },
    "style": {"enum": ["majority", "lower", "capitalized"]},
    "max_related": {"type": "integer", "minimum": 1},
}
REQUIRED = ("titles",)
PLACEHOLDERS = {"form", "other", "suggestion"}

NAME = (r"(?<![\p{L}\p{M}'’-])(?<!\p{Lu}[\p{L}\p{M}'’.-]* )(?<!\b(?i:of|the|and|for) )"
        r"\p{Lu}[\p{Ll}\p{M}'’-]+(?: \p{Lu}[\p{Ll}\p{M}'’-]+){1,3}")


def build(params, context):
    style = params.get("style", "majority")
    max_related = params.get("max_related", 3)
    # Longest first; ties in a fixed order, so the pattern is the same text in every process (its compiled
    # form is kept in the rule pack's cache entry under that text; which of two titles of one length comes
    # first cannot change a match).
    titles = sorted({" ".join(t.casefold().split()) for t in params["titles"]}, key=lambda t: (-len(t), t))
    alternatives = "|".join(r"\ ".join(regex.escape(w) for w in t.split()) for t in titles)
    # The name is a lookbehind so the scan starts at ", " (a literal the regex module finds fast).
    pattern = compiled(rf"(?<={NAME}), (?P<title>(?i:{alternatives})) of\b")

    def run(doc):
        by_title: dict[str, list[tuple[int, int, bool]]] = {}
        for m in pattern.finditer(doc.text):
            title = m.group("title")
            if title.casefold() != title and title != _capitalize(title):
                continue  # mixed or all-caps forms are another problem
            by_title.setdefault(title.casefold(), []).append((*m.span("title"), title != title.casefold()))
        for title, uses in by_title.items():
            capped = [u for u in uses if u[2]]
            lower = [u for u in uses if not u[2]]
            if style == "lower":
                wrong, right = capped, lower
            elif style == "capitalized":
                wrong, right = lower, capped
            elif not capped or not lower:
                continue
            elif len(capped) > len(lower) or (len(capped) == len(lower) and uses[0][2]):
                wrong, right = lower, capped
            else:
                wrong, right = capped, lower
            want_capped = wrong is lower
            form = _capitalize(title) if want_capped else title
            related = tuple((s, e, "other use") for s, e, _ in right[:max_related])
            for s, e, _ in wrong:
                found = doc.text[s:e]
                yield Match(s, e, {"form": found, "other": form, "suggestion": form}, related=related,
                            fixes=(Fix(s, e, form, safe=False),))  # not safe: capitalising one title word of a
                # long title (`secretary of the Party Committee and Director of`) can leave the next one wrong

    return run


def _capitalize(title: str) -> str:
    return " ".join(w[:1].upper() + w[1:] for w in title.split())
