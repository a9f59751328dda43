"""What a warm start skips (issue 16) and why the report cannot tell: the rule pack's one cache entry,
its kept compiled regexes, the bilingual kinds built at the first story with an original, and
entries that follow edited rule files. Speed itself is measured in bench/startup.py, not here."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from checker.mentions import WordList

pytestmark = pytest.mark.heavy(5)  # see tests/conftest.py: started early, not left for last

ROOT = Path(__file__).resolve().parents[1]
STORY = "Shigatse, Aug. 3 (Xinhua) -- Liu Zhijie said the U.S. and US firms hired 53 engineers.\n(End)\n"
EN = "The company hired 53 engineers in 2019.\nLiu Zhijie, its head, said so.\nLater Liu Jijie said the plan worked.\n"
ZH = "该公司2019年招聘了35名工程师。\n公司负责人刘志杰这样表示。\n刘志杰随后表示，计划奏效。\n"

# Runs the CLI in a fresh process and reports what it imported and which rule-pack patterns it had
# to compile (checker.patterns.compiled calling regex.compile) instead of taking them kept.
PROBE = r"""
import contextlib, io, json, sys
import regex
compiles = []
real = regex.compile
def counting(source, flags=0, *args, **kw):
    if sys._getframe(1).f_code.co_name == "compiled":
        compiles.append(source)
    return real(source, flags, *args, **kw)
regex.compile = counting
from checker.cli import main
out = io.StringIO()
with contextlib.redirect_stdout(out):
    code = main(sys.argv[1:])
mods = [m for m in ("yaml", "jsonschema", "checker.bilingual.align", "checker.kinds.bilingual_names") if m in sys.modules]
print(json.dumps({"code": code, "report": out.getvalue(), "imported": mods, "compiled": compiles}))
"""


def _probe(tmp_path: Path, *args: str, seed: str = "0", cache: Path | None = None, shipped: Path | None = None) -> dict:
    env = {**os.environ, "CHECKER_CACHE_DIR": str(cache or tmp_path / "cache"), "PYTHONHASHSEED": seed,
           "CHECKER_SHIPPED_DIR": str(shipped or tmp_path / "nothing-shipped")}
    env.pop("CHECKER_NO_CACHE", None)
    proc = subprocess.run([sys.executable, "-c", PROBE, *args], cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_a_warm_start_parses_no_yaml_compiles_no_rule_regex_and_reports_the_same(tmp_path):
    (tmp_path / "story.txt").write_text(STORY, encoding="utf-8")
    args = ("lint", "--format", "json", "--fail-on", "never", "story.txt")
    cold = _probe(tmp_path, *args, seed="1")
    assert "yaml" in cold["imported"] and cold["compiled"]  # the miss reads, validates and compiles
    # Another hash seed: a pattern whose text followed a set's order would be compiled again here.
    warm = _probe(tmp_path, *args, seed="2")
    assert warm["imported"] == [] and warm["compiled"] == []
    assert warm["report"] == cold["report"] and json.loads(warm["report"])["files"][0]["findings"]
    assert _uncached(tmp_path, *args) == warm["report"]


def _uncached(cwd: Path, *args: str) -> str:
    env = {**os.environ, "CHECKER_NO_CACHE": "1"}
    return subprocess.run([sys.executable, "-m", "checker", *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=120).stdout


def test_a_first_run_takes_the_entries_built_with_the_package(tmp_path):
    shipped = tmp_path / "shipped"
    made = subprocess.run([sys.executable, "-c", "import sys; from pathlib import Path; from checker.cache import ship; "
                           "sys.exit(ship(Path(sys.argv[1])))", str(shipped)], cwd=tmp_path, capture_output=True, text=True,
                          timeout=300)
    assert made.returncode == 0, made.stderr
    assert {p.name.split("-")[0] for p in shipped.glob("*.pickle")} >= {"rule", "lexicon", "name"}
    (tmp_path / "story.txt").write_text(STORY, encoding="utf-8")
    args = ("lint", "--format", "json", "--fail-on", "never", "story.txt")
    first = _probe(tmp_path, *args, cache=tmp_path / "empty", shipped=shipped)
    assert first["imported"] == [] and first["compiled"] == []  # nothing parsed, validated nor compiled
    assert first["report"] == _uncached(tmp_path, *args)
    # A rule file of the user's is never among the shipped entries: read and validated as usual.
    (tmp_path / "house.yaml").write_text((ROOT / "rules" / "typo" / "whitespace.yaml").read_text(encoding="utf-8")
                                         .replace("typo.", "house."), encoding="utf-8")
    theirs = _probe(tmp_path, *args, "--rules", "house.yaml", cache=tmp_path / "empty2", shipped=shipped)
    assert {"yaml", "jsonschema"} <= set(theirs["imported"])
    assert theirs["report"] == _uncached(tmp_path, *args, "--rules", "house.yaml")


def test_bilingual_rules_built_late_find_what_they_find_when_built_at_load(tmp_path):
    (tmp_path / "story.txt").write_text(EN, encoding="utf-8")
    (tmp_path / "story.zh.txt").write_text(ZH, encoding="utf-8")
    (tmp_path / "plain.txt").write_text(STORY, encoding="utf-8")
    args = ("lint", "--format", "json", "--fail-on", "never", "plain.txt", "story.txt")
    cold = _probe(tmp_path, *args)
    warm = _probe(tmp_path, *args)  # a hit: the bilingual rules are built at story.txt, not at load
    assert "checker.kinds.bilingual_names" in warm["imported"]
    assert warm["report"] == cold["report"]
    findings = {f["rule"] for f in json.loads(warm["report"])["files"][1]["findings"]}
    assert {"bilingual.number-mismatch", "bilingual.name-mismatch"} <= findings
    only_plain = _probe(tmp_path, "lint", "--format", "json", "--fail-on", "never", "plain.txt")
    assert only_plain["imported"] == []  # no story with an original: the bilingual kinds never load


def test_an_edited_rule_file_is_read_again_and_a_bad_regex_still_named(tmp_path):
    rules = tmp_path / "house.yaml"
    rule = """rules:
  - id: house.banned
    kind: pattern
    severity: warning
    message: "avoid '{{match}}'"
    description: A banned word.
    issue_type: style
    patterns: ['{pattern}']
    examples:
      flag: ["a «{word}» here"]
      pass: ["nothing here"]
"""
    (tmp_path / "story.txt").write_text("The gizmo and the widget.\n", encoding="utf-8")
    args = ("lint", "--format", "json", "--fail-on", "never", "--select", "house", "--rules", "house.yaml", "story.txt")
    rules.write_text(rule.format(pattern=r"\bgizmo\b", word="gizmo"), encoding="utf-8")
    for _ in range(2):  # a miss, then a hit
        found = json.loads(_probe(tmp_path, *args)["report"])["files"][0]["findings"]
        assert [f["rule"] for f in found] == ["house.banned"] and "gizmo" in found[0]["message"]
    rules.write_text(rule.format(pattern=r"\bwidget\b", word="widget"), encoding="utf-8")
    found = json.loads(_probe(tmp_path, *args)["report"])["files"][0]["findings"]
    assert "widget" in found[0]["message"]
    rules.write_text(rule.format(pattern=r"\bwid(get\b", word="widget"), encoding="utf-8")
    env = {**os.environ, "CHECKER_CACHE_DIR": str(tmp_path / "cache")}
    proc = subprocess.run([sys.executable, "-m", "checker", *args], cwd=tmp_path, env=env, capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 2
    assert "house.yaml:8: [house.banned] bad regex" in proc.stderr


def test_the_word_list_answers_as_a_set_would():
    words = ["a", "an", "ant", "anteater", "zebra", "x-ray", "naïve", "straße"]
    kept = pickle.loads(pickle.dumps(WordList(words + ["ant"])))
    asked = words + ["", "b", "antea", "anteaters", "ANT", "zebr", "x", "ray", "a\nan", "\n", "straße\n"]
    assert [w in kept for w in asked] == [w in frozenset(words) for w in asked]
    assert len(kept) == len(words)
