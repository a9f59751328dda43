"""Baselines and the config's accept list, used as an editor or CI would from the command line."""

from __future__ import annotations

import json

import pytest

from cli_support import SAMPLE, checker

STORY = SAMPLE.read_text("utf-8")
ONLY = ["--select", "wire.duplicate-words"]  # flags "The the" and "more more" in the sample


@pytest.fixture
def desk(tmp_path):
    (tmp_path / "stories").mkdir()
    (tmp_path / "stories" / "fair.txt").write_text(STORY, "utf-8")
    return tmp_path


def lint_json(desk, *args, cwd=None):
    proc = checker("lint", "--format", "json", *ONLY, *args, cwd=cwd or desk)
    return proc, json.loads(proc.stdout) if proc.stdout else None


def flagged(report) -> list[str]:
    return [f["text"] for entry in report["files"] for f in entry["findings"]]


def test_a_baseline_records_findings_and_hides_them_next_time(desk):
    proc, report = lint_json(desk, "--write-baseline", "baseline.json", "stories")
    assert proc.returncode == 0 and flagged(report) == []
    assert "wrote 2 findings in 1 file to baseline.json" in proc.stderr.decode()
    saved = json.loads((desk / "baseline.json").read_text("utf-8"))
    assert [(e["path"], e["rule"], e["text"]) for e in saved["findings"]] == [
        ("stories/fair.txt", "wire.duplicate-words", "The the"), ("stories/fair.txt", "wire.duplicate-words", "more more")]
    proc, report = lint_json(desk, "--baseline", "baseline.json", "stories")
    assert proc.returncode == 0 and flagged(report) == [] and report["suppressions"]["baselined"] == 2
    assert proc.stderr == b""


def test_an_edit_above_does_not_bring_baselined_findings_back_but_a_new_slip_shows(desk):
    checker("lint", *ONLY, "--write-baseline", "baseline.json", "stories", cwd=desk)
    story = desk / "stories" / "fair.txt"
    story.write_text("A new lead paragraph was added by the desk.\n\n" + STORY.replace("two new halls", "two two new halls"), "utf-8")
    proc, report = lint_json(desk, "--baseline", "baseline.json", "stories")
    assert proc.returncode == 1
    assert flagged(report) == ["two two"]


def test_baseline_paths_do_not_depend_on_where_checker_runs(desk):
    checker("lint", *ONLY, "--write-baseline", "baseline.json", "stories/fair.txt", cwd=desk)
    proc, report = lint_json(desk, "--baseline", "../baseline.json", "fair.txt", cwd=desk / "stories")
    assert proc.returncode == 0 and flagged(report) == []


def test_baseline_entries_that_no_longer_match_are_reported(desk):
    checker("lint", *ONLY, "--write-baseline", "baseline.json", "stories", cwd=desk)
    (desk / "stories" / "fair.txt").write_text(STORY.replace("more more", "more"), "utf-8")
    proc, report = lint_json(desk, "--baseline", "baseline.json", "stories")
    assert proc.returncode == 0
    assert proc.stderr.decode().splitlines() == [
        "checker: warning: baseline.json: entry for wire.duplicate-words in stories/fair.txt ('more more') "
        "matched no finding; refresh with --write-baseline"]
    [unused] = report["suppressions"]["unused"]
    assert (unused["source"], unused["path"], unused["text"]) == ("baseline.json", "stories/fair.txt", "more more")


def test_a_baseline_for_other_stories_is_not_called_stale(desk):
    (desk / "other.txt").write_text("Officials met on Monday. (End)\n", "utf-8")
    checker("lint", *ONLY, "--write-baseline", "baseline.json", "stories", cwd=desk)
    proc, _ = lint_json(desk, "--baseline", "baseline.json", "other.txt")
    assert proc.returncode == 0 and proc.stderr == b""


@pytest.mark.parametrize("content, says", [
    (None, "baseline.json: baseline file not found (create it with --write-baseline)"),
    ("{not json", "baseline.json: not a checker baseline"),
    ('{"baseline_version": 9, "findings": []}', "baseline.json: not a checker baseline: baseline_version 9, expected 1"),
])
def test_a_bad_baseline_is_a_one_line_error(desk, content, says):
    if content is not None:
        (desk / "baseline.json").write_text(content, "utf-8")
    proc = checker("lint", "--baseline", "baseline.json", "stories", cwd=desk)
    assert proc.returncode == 2
    [line] = proc.stderr.decode().splitlines()
    assert line.startswith("checker: error: " + says)


def write_config(desk, entries: str) -> None:
    (desk / "checker.yaml").write_text("accept:\n" + entries, "utf-8")


def test_accepted_text_is_not_reported(desk):
    write_config(desk, '  - {rule: wire.duplicate-words, text: "MORE  more"}\n')
    proc, report = lint_json(desk, "stories")
    assert flagged(report) == ["The the"]
    assert report["suppressions"]["accepted"] == 1 and report["suppressions"]["unused"] == []
    assert proc.stderr == b""


def test_an_accept_entry_with_a_path_covers_only_that_story(desk):
    (desk / "stories" / "copy.txt").write_text(STORY, "utf-8")
    write_config(desk, '  - {rule: wire, text: "more more", path: "stories/copy.txt"}\n')
    _, report = lint_json(desk, "stories")
    by_file = {entry["path"]: [f["text"] for f in entry["findings"]] for entry in report["files"]}
    assert by_file == {"stories/copy.txt": ["The the"], "stories/fair.txt": ["The the", "more more"]}


def test_an_unused_accept_entry_with_a_path_is_reported_once_a_story_on_that_path_was_checked(desk):
    write_config(desk, '  - {rule: wire, text: "x", path: "stories/*.txt"}\n'
                       '  - {rule: wire, text: "y", path: "stories/other.txt"}\n')
    _, report = lint_json(desk, "stories")
    assert [(u["text"], u["path"]) for u in report["suppressions"]["unused"]] == [("x", "stories/*.txt")]


def test_accept_entries_that_match_nothing_are_reported(desk):
    write_config(desk, '  - {rule: wire.duplicate-words, text: "Laba Dolma"}\n'
                       '  - {rule: wire, text: "x", path: "elsewhere/*.txt"}\n')  # no such story checked: not reported
    proc, report = lint_json(desk, "stories")
    [warning] = proc.stderr.decode().splitlines()
    assert warning.startswith("checker: warning: ") and warning.endswith(
        "checker.yaml: accept entry 1 (rule wire.duplicate-words, text 'Laba Dolma') matched no finding; remove it if the copy has changed")
    assert [(u["rule"], u["text"]) for u in report["suppressions"]["unused"]] == [("wire.duplicate-words", "Laba Dolma")]


def test_suppressions_apply_the_same_with_worker_processes(desk):
    for i in range(4):
        (desk / "stories" / f"s{i}.txt").write_text(STORY, "utf-8")
    write_config(desk, '  - {rule: wire.duplicate-words, text: "the the"}\n')
    _, serial = lint_json(desk, "stories")
    _, parallel = lint_json(desk, "--jobs", "2", "stories")
    assert parallel == serial
    assert flagged(serial) == ["more more"] * 5 and serial["suppressions"]["accepted"] == 5
