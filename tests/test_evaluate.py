"""`checker eval` scores rules against annotated stories: both annotation layouts, every count."""

from __future__ import annotations

import json

from cli_support import ROOT, checker



def evaluate(*args):
    p = checker("eval", "--json", *args, text=True)
    assert p.returncode == 0, p.stderr
    return json.loads(p.stdout)


def test_set_folder_counts_found_missed_false_alarm_and_unannotated(tmp_path):
    (tmp_path / "a.txt").write_text(
        "The State-owned State-owned firms met. He said the the plan was ready.\n"
        "Li Li spoke. Li Li agreed.\n"
    )
    (tmp_path / "b.txt").write_text("Nothing to see here.\n")
    (tmp_path / "expected.yaml").write_text(
        "a.txt:\n"
        "  must_flag:\n"
        "    - {kind: repetition, quote: State-owned State-owned}\n"
        "    - {kind: name-drift, quote: Li Li}\n"            # nothing flags this: a miss
        "  must_not_flag: [the the plan]\n"                  # the finding inside it is a false alarm
        "b.txt: {}\n"
    )
    [score] = evaluate("--select", "wire.duplicate-words", tmp_path)
    rep = score["kinds"]["repetition"]
    assert (rep["tp"], rep["fn"], rep["matched_findings"], rep["fp"]) == (1, 0, 1, 1)
    assert score["kinds"]["name-drift"]["fn"] == 1
    assert score["overall"]["recall"] == 0.5 and score["overall"]["precision"] == 0.5
    assert score["clean"] is False and score["stories"] == 2
    assert any("the the" in fa for fa in score["false_alarms"])


def test_clean_set_gives_rate_per_1000_words(tmp_path):
    (tmp_path / "a.txt").write_text(" ".join(f"w{i}" for i in range(498)) + " the the\n")
    (tmp_path / "expected.yaml").write_text("a.txt: {}\n")
    [score] = evaluate("--select", "wire.duplicate-words", tmp_path)
    assert score["clean"] is True and score["words"] == 500
    assert score["per_1k_words"]["error"] == 2.0
    assert score["overall"]["unannotated"] == 1


def test_fixture_sidecars_are_read():
    [score] = evaluate(ROOT / "fixtures")
    assert score["stories"] >= 12
    assert score["overall"]["fn"] == 0 and score["overall"]["fp"] == 0


def test_broad_inconsistency_kind_accepts_consistency_families(tmp_path):
    (tmp_path / "a.txt").write_text("Zhang Wei of the Shigatse office spoke. Zhang Wei of the Xigaze office agreed.\n")
    (tmp_path / "expected.yaml").write_text("a.txt:\n  must_flag:\n    - {kind: inconsistency, quote: Xigaze}\n")
    [score] = evaluate(tmp_path)
    assert score["kinds"]["inconsistency"]["tp"] == 1


def test_table_output(tmp_path):
    (tmp_path / "a.txt").write_text("the the\n")
    (tmp_path / "expected.yaml").write_text("a.txt:\n  must_flag:\n    - {kind: repetition, quote: the the}\n")
    p = checker("eval", tmp_path, text=True)
    assert p.returncode == 0
    row = next(line for line in p.stdout.splitlines() if line.strip().startswith("repetition"))
    assert row.split()[1:3] == ["1", "0"] and row.split()[-1] == "1.00"
