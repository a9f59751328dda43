"""Project configuration: `checker.yaml` (or `.checker.yaml`) or `[tool.checker]` in pyproject.toml.

Found by walking up from the current directory; `--config FILE` overrides.
Unknown keys are errors, as in rule files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from checker import yamlio
from checker.finding import Severity
from checker.results import THRESHOLDS
CONFIG_NAMES = ("checker.yaml", ".checker.yaml", "pyproject.toml")

SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "select": {"type": "array", "items": {"type": "string"}},
        "ignore": {"type": "array", "items": {"type": "string"}},
        "enable": {"type": "array", "items": {"type": "string"},
                   "description": "rules that are off by default (enabled: false) to run too: ids or prefixes"},
        "rules": {"type": "array", "items": {"type": "string"}, "description": "extra rule files or folders"},
        "default_rules": {"type": "boolean", "description": "load the shipped rule packs (default true)"},
        "severity": {
            "type": "object",
            "additionalProperties": {"enum": [str(s) for s in sorted(Severity, reverse=True)]},
            "description": "rule id or prefix -> severity",
        },
        "options": {
            "type": "object",
            "additionalProperties": {"type": "object"},
            "description": "rule id -> parameters that override the rule file's",
        },
        "fail_on": {"enum": list(THRESHOLDS)},
        "names": {"type": "string", "description": "house name authority file"},
        "max_bytes": {"type": "integer", "minimum": 1, "description": "largest story to check, in bytes"},
        "regex_budget": {"type": "number", "minimum": 0, "description": "seconds of rule-file regex matching per MB of story, at least this per story (0: no limit)"},
        "glossary": {"type": "string", "description": "house glossary zh -> en (CSV or TBX) for bilingual.glossary"},
        "source_patterns": {
            "type": "array",
            "items": {"type": "string"},
            "description": "where a story's Chinese original lies, relative to its folder: {stem}.zh.txt (default), zh/{name}; [] turns pairing off",
        },
        "accept": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["rule", "text"],
                "additionalProperties": False,
                "properties": {"rule": {"type": "string"}, "text": {"type": "string"}, "path": {"type": "string"}},
            },
            "description": "accepted findings: {rule, text[, path]}",
        },
    },
}


class ConfigError(Exception):
    pass


@dataclass
class Config:
    path: Path | None = None
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    enable: list[str] = field(default_factory=list)
    rules: list[Path] = field(default_factory=list)
    default_rules: bool = True
    severity: dict[str, str] = field(default_factory=dict)
    options: dict[str, dict] = field(default_factory=dict)
    fail_on: str | None = None
    names: Path | None = None
    source_patterns: list[str] | None = None
    glossary: Path | None = None
    accept: list[dict] = field(default_factory=list)
    max_bytes: int | None = None
    regex_budget: float | None = None


def find_config(start: Path) -> Path | None:
    for folder in [start, *start.parents]:
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file() and (name != "pyproject.toml" or _has_tool_checker(candidate)):
                return candidate
    return None


def _has_tool_checker(path: Path) -> bool:
    """A pyproject.toml that cannot be parsed is an error, not "no config": its [tool.checker] may be in it."""
    try:
        text = path.read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    import tomllib  # only for a pyproject.toml: most starts read none

    try:
        return "checker" in tomllib.loads(text).get("tool", {})
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc}); fix it or give --config") from None


def load_config(path: Path | None) -> Config:
    """Read and validate a config file; paths in it are relative to its folder."""
    if path is None:
        return Config()
    import tomllib

    try:
        text = path.read_text("utf-8-sig")
        if path.name == "pyproject.toml":
            data = tomllib.loads(text).get("tool", {}).get("checker", {})
        else:
            data = yamlio.load(text) or {}
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file not found") from None
    except (OSError, UnicodeDecodeError, yamlio.YAMLError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config: {exc}") from None
    from jsonschema import Draft202012Validator

    errors = sorted(Draft202012Validator(SCHEMA).iter_errors(data), key=lambda e: list(map(str, e.path)))
    if errors:
        where = ".".join(map(str, errors[0].absolute_path))
        raise ConfigError(f"{path}: {where + ': ' if where else ''}{errors[0].message}")
    base = path.parent
    data = dict(data)
    data["rules"] = [base / p for p in data.get("rules", [])]
    if "names" in data:
        data["names"] = base / data["names"]
    if "glossary" in data:
        data["glossary"] = base / data["glossary"]
    return Config(path=path, **data)


def matches(rule_id: str, selectors: list[str]) -> bool:
    """`wire` and `wire.` select every `wire.*` rule; a full id selects one rule."""
    for sel in selectors:
        sel = sel.rstrip(".")
        if rule_id == sel or rule_id.startswith(sel + "."):
            return True
    return False


def most_specific(rule_id: str, table: dict[str, str]) -> str | None:
    """The value for the longest selector in `table` that matches `rule_id`."""
    hits = [sel for sel in table if matches(rule_id, [sel])]
    return table[max(hits, key=len)] if hits else None
