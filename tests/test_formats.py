"""Every report format, produced by `checker lint` on the sample fixture, parsed back and checked.

The expected findings are written out below from the rules (not copied from
a run): each is located by searching the story text, so the line, column and
offset each format gives are checked against positions computed here.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from jsonschema import validators

from cli_support import ROOT, SAMPLE, SAMPLE_EXPECTED, SAMPLE_RULES, checker, lint_sample, pattern_rule

TEXT = SAMPLE.read_text("utf-8")
PATH = SAMPLE.relative_to(ROOT).as_posix()
SARIF_SCHEMA = json.loads((Path(__file__).parent / "sarif-schema-2.1.0.json").read_text("utf-8"))

EXPECTED = SAMPLE_EXPECTED


def where(quote: str, text: str = TEXT) -> dict:
    """Offset, 1-based line and code-point column of the only occurrence of `quote`."""
    assert text.count(quote) == 1, quote
    offset = text.index(quote)
    line_start = text.rfind("\n", 0, offset) + 1
    return {"offset": offset, "line": text.count("\n", 0, offset) + 1, "column": offset - line_start + 1,
            "end_column": offset - line_start + 1 + len(quote), "line_start": line_start}


def validate_sarif(log: dict) -> None:
    cls = validators.validator_for(SARIF_SCHEMA)
    cls.check_schema(SARIF_SCHEMA)
    errors = sorted(cls(SARIF_SCHEMA).iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:5])


def test_sarif_is_valid_and_points_at_each_finding():
    proc = lint_sample("sarif")
    assert proc.returncode == 1, proc.stderr
    log = json.loads(proc.stdout)
    validate_sarif(log)
    [run] = log["runs"]
    assert run["columnKind"] == "unicodeCodePoints"
    rules = run["tool"]["driver"]["rules"]
    assert sorted(r["id"] for r in rules) == ["test.fullwidth-comma", "test.stray-tag", "test.xian", "wire.duplicate-words"]
    assert all(r["help"]["text"] and r["shortDescription"]["text"] for r in rules)
    results = run["results"]
    assert [(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["snippet"]["text"]) for r in results] == [
        (rule, quote) for rule, quote, _ in EXPECTED
    ]
    for result, (rule, quote, severity) in zip(results, EXPECTED, strict=True):
        assert rules[result["ruleIndex"]]["id"] == rule
        assert result["level"] == {"error": "error", "warning": "warning", "info": "note"}[severity]
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"] == {"uri": PATH, "uriBaseId": "%SRCROOT%"}
        w = where(quote)
        assert location["region"] == {
            "startLine": w["line"], "startColumn": w["column"], "endLine": w["line"], "endColumn": w["end_column"],
            "charOffset": w["offset"], "charLength": len(quote), "snippet": {"text": quote},
        }
    fingerprints = [r["partialFingerprints"]["checkerFingerprint/v1"] for r in results]
    assert len(set(fingerprints)) == len(results)


def test_sarif_columns_count_code_points_after_chinese():
    comma = next(r for r in json.loads(lint_sample("sarif").stdout)["runs"][0]["results"] if r["ruleId"] == "test.fullwidth-comma")
    line = TEXT.splitlines()[2]
    # 参展商 and the brackets come before it: one column each, whatever their UTF-8 or UTF-16 length
    assert comma["locations"][0]["physicalLocation"]["region"]["startColumn"] == line.index("，") + 1


def test_sarif_related_mentions_and_fixes():
    results = json.loads(lint_sample("sarif").stdout)["runs"][0]["results"]
    xian = next(r for r in results if r["ruleId"] == "test.xian")
    [related] = xian["relatedLocations"]
    assert related["physicalLocation"]["region"]["charOffset"] == TEXT.index("Xi'an")
    assert related["physicalLocation"]["region"]["snippet"]["text"] == "Xi'an"
    doubled = results[0]
    [fix] = doubled["fixes"]
    [change] = fix["artifactChanges"]
    [replacement] = change["replacements"]
    start = replacement["deletedRegion"]["charOffset"]
    end = start + replacement["deletedRegion"]["charLength"]
    fixed = TEXT[:start] + replacement["insertedContent"]["text"] + TEXT[end:]
    assert "\nThe fair, first held" in fixed and fixed.count("The the") == 0
    assert fix["properties"]["safe"] is True


def test_sarif_reports_unreadable_inputs_as_notifications(tmp_path):
    proc = checker("lint", "--format", "sarif", tmp_path / "missing.txt", SAMPLE)
    assert proc.returncode == 2
    log = json.loads(proc.stdout)
    validate_sarif(log)
    [invocation] = log["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    [note] = invocation["toolExecutionNotifications"]
    assert "missing.txt" in note["message"]["text"] and "no such file" in note["message"]["text"]
    assert log["runs"][0]["results"], "the readable file is still reported"


def test_junit_one_case_per_file_failing_at_the_gate(tmp_path):
    clean = tmp_path / "clean.txt"
    clean.write_text("BEIJING, May 1 (Xinhua) -- The fair opened on Monday. (End)\n", "utf-8")
    proc = checker("lint", "--format", "junit", "--rules", ROOT / "tests/data/report-rules.yaml",
                   "--select", "wire.duplicate-words,test", SAMPLE, clean, tmp_path / "gone.txt")
    assert proc.returncode == 2  # an unreadable input
    root = ET.fromstring(proc.stdout)
    assert root.tag == "testsuites"
    [suite] = root
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("3", "1", "1")
    sample_case, clean_case, gone_case = suite.findall("testcase")
    assert sample_case.get("name") == str(SAMPLE) and clean_case.get("name") == str(clean)
    failure = sample_case.find("failure")
    assert failure.get("message") == "3 findings at or above error"
    assert [l.split(": ", 1)[1].split(" ")[1] for l in failure.text.splitlines()] == [
        rule for rule, _, severity in EXPECTED if severity == "error"
    ]
    below = sample_case.find("system-out").text.splitlines()
    assert len(below) == 3 and "HTML tag '<b>' left in the copy" in below[1]
    assert list(clean_case) == []
    assert gone_case.find("error") is not None and "no such file" in gone_case.find("error").get("message")


def test_junit_follows_fail_on():
    proc = lint_sample("junit", "--fail-on", "warning")
    failure = ET.fromstring(proc.stdout).find("testsuite/testcase/failure")
    assert len(failure.text.splitlines()) == 5
    proc = lint_sample("junit", "--fail-on", "never")
    assert proc.returncode == 0
    case = ET.fromstring(proc.stdout).find("testsuite/testcase")
    assert case.find("failure") is None and len(case.find("system-out").text.splitlines()) == 6


COMMAND = re.compile(r"^::(error|warning|notice) file=([^,]*),line=(\d+),col=(\d+),endLine=(\d+),endColumn=(\d+),title=([^:]*)::(.*)$")


def test_github_annotations():
    lines = lint_sample("github").stdout.decode().splitlines()
    assert len(lines) == len(EXPECTED)
    for line, (rule, quote, severity) in zip(lines, EXPECTED, strict=True):
        m = COMMAND.match(line)
        assert m, line
        w = where(quote)
        level, path, ln, col, end_line, end_col, title, _ = m.groups()
        assert level == {"error": "error", "warning": "warning", "info": "notice"}[severity]
        assert (path, int(ln), int(col), int(end_line), int(end_col), title) == (
            PATH, w["line"], w["column"], w["line"], w["end_column"], rule)


def test_github_escapes_what_would_break_a_command(tmp_path):
    rules = pattern_rule(tmp_path / "r.yaml", "t.pct", "odd", message="\"100% sure: '{match}'\"")
    story = tmp_path / "a,b:c.txt"
    story.write_text("An odd story.\n", "utf-8")
    proc = checker("lint", "--format", "github", "--rules", rules, "--select", "t.pct", "a,b:c.txt", cwd=tmp_path)
    [line] = proc.stdout.decode().splitlines()
    assert line == "::warning file=a%2Cb%3Ac.txt,line=1,col=4,endLine=1,endColumn=7,title=t.pct::100%25 sure: 'odd'"


def test_gitlab_code_quality():
    issues = json.loads(lint_sample("gitlab").stdout)
    assert [(i["check_name"], i["severity"]) for i in issues] == [
        (rule, {"error": "major", "warning": "minor", "info": "info"}[sev]) for rule, _, sev in EXPECTED
    ]
    for issue, (_, quote, _) in zip(issues, EXPECTED, strict=True):
        assert issue["location"] == {"path": PATH, "lines": {"begin": where(quote)["line"], "end": where(quote)["line"]}}
        assert issue["description"]
    assert len({i["fingerprint"] for i in issues}) == len(issues)


def test_gitlab_fingerprints_survive_an_edit_above(tmp_path):
    story = tmp_path / "fixtures" / SAMPLE.name
    story.parent.mkdir()
    story.write_text("A paragraph added above by the desk.\n\n" + TEXT, "utf-8")
    args = ["lint", "--format", "gitlab", "--rules", ROOT / "tests/data/report-rules.yaml", "--select", "wire.duplicate-words,test"]
    before = json.loads(checker(*args, PATH).stdout)
    after = json.loads(checker(*args, PATH, cwd=tmp_path).stdout)
    assert [i["fingerprint"] for i in after] == [i["fingerprint"] for i in before]
    assert [i["location"]["lines"]["begin"] for i in after] == [i["location"]["lines"]["begin"] + 2 for i in before]


def test_rdjson_counts_columns_in_utf8_bytes():
    result = json.loads(lint_sample("rdjson").stdout)
    assert result["source"]["name"] == "checker"
    diagnostics = result["diagnostics"]
    assert [d["code"]["value"] for d in diagnostics] == [rule for rule, _, _ in EXPECTED]
    comma = diagnostics[2]
    line = TEXT.splitlines()[2]
    column = len(line[: line.index("，")].encode("utf-8")) + 1
    assert comma["location"]["range"] == {"start": {"line": 3, "column": column}, "end": {"line": 3, "column": column + 3}}
    assert comma["severity"] == "ERROR"
    [suggestion] = diagnostics[0]["suggestions"]
    assert suggestion == {"range": {"start": {"line": 3, "column": 1}, "end": {"line": 3, "column": 8}}, "text": "The"}


def test_json_carries_the_same_fingerprints_as_sarif():
    report = json.loads(lint_sample("json").stdout)
    assert report["schema_version"] == "2.0.0"
    [entry] = report["files"]
    sarif = json.loads(lint_sample("sarif").stdout)["runs"][0]["results"]
    assert [f["fingerprint"] for f in entry["findings"]] == [r["partialFingerprints"]["checkerFingerprint/v1"] for r in sarif]
    assert entry["findings"][0]["fixes"] == [
        {"start": where("The the")["offset"], "end": where("The the")["offset"] + 7, "replacement": "The", "safe": True}
    ]


@pytest.mark.parametrize("fmt", ["sarif", "junit", "github", "gitlab", "rdjson", "json", "text"])
def test_every_format_writes_to_output_file(fmt, tmp_path):
    out = tmp_path / f"report.{fmt}"
    proc = lint_sample(fmt, "--output", out)
    assert proc.returncode == 1 and proc.stdout == b""
    assert "more" in out.read_text("utf-8")


def test_json_report_fields_are_all_in_its_schema(tmp_path):
    """The CMS contract: the report validates, and every field it carries is described in the schema."""
    from jsonschema import Draft202012Validator

    schema = json.loads((ROOT / "checker" / "schemas" / "report.schema.json").read_text("utf-8"))
    (tmp_path / "checker.yaml").write_text('accept:\n  - {rule: wire.duplicate-words, text: "the the"}\n'
                                           '  - {rule: wire.duplicate-words, text: "no such words"}\n', "utf-8")
    proc = checker("lint", "--format", "json", *SAMPLE_RULES, SAMPLE, cwd=tmp_path)
    report = json.loads(proc.stdout)
    Draft202012Validator(schema).validate(report)
    assert report["suppressions"]["accepted"] == 1 and len(report["suppressions"]["unused"]) == 1
    described = lambda d: set(d.get("properties", {}))  # noqa: E731
    defs = schema["$defs"]
    assert set(report) <= described(schema)
    assert set(report["suppressions"]) <= described(schema["properties"]["suppressions"])
    assert set(report["suppressions"]["unused"][0]) <= described(schema["properties"]["suppressions"]["properties"]["unused"]["items"])
    finding = report["files"][0]["findings"][0]
    assert set(finding) <= described(defs["finding"]) | described(defs["span"])
