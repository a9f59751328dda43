"""The library core as other faces use it: docs/api.md's examples run, and the API agrees with the CLI."""

from __future__ import annotations

import contextlib
import io
import json
import re
from pathlib import Path

import pytest

from checker.api import Checker, Options, make_reporter
from checker.config import ConfigError
from checker.results import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK
from cli_support import checker as run_cli

ROOT = Path(__file__).resolve().parent.parent
API_DOC = ROOT / "docs" / "api.md"


def _blocks(lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", API_DOC.read_text("utf-8"), re.S)


def test_the_documented_example_prints_what_the_doc_says(monkeypatch):
    monkeypatch.chdir(ROOT)
    text = API_DOC.read_text("utf-8")
    code, expected = re.search(r"<!-- api-example -->\n```python\n(.*?)```\n\nprints\n\n```\n(.*?)```", text, re.S).groups()
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, str(API_DOC), "exec"), {})
    assert out.getvalue() == expected


def test_every_python_block_in_the_doc_runs(monkeypatch):
    monkeypatch.chdir(ROOT)
    blocks = _blocks("python")
    assert len(blocks) >= 2
    for code in blocks:
        with contextlib.redirect_stdout(io.StringIO()):
            exec(compile(code, str(API_DOC), "exec"), {})


def test_check_text_gives_the_cli_json_findings(tmp_path):
    story = ROOT / "fixtures" / "duplicated-words.txt"
    cli = json.loads(run_cli("lint", "--format", "json", "--fail-on", "never", str(story)).stdout)
    api_checker = Checker(Options(discover_config=False))
    result = api_checker.check_text(story.read_text("utf-8"), str(story))
    out = io.StringIO()
    summary = api_checker.lint([str(story)], make_reporter("json", out, api_checker))
    assert [f.rule_id for f in result.findings] == [f["rule"] for f in cli["files"][0]["findings"]]
    assert [(f.start, f.end) for f in result.findings] == [(f["start"], f["end"]) for f in cli["files"][0]["findings"]]
    assert json.loads(out.getvalue())["files"] == cli["files"]
    assert summary.by_severity["error"] >= 1
    assert api_checker.exit_code(summary) == EXIT_FINDINGS


def test_threshold_never_passes_the_gate_and_an_unreadable_input_is_exit_2(tmp_path):
    never = Checker(Options(discover_config=False, fail_on="never"))
    summary = never.lint([str(ROOT / "fixtures" / "duplicated-words.txt")])
    assert summary.findings > 0 and never.exit_code(summary) == EXIT_OK
    summary = never.lint([str(tmp_path / "missing.txt")])
    assert summary.errors == 1 and never.exit_code(summary) == EXIT_ERROR


def test_bad_threshold_and_bad_config_are_errors_not_tracebacks(tmp_path):
    with pytest.raises(ValueError, match="fail_on"):
        Options(fail_on="sometimes")
    bad = tmp_path / "checker.yaml"
    bad.write_text("selekt: [wire]\n")
    with pytest.raises(ConfigError, match="checker.yaml"):
        Checker(Options(config=str(bad)))


def test_select_reaches_the_rule_set():
    only_wire = Checker(Options(discover_config=False, select=("wire",)))
    assert only_wire.rules and all(r.id.startswith("wire.") for r in only_wire.rules)
def test_a_checker_built_in_another_folder_uses_that_folders_config(tmp_path, monkeypatch):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir(); b.mkdir()
    (a / "checker.yaml").write_text("select: [wire]\n")
    (b / "checker.yaml").write_text("select: [typo]\n")
    monkeypatch.chdir(a)
    first = Checker(Options())
    monkeypatch.chdir(b)
    second = Checker(Options())
    assert first.rules and all(r.id.startswith("wire.") for r in first.rules)
    assert second.rules and all(r.id.startswith("typo.") for r in second.rules)
