"""`name-authority`: the house's canonical spellings of names, from a YAML or CSV file.

A story that uses a listed variant is flagged even when it uses it
consistently: the desk has chosen. Entries come from the rule (`entries`)
and from a house file (`file`, set by `--names FILE` or `names:` in the
config). YAML: a list of `{name: Xigaze, variants: [Shigatse, Rikaze]}`;
CSV: one line per name, `canonical,variant,variant...`. Matching and fixes
are the substitution kind's.
"""

from __future__ import annotations

import csv
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
}
REQUIRED = ()
PLACEHOLDERS = {"suggestion"}


def read_authority(path: Path) -> list[dict]:
    """Entries of a house authority file; RuleError (naming the file) when it cannot be used."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise RuleError(f"cannot read name authority {path}: {exc.strerror or exc}", "file") from None
    if path.suffix.lower() == ".csv":
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
    return substitution.build({"swap": swap, "fix_safe": params.get("fix_safe", False)}, context)
