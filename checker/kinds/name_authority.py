"""`name-authority`: the house's canonical spellings of names, from a YAML or CSV file.

A story that uses a listed variant is flagged even when it uses it
consistently: the desk has chosen. Entries come from the rule (`entries`)
and from a house file (`file`, set by `--names FILE` or `names:` in the
config). YAML: a list of `{name: Xigaze, variants: [Shigatse, Rikaze]}`;
CSV: one line per name, `canonical,variant,variant...`. Matching and fixes
are the substitution kind's.

A variant inside an official proper name is that body's own spelling and is
kept (`University of Macau`, `Peking University` in a story that writes Macao
and Beijing): with `official_heads`, a variant in a capitalised name that holds
one of those words (University, Airport, ...) is not flagged.
"""

from __future__ import annotations

import bisect
from pathlib import Path

from checker import yamlio
from checker.kinds import substitution
from checker.kinds.base import RuleError

ENTRY = {
    "type": "object",
    "required": ["name", "variants"],
    "additionalProperties": False,
    "properties": {"name": {"type": "string"}, "variants": {"type": "array", "items": {"type": "string"}}},
}
PARAMS = {
    "entries": {"type": "array", "items": ENTRY},
    "file": {"type": ["string", "null"], "description": "house authority file (YAML or CSV)"},
    "fix_safe": {"type": "boolean"},
    "official_heads": {
        "type": "array",
        "items": {"type": "string"},
        "description": "words that make a capitalised run an official name whose spelling is its own (University, Airport)",
    },
}
# Lower-case words that may sit inside an official name: `University of Macau`, `Bank of the East`.
NAME_JOINERS = frozenset({"of", "the", "and", "for", "de", "&"})
REQUIRED = ()
PLACEHOLDERS = {"suggestion"}


def read_authority(path: Path) -> list[dict]:
    """Entries of a house authority file; RuleError (naming the file) when it cannot be used."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise RuleError(f"cannot read name authority {path}: {exc.strerror or exc}", "file") from None
    if path.suffix.lower() == ".csv":
        import csv

        rows = [r for r in csv.reader(text.splitlines()) if r and not r[0].startswith("#")]
        return [{"name": r[0].strip(), "variants": [v.strip() for v in r[1:] if v.strip()]} for r in rows]
    try:
        data = yamlio.load(text) or []
    except yamlio.YAMLError as exc:
        raise RuleError(f"name authority {path} is not valid YAML: {exc}", "file") from None
    if not isinstance(data, list) or not all(isinstance(e, dict) and "name" in e for e in data):
        raise RuleError(f"name authority {path}: expected a list of {{name, variants}}", "file")
    return [{"name": str(e["name"]), "variants": [str(v) for v in e.get("variants") or []]} for e in data]


def build(params, context):
    entries = list(params.get("entries", []))
    if params.get("file"):
        entries += read_authority(context.base_dir / params["file"])
    swap = {variant: e["name"] for e in entries for variant in e["variants"] if variant != e["name"]}
    if not swap:
        return lambda doc: iter(())
    check = substitution.build({"swap": swap, "fix_safe": params.get("fix_safe", False)}, context)
    heads = frozenset(params.get("official_heads", []))
    if not heads:
        return check
    return lambda doc: (m for m in check(doc) if not _in_official_name(doc, m.start, m.end, heads))


def _in_official_name(doc, start: int, end: int, heads: frozenset[str]) -> bool:
    """Whether text[start:end] lies in a capitalised name on one line that holds one of `heads`."""
    tokens, glued = doc.tokens, doc.glued
    lo = bisect.bisect_left(doc.token_starts, start)
    hi = lo
    while hi + 1 < len(tokens) and tokens[hi].end < end:
        hi += 1

    def part(k: int) -> bool:
        word = tokens[k].text
        return word[:1].isupper() or word in NAME_JOINERS

    words = []
    k = lo
    while k > 0 and glued[k - 1] and part(k - 1):
        k -= 1
        words.append(tokens[k].text)
    k = hi
    while k + 1 < len(tokens) and glued[k] and part(k + 1):
        k += 1
        words.append(tokens[k].text)
    return any(w.rstrip("'’s") in heads or w in heads for w in words)
