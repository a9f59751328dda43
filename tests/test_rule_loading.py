"""Rule files are decoded strictly and every problem names file, line and rule id."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from checker.rules import load_rules, rule_file_schema

GOOD = """\
rules:
  - id: house.example
    kind: pattern
    severity: warning
    issue_type: style
    message: "avoid {match}"
    description: an example
    patterns: ['\\bfoo\\b']
    examples: {flag: ["a «foo» b"], pass: ["food"]}
"""


def load(tmp_path, text, name="r.yaml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text))
    rules, problems = load_rules([path])
    return path, rules, [str(p) for p in problems]


def test_good_file_loads(tmp_path):
    _, rules, problems = load(tmp_path, GOOD)
    assert problems == [] and [r.id for r in rules] == ["house.example"]


@pytest.mark.parametrize(
    "change,line,expected",
    [
        (("patterns: ['\\bfoo\\b']", "patterns: ['(foo']"), 8, "[house.example] bad regex '(foo'"),
        (("kind: pattern", "kind: patern"), 3, "[house.example] kind: 'patern' is not one of"),
        (("    description: an example\n", "    description: an example\n    colour: red\n"), 8, "[house.example] unknown key 'colour'"),
        (('    message: "avoid {match}"\n', ""), 2, "[house.example] 'message' is a required property"),
        (("severity: warning", "severity: 3"), 4, "[house.example] severity: 3 is not one of"),
        (("patterns: ['\\bfoo\\b']", "patterns: '\\bfoo\\b'"), 8, "[house.example] patterns: "),
        (('"avoid {match}"', '"avoid {wrong}"'), 6, "[house.example] message uses {wrong}"),
    ],
    ids=["bad-regex", "unknown-kind", "unknown-key", "missing-message", "wrong-type", "wrong-type-list", "bad-placeholder"],
)
def test_problems_name_file_line_and_rule(tmp_path, change, line, expected):
    path, rules, problems = load(tmp_path, GOOD.replace(*change))
    assert rules == []
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"{path}:{line}:"), problems[0]
    assert expected in problems[0]


def test_yaml_syntax_error_has_line(tmp_path):
    path, _, problems = load(tmp_path, "rules:\n  - id: a.b\n    kind: [pattern\n")
    assert problems and problems[0].startswith(f"{path}:") and "not valid YAML/JSON" in problems[0]


def test_duplicate_ids_across_files(tmp_path):
    (tmp_path / "a.yaml").write_text(GOOD)
    (tmp_path / "b.yaml").write_text(GOOD)
    rules, problems = load_rules([tmp_path])
    assert len(rules) == 1
    assert "duplicate rule id" in str(problems[0])


def test_one_bad_file_does_not_stop_the_others(tmp_path):
    (tmp_path / "a.yaml").write_text(GOOD)
    (tmp_path / "b.yaml").write_text(GOOD.replace("house.example", "house.other").replace("\\bfoo\\b", "(x"))
    rules, problems = load_rules([tmp_path])
    assert [r.id for r in rules] == ["house.example"] and len(problems) == 1


def test_json_rule_file(tmp_path):
    data = {"rules": [{"id": "house.j", "kind": "substitution", "severity": "info", "issue_type": "style",
                       "message": "use {suggestion}", "description": "d", "swap": {"colour": "color"}}]}
    path = tmp_path / "r.json"
    path.write_text(json.dumps(data, indent=2))
    rules, problems = load_rules([path])
    assert problems == [] and rules[0].kind == "substitution"


def test_data_folders_are_not_rule_files(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "table.yaml").write_text("- just: data\n")
    (tmp_path / "a.yaml").write_text(GOOD)
    rules, problems = load_rules([tmp_path])
    assert problems == [] and len(rules) == 1


def test_schema_lists_every_kind():
    schema = rule_file_schema()
    kinds = schema["$defs"]["rule"]["properties"]["kind"]["enum"]
    assert {"pattern", "repetition", "substitution", "variants"} <= set(kinds)
