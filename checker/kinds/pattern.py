"""`pattern`: flag every match of one or more regexes.

A named group `flag` narrows the finding to part of the match, so a pattern
can require context it does not flag. A `replacement` (with `\\1` or
`\\g<name>` references to the match's groups) replaces the flagged text
and becomes the suggestion and the fix.
"""

from __future__ import annotations

from checker.finding import Fix, Match
from checker.kinds.base import RuleError, case_flags, compile_regex
from checker.literals import Later

import regex

PARAMS = {
    "patterns": {"type": "array", "items": {"type": "string"}, "minItems": 1},
    "ignore_case": {"type": "boolean"},
    "exceptions": {
        "type": "array",
        "items": {"type": "string"},
        "description": "regexes; a match whose flagged text fully matches one is skipped",
    },
    "replacement": {"type": "string"},
    "fix_safe": {"type": "boolean", "description": "checker fix may apply the replacement unattended"},
    "skip_tables": {"type": "boolean", "description": "ignore matches on table rows (Document.table_lines): aligned columns"},
}
REQUIRED = ("patterns",)
PLACEHOLDERS = {"suggestion"}


def build(params, context):
    flags = case_flags(params.get("ignore_case", False)) | regex.MULTILINE
    patterns = [compile_regex(p, "patterns", flags) for p in params["patterns"]]
    wanted = [Later(p, flags) for p in params["patterns"]]  # what a story holds if a pattern can match in it
    exceptions = [compile_regex(p, "exceptions", flags) for p in params.get("exceptions", [])]
    replacement = params.get("replacement")
    safe = params.get("fix_safe", False)
    skip_tables = params.get("skip_tables", False)
    if replacement is not None:
        for p in patterns:
            try:
                p.sub(replacement, "")
            except (regex.error, IndexError) as exc:
                raise RuleError(f"bad replacement {replacement!r}: {exc}", "replacement") from None

    def check(doc):
        for pattern, need in zip(patterns, wanted):
            if not need.met(doc):
                continue
            for m in pattern.finditer(doc.text):
                group = "flag" if "flag" in pattern.groupindex and m.start("flag") >= 0 else 0
                start, end = m.span(group)
                if start == end or any(e.fullmatch(m.group(group)) for e in exceptions):
                    continue
                if skip_tables and doc.in_table(start):
                    continue
                if replacement is None:
                    yield Match(start, end)
                    continue
                suggestion = m.expand(replacement)
                yield Match(start, end, {"suggestion": suggestion}, fixes=(Fix(start, end, suggestion, safe),))

    check.literal_filters = list(zip(patterns, wanted))  # for tests/test_literals.py
    return check
