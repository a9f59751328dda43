"""Rules that are off by default (`enabled: false`): loaded, listed and explained, run only when turned on.

A select names such a rule by its full id (a group prefix keeps meaning the
group's default rules); --enable / the config's `enable` turns it on by id
or prefix without narrowing the rest.
"""

from __future__ import annotations

import json

from checker.api import Checker, Options
from checker.rules import default_rules_dir, load_rules

from tests.cli_support import checker

RULES = """\
description: One rule on, one off.
rules:
  - id: optin.tag
    kind: pattern
    severity: warning
    issue_type: markup
    message: "tag '{match}'"
    description: A stray tag.
    patterns: ['</?b>']
    examples:
      flag: ["a «<b>» b"]
      pass: ["a b"]
  - id: optin.comma
    kind: pattern
    enabled: false
    severity: error
    issue_type: typographical
    message: "full-width comma"
    description: A Chinese comma (off by default).
    patterns: ['，']
    examples:
      flag: ["a«，»b"]
      pass: ["a, b"]
"""
TEXT = "The <b>hall</b> was full，and loud.\n"


def _ids(tmp_path, *args, config: str | None = None) -> list[str]:
    (tmp_path / "r.yaml").write_text(RULES, "utf-8")
    (tmp_path / "s.txt").write_text(TEXT, "utf-8")
    if config is not None:
        (tmp_path / "c.yaml").write_text(config, "utf-8")
        args = ("--config", str(tmp_path / "c.yaml"), *args)
    p = checker("lint", "--format", "json", "--rules", tmp_path / "r.yaml", *args, tmp_path / "s.txt", text=True)
    assert p.returncode in (0, 1), p.stderr
    return sorted({f["rule"] for f in json.loads(p.stdout)["files"][0]["findings"]} & {"optin.tag", "optin.comma"})


def test_an_off_rule_does_not_run_by_default(tmp_path):
    assert _ids(tmp_path) == ["optin.tag"]


def test_selecting_its_id_runs_it_a_prefix_does_not(tmp_path):
    assert _ids(tmp_path, "--select", "optin.comma") == ["optin.comma"]
    assert _ids(tmp_path, "--select", "optin") == ["optin.tag"]
    assert _ids(tmp_path, "--select", "optin,optin.comma") == ["optin.comma", "optin.tag"]


def test_enable_turns_it_on_by_id_or_prefix_and_keeps_the_rest(tmp_path):
    assert _ids(tmp_path, "--enable", "optin.comma") == ["optin.comma", "optin.tag"]
    assert _ids(tmp_path, "--enable", "optin") == ["optin.comma", "optin.tag"]
    assert _ids(tmp_path, "--enable", "optin", "--ignore", "optin.comma") == ["optin.tag"]


def test_the_configs_select_and_enable_turn_it_on(tmp_path):
    assert _ids(tmp_path, config="select: [optin.comma]\n") == ["optin.comma"]
    assert _ids(tmp_path, config="enable: [optin]\n") == ["optin.comma", "optin.tag"]


def test_enabling_a_missing_rule_is_a_usage_error(tmp_path):
    (tmp_path / "s.txt").write_text(TEXT, "utf-8")
    p = checker("lint", "--enable", "optin.comas", tmp_path / "s.txt", text=True)
    assert p.returncode == 2
    assert "--enable: 'optin.comas' matches no rule" in p.stderr


def test_rules_list_and_explain_show_it_off(tmp_path):
    (tmp_path / "r.yaml").write_text(RULES, "utf-8")
    listed = json.loads(checker("rules", "list", "--format", "json", "--rules", tmp_path / "r.yaml", text=True).stdout)
    state = {r["id"]: r["enabled"] for r in listed if r["id"].startswith("optin.")}
    assert state == {"optin.tag": True, "optin.comma": False}
    text = checker("rules", "list", "--rules", tmp_path / "r.yaml", text=True).stdout
    assert [line.split()[1] for line in text.splitlines() if line.startswith("optin.comma")] == ["off"]
    text = checker("rules", "list", "--rules", tmp_path / "r.yaml", "--enable", "optin.comma", text=True).stdout
    assert [line.split()[1] for line in text.splitlines() if line.startswith("optin.comma")] == ["error"]
    p = checker("explain", "optin.comma", "--rules", tmp_path / "r.yaml", text=True)
    assert p.returncode == 0 and "Off by default" in p.stdout and "--enable optin.comma" in p.stdout
    assert "Off by default" not in checker("explain", "optin.tag", "--rules", tmp_path / "r.yaml", text=True).stdout


def test_enabled_must_be_a_boolean(tmp_path):
    (tmp_path / "r.yaml").write_text(RULES.replace("enabled: false", "enabled: sometimes"), "utf-8")
    _, problems = load_rules([tmp_path / "r.yaml"])
    assert [p.rule_id for p in problems] == ["optin.comma"]
    assert "enabled" in problems[0].message and "boolean" in problems[0].message


def test_the_shipped_name_missing_rule_is_off_yet_its_examples_are_tested():
    loaded, _ = load_rules([default_rules_dir()])
    assert any(r.id == "bilingual.name-missing" and not r.enabled for r in loaded)  # so test_rule_examples runs it
    default = Checker(Options(discover_config=False))
    assert default.ruleset.get("bilingual.name-missing") is None
    assert "bilingual.number-missing" in {r.id for r in default.rules}
    chosen = Checker(Options(discover_config=False, enable=("bilingual.name-missing",)))
    assert chosen.ruleset.get("bilingual.name-missing") is not None
    source = "刘志杰首先发言。\n会议中午开始。\n领事刘志杰表示，计划奏效。\n刘志杰随后离开。"
    text = "Liu Zhijie spoke first.\nThe meeting began at noon.\nThe consul said the plan worked.\nLiu Zhijie left."
    assert not [f for f in default.check_text(text, "s.txt", source=source).findings if f.rule_id == "bilingual.name-missing"]
    assert [f.rule_id for f in chosen.check_text(text, "s.txt", source=source).findings
            if f.rule_id == "bilingual.name-missing"] == ["bilingual.name-missing"]


def test_fix_and_eval_take_enable_as_lint_does(tmp_path):
    """`fix` applies an off rule's fixes, and `eval` scores its findings, only when it is turned on."""
    (tmp_path / "r.yaml").write_text(RULES.replace("    patterns: ['，']\n", "    patterns: ['，']\n    replacement: ', '\n"
                                                   "    fix_safe: true\n"), "utf-8")
    story = tmp_path / "s.txt"
    for enable, comma_left in (((), True), (("--enable", "optin.comma"), False)):
        story.write_text(TEXT, "utf-8")
        p = checker("fix", "--rules", tmp_path / "r.yaml", "--select", "optin", *enable, story, text=True)  # (typo.* fixes commas too)
        assert p.returncode == 0, p.stderr
        assert ("，" in story.read_text("utf-8")) is comma_left, (enable, story.read_text("utf-8"))
    assert "full, and loud" in story.read_text("utf-8")

    annotated = tmp_path / "set"
    annotated.mkdir()
    (annotated / "s.txt").write_text(TEXT, "utf-8")
    (annotated / "s.expect.yaml").write_text('must_flag:\n  - {kind: pattern, quote: "，"}\n', "utf-8")
    for enable, found in (((), 0), (("--enable", "optin.comma"), 1)):
        p = checker("eval", "--json", "--rules", tmp_path / "r.yaml", "--select", "optin", *enable, annotated, text=True)
        assert p.returncode == 0, p.stderr
        kinds = json.loads(p.stdout)[0]["kinds"]["pattern"]
        assert (kinds["tp"], kinds["fn"]) == (found, 1 - found), (enable, kinds)
