"""`paragraph-indent`: some paragraphs indented and others not.

Copy pasted from a Chinese layout keeps the source's leading spaces (often
two ASCII or full-width spaces) on some paragraphs. The story's own majority
is the style: when fewer paragraphs are indented, each indentation is
flagged with a fix that removes it; when fewer are flush, the start of each
flush paragraph is flagged. A tie counts against indentation.
"""

from __future__ import annotations

from checker.finding import Fix, Match

PARAMS = {
    "max_related": {"type": "integer", "minimum": 1},
}
REQUIRED = ()
PLACEHOLDERS = {"count", "other_count"}


def build(params, context):
    max_related = params.get("max_related", 3)

    def run(doc):
        indented = [p for p in doc.paragraphs if p.body_start > p.start]
        flush = [p for p in doc.paragraphs if p.body_start == p.start]
        if not indented or not flush:
            return
        values = {"count": len(indented), "other_count": len(flush)}
        if len(indented) <= len(flush):
            # a flush paragraph is a place, not a mention of anything: point at its start, underline no word
            related = tuple((p.start, p.start, "not indented") for p in flush[:max_related])
            for p in indented:
                yield Match(p.start, p.body_start, values, related=related, fixes=(Fix(p.start, p.body_start, ""),))
        else:
            values = {"count": len(flush), "other_count": len(indented)}
            related = tuple((p.start, p.body_start, "indented") for p in indented[:max_related])
            for p in flush:
                yield Match(p.start, _first_word_end(doc, p), values, related=related)

    return run


def _first_word_end(doc, para) -> int:
    words = doc.tokens_between(para.body_start, para.end)
    return words[0].end if words else para.end
