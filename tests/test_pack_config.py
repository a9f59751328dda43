"""The default pack as a user configures it, through the CLI: groups switched off, the house end mark changed."""

from __future__ import annotations

import json

from cli_support import checker

STORY = (
    "LHASA, November 11 (Xinhua) -- Chambers of commerce of Shaanxi, Gansu, Ningqing and Yunnan "
    "formed an alliance, relevant departments said.\n\nThe alliance will open an office in Lhasa.\n\n(over)\n"
)


def lint(tmp_path, config: str | None):
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    args = ["lint", "--format", "json", "--fail-on", "warning", story]
    if config is not None:
        (tmp_path / "checker.yaml").write_text(config, encoding="utf-8")
        args += ["--config", tmp_path / "checker.yaml"]
    proc = checker(*args, cwd=tmp_path, text=True)
    report = json.loads(proc.stdout)
    return proc.returncode, report["files"][0]["findings"]


def test_default_pack_flags_the_story(tmp_path):
    code, findings = lint(tmp_path, None)
    rules = {f["rule"] for f in findings}
    assert code == 1
    assert {"zh-en.place-list", "zh-en.literal-translation", "wire.end-mark"} <= rules
    end = next(f for f in findings if f["rule"] == "wire.end-mark")
    assert end["replacements"] == ["(End)"]


def test_ignore_switches_a_whole_group_off(tmp_path):
    code, findings = lint(tmp_path, "ignore: [zh-en]\n")
    rules = {f["rule"] for f in findings}
    assert not any(r.startswith("zh-en.") for r in rules)
    assert "wire.end-mark" in rules  # the other groups still run
    assert code == 1


def test_house_end_mark_comes_from_config(tmp_path):
    code, findings = lint(tmp_path, 'options:\n  wire.end-mark: {house_mark: "(ENDS)"}\n')
    end = next(f for f in findings if f["rule"] == "wire.end-mark")
    assert end["replacements"] == ["(ENDS)"]
    assert end["fixes"][0]["replacement"] == "(ENDS)"
    assert "(ENDS)" in end["message"]


def test_title_case_style_from_config(tmp_path):
    story = tmp_path / "titles.txt"
    story.write_text("Wu Yingjie, secretary of the committee, spoke. Hao Peng, secretary of the commission, agreed.\n", encoding="utf-8")
    (tmp_path / "checker.yaml").write_text("options:\n  style.title-case: {style: capitalized}\n", encoding="utf-8")
    proc = checker("lint", "--format", "json", "--config", tmp_path / "checker.yaml", story, cwd=tmp_path, text=True)
    findings = json.loads(proc.stdout)["files"][0]["findings"]
    assert [(f["rule"], f["text"], *f["replacements"]) for f in findings] == [
        ("style.title-case", "secretary", "Secretary"),
        ("style.title-case", "secretary", "Secretary"),
    ]
