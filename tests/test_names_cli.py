"""`checker names` and the house name authority, as a user runs them."""

from __future__ import annotations

import json

from cli_support import ROOT
from cli_support import checker as run_checker


def checker(*args, cwd=ROOT):
    return run_checker(*args, cwd=cwd, text=True)


def test_compare_same_exits_0_with_reason():
    p = checker("names", "compare", "Laba Zhuoma", "Laba Dolma")
    assert p.returncode == 0
    assert p.stdout.startswith("same: 'Laba Zhuoma' / 'Laba Dolma':") and "Zhuoma ~ Dolma" in p.stdout


def test_compare_distinct_exits_1_with_reason():
    p = checker("names", "compare", "Shanxi", "Shaanxi")
    assert p.returncode == 1
    assert p.stdout.startswith("distinct:") and "two different provinces" in p.stdout


def test_compare_policy_variant():
    p = checker("names", "compare", "Tibet", "Xizang")
    assert p.stdout.startswith("policy variant:")


def test_eval_reports_precision_and_recall(tmp_path):
    pairs = tmp_path / "pairs.yaml"
    pairs.write_text(
        "same:\n"
        "- {a: Shigatse, b: Xigaze, kind: place}\n"
        "- {a: Laba Zhuoma, b: Laba Dolma, kind: person}\n"
        "distinct:\n"
        "- {a: Hubei, b: Hebei, kind: place}\n"
        "- {a: Wang Yi, b: Wang Yu, kind: person}\n"
    )
    p = checker("names", "eval", pairs)
    assert p.returncode == 0
    assert "precision: 1.000" in p.stdout and "recall: 1.000" in p.stdout
    result = json.loads(checker("names", "eval", "--json", pairs).stdout)
    assert (result["tp"], result["fn"], result["fp"], result["tn"]) == (2, 0, 0, 2)


def test_names_eval_missing_file_is_usage_error(tmp_path):
    assert checker("names", "eval", tmp_path / "none.yaml").returncode == 2


def test_lint_and_compare_use_one_matcher(tmp_path):
    """A pair compare calls the same is what lint flags in a story."""
    story = tmp_path / "s.txt"
    story.write_text("Officials from Shigatse met in Lhasa. Shigatse and Xigaze signed.\n")
    lint = checker("lint", "--select", "consistency.name-drift", "--format", "json", story)
    found = [f["text"] for f in json.loads(lint.stdout)["files"][0]["findings"]]
    assert found == ["Xigaze"]
    assert checker("names", "compare", "Shigatse", "Xigaze").returncode == 0


def test_house_authority_yaml_and_csv(tmp_path):
    story = tmp_path / "s.txt"
    story.write_text("Officials in Shigatse said the Shigatse fair opened.\n")
    yaml_file = tmp_path / "names.yaml"
    yaml_file.write_text("- name: Xigaze\n  variants: [Shigatse, Rikaze]\n")
    csv_file = tmp_path / "names.csv"
    csv_file.write_text("# canonical,variants\nXigaze,Shigatse,Rikaze\n")
    for authority in (yaml_file, csv_file):
        p = checker("lint", "--names", authority, "--select", "consistency.house-spelling", "--format", "json", story)
        findings = json.loads(p.stdout)["files"][0]["findings"]
        assert [f["text"] for f in findings] == ["Shigatse", "Shigatse"]
        assert findings[0]["replacements"] == ["Xigaze"]


def test_house_authority_from_config(tmp_path):
    (tmp_path / "desk-names.yaml").write_text("- {name: Xigaze, variants: [Shigatse]}\n")
    (tmp_path / "checker.yaml").write_text("names: desk-names.yaml\nseverity: {consistency.house-spelling: error}\n")
    (tmp_path / "s.txt").write_text("The Shigatse fair opened.\n")
    p = checker("lint", "s.txt", cwd=tmp_path)
    assert p.returncode == 1 and "error consistency.house-spelling House spelling is 'Xigaze'" in p.stdout


def test_missing_house_authority_is_exit_2(tmp_path):
    story = tmp_path / "s.txt"
    story.write_text("Text.\n")
    p = checker("lint", "--names", tmp_path / "missing.yaml", story)
    assert p.returncode == 2
    assert "cannot read name authority" in p.stderr and "consistency.house-spelling" in p.stderr
