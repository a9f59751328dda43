"""The CLI as a user runs it: exit codes, stdin, formats, config, and every bad-input case."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator

from checker.cli import cli, main
from cli_support import ROOT
from cli_support import checker as run_checker

FIXTURE = ROOT / "fixtures" / "duplicated-words.txt"
REPORT_SCHEMA = json.loads((ROOT / "checker" / "schemas" / "report.schema.json").read_text())
CLEAN = "BEIJING, May 3 (Xinhua) -- The meeting was held in Beijing on Monday.\n"
DOUBLED = "The State-owned State-owned firms met.\n"


@pytest.fixture
def story(tmp_path):
    def write(text, name="story.txt", raw=None):
        path = tmp_path / name
        if raw is not None:
            path.write_bytes(raw)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    return write


def checker(*args, input=None, cwd=ROOT, env=None, process=False):
    """Run the command as an editor or CI would (in this process unless `process`: cli_support); output as text."""
    return run_checker(*args, input=input, cwd=cwd, env=env, text=True, process=process)


def test_clean_story_exits_0(story):
    p = checker("lint", story(CLEAN), process=True)  # exit codes 0, 1 and 2 also from a real process
    assert p.returncode == 0, p.stderr
    assert "0 findings" in p.stdout


def test_findings_exit_1_with_location_and_underline(story):
    path = story(DOUBLED)
    p = checker("lint", path, process=True)
    assert p.returncode == 1
    lines = p.stdout.splitlines()
    assert lines[0] == f"{path}:1:5: error wire.duplicate-words 'State-owned' is repeated (2 times in a row); keep one"
    assert lines[1].endswith("| The State-owned State-owned firms met.")
    assert lines[2].endswith("|     " + "^" * len("State-owned State-owned"))
    assert "1 finding (1 error, 0 warnings, 0 info) in 1 file" in p.stdout


def test_stdin_is_read_with_dash():
    p = checker("lint", "-", input=DOUBLED, process=True)
    assert p.returncode == 1
    assert p.stdout.startswith("<stdin>:1:5: error wire.duplicate-words")


def test_fail_on_threshold(story):
    path = story(DOUBLED)
    assert checker("lint", "--fail-on", "never", path).returncode == 0
    assert checker("lint", "--fail-on", "warning", path).returncode == 1


def test_json_report_validates_and_is_ordered(story, tmp_path):
    a, b = story(DOUBLED, "a.txt"), story("He said the the plan and the the budget were ready.\n", "b.txt")
    p = checker("lint", "--format", "json", b, a)
    assert p.returncode == 1
    report = json.loads(p.stdout)
    Draft202012Validator(REPORT_SCHEMA).validate(report)
    assert [f["path"] for f in report["files"]] == [str(b), str(a)]  # order as given
    starts = [f["start"] for f in report["files"][0]["findings"]]
    assert starts == sorted(starts) and len(starts) == 2
    finding = report["files"][1]["findings"][0]
    assert (finding["start"], finding["end"], finding["text"]) == (4, 27, "State-owned State-owned")
    assert finding["fixes"] == [{"start": 4, "end": 27, "replacement": "State-owned", "safe": True}]
    assert report["summary"]["by_severity"]["error"] == 3
    assert report["tool"]["name"] == "checker"
    assert any(r["id"] == "wire.duplicate-words" for r in report["rules"])


def test_output_file(story, tmp_path):
    out = tmp_path / "report.json"
    p = checker("lint", "--format", "json", "--output", out, story(DOUBLED))
    assert p.returncode == 1 and p.stdout == ""
    Draft202012Validator(REPORT_SCHEMA).validate(json.loads(out.read_text()))


def test_missing_file_is_exit_2_and_others_still_checked(story, tmp_path):
    path = story(DOUBLED)
    p = checker("lint", tmp_path / "nope.txt", path)
    assert p.returncode == 2
    assert p.stderr.strip() == f"checker: error: {tmp_path / 'nope.txt'}: no such file or directory"
    assert "wire.duplicate-words" in p.stdout
    assert "1 input could not be checked" in p.stdout


@pytest.mark.parametrize(
    "raw,expected",
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        ("北京 5月3日电".encode("gb18030"), "not UTF-8 text"),
        (b"", "empty file"),
        (b"  \n\n ", "empty file"),
    ],
    ids=["binary", "gb18030", "empty", "blank"],
)
def test_bad_inputs_are_one_line_errors(story, raw, expected):
    p = checker("lint", story(None, "bad.txt", raw=raw))
    assert p.returncode == 2
    assert p.stderr.count("\n") == 1 and expected in p.stderr
    assert "Traceback" not in p.stderr


def test_legacy_encoding_with_flag(story):
    path = story(None, "gb.txt", raw="北京 State-owned State-owned 企业\n".encode("gb18030"))
    p = checker("lint", "--encoding", "gb18030", path)
    assert p.returncode == 1
    assert "wire.duplicate-words" in p.stdout


def test_directory_recursion_and_empty_directory(tmp_path):
    (tmp_path / "desk" / "day1").mkdir(parents=True)
    (tmp_path / "desk" / "day1" / "a.txt").write_text(DOUBLED)
    (tmp_path / "desk" / "notes.bin").write_bytes(b"\x00")
    (tmp_path / "empty").mkdir()
    p = checker("lint", tmp_path / "desk")
    assert p.returncode == 1 and "a.txt:1:5" in p.stdout
    p = checker("lint", tmp_path / "empty")
    assert p.returncode == 2 and "holds no text files" in p.stderr


def test_bom_and_crlf_offsets(story):
    path = story(None, "crlf.txt", raw="\ufeffFirst line.\r\nThe the end.\r\n".encode("utf-8"))
    report = json.loads(checker("lint", "--format", "json", path).stdout)
    f = report["files"][0]["findings"][0]
    assert (f["line"], f["column"], f["text"]) == (2, 1, "The the")
    assert f["start"] == len("First line.\r\n")


def test_broken_rule_file_names_file_line_and_rule(story, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "rules:\n"
        "  - id: house.bad-regex\n"
        "    kind: pattern\n"
        "    severity: error\n"
        "    issue_type: style\n"
        "    message: bad\n"
        "    description: a broken rule\n"
        "    patterns: ['(unclosed']\n"
    )
    p = checker("lint", "--rules", bad, story(DOUBLED))
    assert p.returncode == 2
    assert f"{bad}:8: [house.bad-regex] bad regex '(unclosed'" in p.stderr
    assert "wire.duplicate-words" in p.stdout  # the other rules still ran


def test_config_found_upwards_sets_severity_and_ignore(tmp_path):
    (tmp_path / "checker.yaml").write_text("severity:\n  wire.duplicate-words: warning\nignore: [wire.mirrored-phrase]\n")
    sub = tmp_path / "desk"
    sub.mkdir()
    (sub / "s.txt").write_text(DOUBLED + "It was built with high standards and high standards.\n")
    p = checker("lint", "s.txt", cwd=sub)
    assert p.returncode == 0  # only a warning now, and the threshold is error
    assert "warning wire.duplicate-words" in p.stdout
    assert "mirrored-phrase" not in p.stdout


def test_pyproject_tool_checker(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.checker]\nfail_on = "never"\n')
    (tmp_path / "s.txt").write_text(DOUBLED)
    assert checker("lint", "s.txt", cwd=tmp_path).returncode == 0


def test_bad_config_is_exit_2(tmp_path):
    cfg = tmp_path / "c.yaml"
    cfg.write_text("severty: {}\n")
    (tmp_path / "s.txt").write_text(CLEAN)
    p = checker("lint", "--config", cfg, tmp_path / "s.txt")
    assert p.returncode == 2
    assert "'severty' was unexpected" in p.stderr


def test_select_and_ignore(story):
    path = story(DOUBLED + "It was built with high standards and high standards.\n")
    out = checker("lint", "--select", "wire.mirrored-phrase", path).stdout
    assert "mirrored-phrase" in out and "duplicate-words" not in out
    out = checker("lint", "--ignore", "wire", path).stdout
    assert "0 findings" in out


def test_jobs_give_the_same_report(tmp_path):
    for i in range(6):
        (tmp_path / f"s{i}.txt").write_text(DOUBLED * (i + 1))
    serial = checker("lint", "--format", "json", tmp_path)
    parallel = checker("lint", "--format", "json", "--jobs", "2", tmp_path)
    assert json.loads(serial.stdout) == json.loads(parallel.stdout)


def test_rules_list_explain_version():
    p = checker("rules", "list")
    assert p.returncode == 0 and "wire.duplicate-words" in p.stdout
    p = checker("explain", "wire.duplicate-words")
    assert p.returncode == 0 and "State-owned State-owned" in p.stdout
    p = checker("explain", "wire.nope")
    assert p.returncode == 2 and "no rule 'wire.nope'" in p.stderr
    p = checker("--version")
    assert p.returncode == 0 and "0.1.0" in p.stdout


def test_usage_errors_are_exit_2():
    assert checker("lint", process=True).returncode == 2
    assert checker("lint", "--format", "yaml", "x").returncode == 2
    assert checker("frobnicate").returncode == 2


def test_no_color_when_not_a_terminal(story):
    out = checker("lint", story(DOUBLED), process=True).stdout  # a pipe, not a terminal
    assert "\x1b[" not in out


def test_in_process_entry_points(story):
    """click's runner shows the output; main() returns the exit code the console script uses."""
    result = CliRunner().invoke(cli, ["lint", str(story(DOUBLED))], catch_exceptions=False)
    assert "wire.duplicate-words" in result.output
    assert main(["lint", "--fail-on", "never", str(story(DOUBLED))]) == 0
    assert main(["lint", str(story(DOUBLED))]) == 1


def test_utf16_with_encoding_flag(story):
    raw = "The State-owned State-owned firms met.\n".encode("utf-16")
    path = story(None, "u16.txt", raw=raw)
    assert checker("lint", path).returncode == 2  # NUL bytes: not UTF-8 text
    p = checker("lint", "--encoding", "utf-16", path)
    assert p.returncode == 1 and "wire.duplicate-words" in p.stdout


def test_rules_validate(tmp_path):
    good = tmp_path / "good.yaml"
    good.write_text(
        "rules:\n  - id: house.colour\n    kind: substitution\n    severity: info\n    issue_type: locale-violation\n"
        "    message: \"use {suggestion}\"\n    description: US spelling\n    swap: {colour: color}\n"
        "    examples: {flag: [\"«colour»\"], pass: [color]}\n"
    )
    p = checker("rules", "validate", good)
    assert p.returncode == 0 and p.stdout.strip() == "1 rule OK"
    bad = tmp_path / "bad.yaml"
    bad.write_text(good.read_text().replace("kind: substitution", "kind: substitution\n    colour: red"))
    p = checker("rules", "validate", bad)
    assert p.returncode == 2 and f"{bad}:" in p.stderr and "[house.colour] unknown key 'colour'" in p.stderr
    untested = tmp_path / "untested.yaml"
    untested.write_text(good.read_text().split("    examples:")[0])
    p = checker("rules", "validate", untested)
    assert p.returncode == 0 and "has no `examples.flag`" in p.stderr
    assert checker("rules", "validate", tmp_path / "nope.yaml").returncode == 2


def test_rules_schema_validates_the_shipped_rule_files():
    import yaml
    from jsonschema import Draft202012Validator

    schema = json.loads(checker("rules", "schema").stdout)
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)
    files = sorted(p for p in (ROOT / "rules").rglob("*.yaml") if "data" not in p.relative_to(ROOT / "rules").parts)
    assert len(files) >= 10
    for path in files:
        validator.validate(yaml.safe_load(path.read_text(encoding="utf-8")))
