"""Each report format in process, on results built by hand: what a reporter writes for known findings.

No rules run here: the findings, positions and related mentions are written
out below, so each expected output is read off this file, not off a run.
"""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

from jsonschema import Draft202012Validator, validators

from checker.finding import Finding, Fix, Position, Related, Severity
from checker.lines import line_starts
from checker.reporters import REPORTERS
from checker.reporters.base import ReportContext
from checker.results import FileResult, Summary

TEXT = "Lhasa, Nov. 26 -- The the plan\u2019s \u201cfirst\u201d stage.\nThe \u201csecond\u201d stage began in Xigaze, not Shigatse.\n"
PATH = "desk/story.txt"
SCHEMA = json.loads((Path(__file__).resolve().parent.parent / "checker" / "schemas" / "report.schema.json").read_text("utf-8"))


def pos(quote: str, nth: int = 1) -> Position:
    """The Position of the nth occurrence of quote in TEXT, worked out here (1-based line and column)."""
    offset = -1
    for _ in range(nth):
        offset = TEXT.index(quote, offset + 1)
    line = TEXT.count("\n", 0, offset) + 1
    col = offset - (TEXT.rfind("\n", 0, offset) + 1) + 1
    end = offset + len(quote)
    return Position(offset, end, line, col, TEXT.count("\n", 0, end) + 1, end - (TEXT.rfind("\n", 0, end) + 1) + 1, quote)


DUP = Finding("wire.duplicate-words", Severity.ERROR, "'The' is repeated; keep one", pos("The the"), "duplication", "repetition",
              fixes=(Fix(pos("The the").start, pos("The the").end, "The"),), suggestion="The", fingerprint="0000000000000001")
QUOTE_1 = Finding("typo.mixed-quotes", Severity.INFO, "curly quotes here; use one style", pos("\u201c"), "typographical", "typography",
                  related=(Related(pos("\u2019"), "curly apostrophe"),), fingerprint="0000000000000002")
QUOTE_2 = Finding("typo.mixed-quotes", Severity.INFO, "curly quotes here; use one style", pos("\u201c", 2), "typographical", "typography",
                  related=(Related(pos("\u2019"), "curly apostrophe"),), fingerprint="0000000000000003")
DRIFT = Finding("consistency.name-drift", Severity.WARNING, "'Xigaze' and 'Shigatse' look like one name", pos("Xigaze"),
                "inconsistency", "name-drift", related=(Related(pos("Shigatse"), "Shigatse"),), suggestion="Shigatse", fingerprint="0000000000000004")
FINDINGS = [DUP, QUOTE_1, QUOTE_2, DRIFT]


def report(fmt: str, fail_on: str = "error", quiet: bool = False) -> str:
    result = FileResult(PATH, TEXT, FINDINGS, words=14, line_starts=line_starts(TEXT))
    missing = FileResult("desk/missing.txt", error="desk/missing.txt: no such file or directory")
    out = io.StringIO()
    reporter = REPORTERS[fmt](out, ReportContext(rules=[], quiet=quiet, fail_on=fail_on))
    summary = Summary()
    reporter.start()
    for r in (result, missing):
        summary.add(r)
        reporter.file(r)
    reporter.finish(summary)
    return out.getvalue()


def test_text_groups_like_findings_and_shows_each_place():
    assert report("text") == (
        "desk/story.txt:1:19: error wire.duplicate-words 'The' is repeated; keep one\n"
        "     1 | Lhasa, Nov. 26 -- The the plan\u2019s \u201cfirst\u201d stage.\n"
        "       |                   ^^^^^^^\n"
        "      = suggestion: The\n"
        "desk/story.txt:1:34: info typo.mixed-quotes curly quotes here; use one style (2 places)\n"
        "     1 | Lhasa, Nov. 26 -- The the plan\u2019s \u201cfirst\u201d stage.\n"
        "       |                                  ^\n"
        "      = also at 2:5\n"
        "      = see 1:31 \"\u2019\" (curly apostrophe)\n"
        "desk/story.txt:2:29: warning consistency.name-drift 'Xigaze' and 'Shigatse' look like one name\n"
        "     2 | The \u201csecond\u201d stage began in Xigaze, not Shigatse.\n"
        "       |                             ^^^^^^\n"
        "      = suggestion: Shigatse\n"
        "      = see 2:41 \"Shigatse\"\n"
        "\n"
        "4 findings (1 error, 1 warning, 2 info) in 1 file; 1 input could not be checked\n"
    )


def test_quiet_text_is_one_line_a_finding_ungrouped():
    assert report("text", quiet=True).splitlines() == [
        "desk/story.txt:1:19: error wire.duplicate-words 'The' is repeated; keep one",
        "desk/story.txt:1:34: info typo.mixed-quotes curly quotes here; use one style",
        "desk/story.txt:2:5: info typo.mixed-quotes curly quotes here; use one style",
        "desk/story.txt:2:29: warning consistency.name-drift 'Xigaze' and 'Shigatse' look like one name",
    ]


def test_json_keeps_each_finding_and_validates():
    data = json.loads(report("json"))
    Draft202012Validator(SCHEMA).validate(data)
    [story] = data["files"]
    [missing] = data["errors"]
    assert [(f["rule"], f["start"], f["end"], f["line"], f["column"]) for f in story["findings"]] == [
        ("wire.duplicate-words", 18, 25, 1, 19), ("typo.mixed-quotes", 33, 34, 1, 34),
        ("typo.mixed-quotes", 52, 53, 2, 5), ("consistency.name-drift", 76, 82, 2, 29)]
    assert story["findings"][0]["fixes"] == [{"start": 18, "end": 25, "replacement": "The", "safe": True}]
    assert story["findings"][3]["related"][0]["text"] == "Shigatse"
    assert missing == {"path": "desk/missing.txt", "message": "desk/missing.txt: no such file or directory"}
    assert data["summary"]["by_severity"] == {"error": 1, "warning": 1, "info": 2}


def test_github_annotations_use_each_level():
    lines = report("github").splitlines()
    assert lines[0] == ("::error file=desk/story.txt,line=1,col=19,endLine=1,endColumn=26,"
                        "title=wire.duplicate-words::'The' is repeated; keep one")
    assert [line.split(" ", 1)[0] for line in lines[:4]] == ["::error", "::notice", "::notice", "::warning"]


def test_junit_fails_the_story_only_at_the_threshold():
    suite = ET.fromstring(report("junit", fail_on="warning")).find("testsuite")
    story, missing = suite.findall("testcase")
    assert story.find("failure").get("message") == "2 findings at or above warning"
    assert "typo.mixed-quotes" in story.find("system-out").text
    assert missing.find("error") is not None
    assert ET.fromstring(report("junit", fail_on="never")).find("testsuite/testcase/failure") is None


def test_rdjson_counts_columns_in_utf8_bytes():
    diagnostics = json.loads(report("rdjson"))["diagnostics"]
    quote = diagnostics[1]["location"]["range"]["start"]
    # '’' before the quote mark is three bytes in UTF-8, so byte column = code-point column + 2
    assert quote == {"line": 1, "column": 34 + 2}
    assert diagnostics[0]["suggestions"] == [{"range": {"start": {"line": 1, "column": 19}, "end": {"line": 1, "column": 26}}, "text": "The"}]


def test_gitlab_and_sarif_name_rule_severity_and_line():
    gitlab = json.loads(report("gitlab"))
    assert [(g["check_name"], g["severity"], g["location"]["lines"]["begin"]) for g in gitlab] == [
        ("wire.duplicate-words", "major", 1), ("typo.mixed-quotes", "info", 1),
        ("typo.mixed-quotes", "info", 2), ("consistency.name-drift", "minor", 2)]
    results = json.loads(report("sarif"))["runs"][0]["results"]
    assert [(r["ruleId"], r["level"]) for r in results] == [
        ("wire.duplicate-words", "error"), ("typo.mixed-quotes", "note"), ("typo.mixed-quotes", "note"),
        ("consistency.name-drift", "warning")]
    assert results[3]["relatedLocations"][0]["physicalLocation"]["region"]["snippet"]["text"] == "Shigatse"


def test_html_marks_every_finding_and_lists_like_ones_once():
    page = report("html")
    assert page.count('data-f="1 2"') == 1  # the two quote findings: one list item
    assert '<mark class="error" tabindex="0"' in page
    assert "no such file or directory" in page
    assert "<script>" in page and "http" not in page.split("<script>")[1].split("</script>")[0]


def report_with_a_failed_rule(fmt: str) -> str:
    """One story whose rule `test.slow` could not finish (its regexes ran out of time); its other findings stand."""
    from checker.engine import RuleFailure

    failure = RuleFailure("test.slow", PATH, "regex time budget of 5 s for this story used up", internal=False)
    result = FileResult(PATH, TEXT, [DUP], words=14, line_starts=line_starts(TEXT), failures=[failure])
    out = io.StringIO()
    reporter = REPORTERS[fmt](out, ReportContext(rules=[], fail_on="error"))
    summary = Summary()
    reporter.start()
    summary.add(result)
    reporter.file(result)
    reporter.finish(summary)
    return out.getvalue()


def test_a_rule_that_could_not_finish_is_reported_in_every_ci_format():
    """A CI gate reading SARIF, JUnit or GitHub annotations must see it, not a clean story."""
    says = "rule test.slow could not finish: regex time budget of 5 s for this story used up"
    sarif = json.loads(report_with_a_failed_rule("sarif"))
    sarif_schema = json.loads((Path(__file__).parent / "sarif-schema-2.1.0.json").read_text("utf-8"))
    validators.validator_for(sarif_schema)(sarif_schema).validate(sarif)  # the official SARIF 2.1.0 schema
    run = sarif["runs"][0]
    assert run["invocations"][0]["executionSuccessful"] is False
    [note] = run["invocations"][0]["toolExecutionNotifications"]
    assert note["level"] == "error" and note["message"]["text"] == says
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == PATH
    assert [r["ruleId"] for r in run["results"]] == ["wire.duplicate-words"]  # the other findings are kept

    suite = ET.fromstring(report_with_a_failed_rule("junit")).find("testsuite")
    assert suite.get("errors") == "1" and suite.get("failures") == "1"
    case = suite.find("testcase")
    assert [(e.get("type"), e.get("message")) for e in case.findall("error")] == [("rule", says)]
    assert case.find("failure") is not None  # the duplicate word still fails the story

    github = report_with_a_failed_rule("github").splitlines()
    assert f"::error file={PATH},title=test.slow::{says}" in github

    html = report_with_a_failed_rule("html")
    assert "rule <code>test.slow</code> could not finish: regex time budget of 5 s for this story used up" in html

