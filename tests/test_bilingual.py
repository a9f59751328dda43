"""Bilingual checking: pairing a story with its Chinese original, alignment, and what the reports carry."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from checker.api import Checker, Options
from checker.bilingual.align import segments
from checker.bilingual.romanise import SourceIndex
from checker.document import Document
from checker.engine import check_document, check_text
from checker.kinds.bilingual_text import LETTERS, english_weight
from checker.run import check_story
from checker.rules import default_rules_dir, load_rules

from cli_support import checker

RULES, _ = load_rules([default_rules_dir()])
BILINGUAL = [r for r in RULES if r.id.startswith("bilingual.")]
INJECTED = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "bitext-wmt20" / "injected"

EN = "The company hired 53 engineers in 2019.\nLiu Zhijie, its head, said so.\nLater Liu Jijie said the plan worked.\n"
ZH = "该公司2019年招聘了35名工程师。\n公司负责人刘志杰这样表示。\n刘志杰随后表示，计划奏效。\n"


def _pair(folder: Path, en: str = EN, zh: str = ZH, zh_name: str = "story.zh.txt") -> Path:
    (folder / zh_name).parent.mkdir(parents=True, exist_ok=True)
    (folder / "story.txt").write_text(en, encoding="utf-8")
    (folder / zh_name).write_text(zh, encoding="utf-8")
    return folder / "story.txt"


def _lint_json(*args, cwd: Path) -> dict:
    proc = checker("lint", "--format", "json", "--fail-on", "never", "--select", "bilingual", *args, cwd=cwd, text=True)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_a_folder_pairs_story_and_original_and_does_not_lint_the_original(tmp_path):
    _pair(tmp_path)
    report = _lint_json(".", cwd=tmp_path)
    assert [f["path"] for f in report["files"]] == ["story.txt"]
    found = {(f["rule"], f["text"]) for f in report["files"][0]["findings"]}
    assert found == {("bilingual.number-mismatch", "53"), ("bilingual.name-mismatch", "Liu Jijie")}
    number = next(f for f in report["files"][0]["findings"] if f["text"] == "53")
    assert number["replacements"] == ["35"]
    source = number["related"][0]
    assert source["path"].endswith("story.zh.txt") and source["text"] == "35"
    assert ZH[source["start"] : source["end"]] == "35" and (source["line"], source["column"]) == (1, 12)


def test_explicit_source_and_configured_pattern(tmp_path):
    _pair(tmp_path, zh_name="originals/story.txt")
    assert _lint_json("story.txt", cwd=tmp_path)["files"][0]["findings"] == []  # no original beside it: English alone
    explicit = _lint_json("story.txt", "--source", "originals/story.txt", cwd=tmp_path)
    assert len(explicit["files"][0]["findings"]) == 2
    (tmp_path / "checker.yaml").write_text("source_patterns: ['originals/{name}']\n", encoding="utf-8")
    assert len(_lint_json("story.txt", cwd=tmp_path)["files"][0]["findings"]) == 2


def test_source_with_several_stories_is_a_usage_error(tmp_path):
    _pair(tmp_path)
    (tmp_path / "other.txt").write_text("Other copy.\n", encoding="utf-8")
    proc = checker("lint", "story.txt", "other.txt", "--source", "story.zh.txt", cwd=tmp_path, text=True)
    assert proc.returncode == 2 and "--source" in proc.stderr and "Traceback" not in proc.stderr


def test_sarif_points_related_locations_at_the_original(tmp_path):
    _pair(tmp_path)
    proc = checker("lint", "--format", "sarif", "--fail-on", "never", "--select", "bilingual.number-mismatch", ".", cwd=tmp_path, text=True)
    result = json.loads(proc.stdout)["runs"][0]["results"][0]
    related = result["relatedLocations"][0]["physicalLocation"]
    assert related["artifactLocation"]["uri"].endswith("story.zh.txt")
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("story.txt")


def test_library_checks_text_with_its_source_and_without():
    checker_ = Checker(Options(select=("bilingual",), discover_config=False))
    assert checker_.check_text(EN, "story.txt").findings == []
    with_source = checker_.check_text(EN, "story.txt", source=ZH, source_path="story.zh.txt")
    assert [f.position.text for f in with_source.findings] == ["53", "Liu Jijie"]


def test_bilingual_finding_proves_the_monolingual_one_on_the_same_span():
    rules = [r for r in RULES if r.id in ("bilingual.untranslated", "zh-en.untranslated-cjk")]
    text, source = "The fair opened.\n白皮书发布了。\n", "博览会开幕。\n白皮书发布了。\n"
    alone = check_text(text, rules)
    paired = check_text(text, rules, source=source)
    assert [f.rule_id for f in alone] == ["zh-en.untranslated-cjk"]
    assert [f.rule_id for f in paired] == ["bilingual.untranslated"]
    assert "proves zh-en.untranslated-cjk" in paired[0].message


def test_the_bilingual_rules_alone_with_the_english_findings_known_give_the_whole_pair():
    text = "The fair opened.\n白皮书发布了。\nLiu Zhijie said so. The the plan grew.\nLater Liu Jijie said it worked.\n"
    source = "博览会开幕。\n白皮书发布了。\n刘志杰这样表示，计划扩大了。\n刘志杰随后表示，计划奏效。\n"
    alone = check_document(Document(text, "story.txt"), RULES)
    whole = check_document(Document(text, "story.txt", Document(source, "story.zh.txt")), RULES)
    second = check_document(Document(text, "story.txt", Document(source, "story.zh.txt")), BILINGUAL, known=alone)
    assert {"bilingual.untranslated", "bilingual.name-mismatch", "wire.duplicate-words"} <= {f.rule_id for f in whole}
    assert "zh-en.untranslated-cjk" in {f.rule_id for f in alone} - {f.rule_id for f in whole}  # merged into its proof
    assert second == whole  # fingerprints, merged messages and order too


def test_known_findings_on_a_story_read_for_its_prose_are_refused():
    """Known findings are offsets into the text as it stands: a markup story's are not, so the call is refused."""
    known = check_document(Document("The the end.\n"), RULES)
    with pytest.raises(ValueError, match="plain-text"):
        check_story("<p>The the end.</p>\n", "story.html", BILINGUAL, known=known)
    assert check_story("The the end.\n", "story.txt", BILINGUAL, known=known).findings == known


def test_alignment_pairs_paragraphs_when_counts_differ():
    source = Document("第一段有35人。\n第二段讲刘志杰。\n第三段有2019年的事。", "zh")
    doc = Document("The first has 35 people. The second is about Liu Zhijie.\nThe third is about 2019.", "en", source)
    pairs = [(doc.text[s.target.start : s.target.end][:9], source.text[s.source.start : s.source.end][:3]) for s in segments(doc)]
    assert pairs == [("The first", "第一段"), ("The third", "第三段")]
    assert source.text[segments(doc)[0].source.end - 4 : segments(doc)[0].source.end] == "刘志杰。"  # 1 English : 2 Chinese


def _bilingual_findings(text: str, source: str) -> list[tuple[str, str]]:
    return sorted((f.rule_id, f.position.text) for f in check_text(text, BILINGUAL, source=source))


def test_merging_and_splitting_paragraphs_keeps_the_findings():
    """The injected stories, their paragraphs merged in the copy and split in the original: the same findings."""
    assert INJECTED.is_dir(), f"{INJECTED} is missing (the shared corpus is expected beside the repository)"
    checked = 0
    for story in sorted(INJECTED.glob("*.zh.txt"))[:20]:
        zh = story.read_text(encoding="utf-8")
        en = story.with_name(story.name.replace(".zh.txt", ".txt")).read_text(encoding="utf-8")
        en_lines, zh_lines = en.splitlines(), zh.splitlines()
        if len(en_lines) < 4:
            continue
        before = _bilingual_findings(en, zh)
        # the copy: paragraphs 1 and 2 become one; the original: paragraph 3 split at its first full stop
        merged = "\n".join([en_lines[0] + " " + en_lines[1], *en_lines[2:]])
        third = zh_lines[2]
        cut = third.find("。") + 1
        split_zh = zh_lines[:2] + ([third[:cut], third[cut:]] if 0 < cut < len(third) else [third]) + zh_lines[3:]
        after = _bilingual_findings(merged, "\n".join(split_zh))
        numbers_names = lambda found: [f for f in found if f[0] != "bilingual.omission"]  # noqa: E731
        assert numbers_names(after) == numbers_names(before), story.name
        checked += 1
    assert checked >= 10


UNITS = [("该公司2019年招聘了35名工程师。", "The company hired 53 engineers in 2019."),
         ("刘志杰这样表示。", "Liu Zhijie said so."),
         ("刘志杰随后表示，计划奏效。", "Later Liu Jijie said the plan worked.")]


def _xliff12(src="zh-CN", tgt="en"):
    units = "".join(f'<trans-unit id="u{i}"><source>{s}</source><target>{t}</target></trans-unit>' for i, (s, t) in enumerate(UNITS, 1))
    return (f'<?xml version="1.0" encoding="UTF-8"?><xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
            f'<file original="story" source-language="{src}" target-language="{tgt}" datatype="plaintext"><body>{units}</body></file></xliff>')


def _xliff20():
    units = "".join(f'<unit id="u{i}"><segment><source>{s}</source><target>{t}</target></segment></unit>' for i, (s, t) in enumerate(UNITS, 1))
    return (f'<?xml version="1.0" encoding="UTF-8"?><xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" '
            f'srcLang="zh" trgLang="en"><file id="f1">{units}</file></xliff>')


def _tmx(lang="en"):
    tus = "".join(f'<tu tuid="{i}"><tuv xml:lang="zh-CN"><seg>{s}</seg></tuv><tuv xml:lang="{lang}"><seg>{t}</seg></tuv></tu>'
                  for i, (s, t) in enumerate(UNITS, 1))
    return (f'<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4"><header creationtool="t" creationtoolversion="1" '
            f'segtype="sentence" o-tmf="t" adminlang="en" srclang="zh-CN" datatype="plaintext"/><body>{tus}</body></tmx>')


def _po():
    units = "".join(f'\nmsgid "{s}"\nmsgstr "{t}"\n' for s, t in UNITS)
    return 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: en\\n"\n' + units


def test_bilingual_files_point_at_unit_and_offset(tmp_path):
    for name, content in (("story.xlf", _xliff12()), ("story2.xliff", _xliff20()), ("story.tmx", _tmx()), ("story.po", _po())):
        (tmp_path / name).write_text(content, encoding="utf-8")
    report = _lint_json(".", cwd=tmp_path)
    assert report["errors"] == []
    assert sorted(f["path"] for f in report["files"]) == ["story.po", "story.tmx", "story.xlf", "story2.xliff"]
    for result in report["files"]:
        found = [(f["rule"], f["text"], f["line"], f["column"]) for f in result["findings"]]
        assert found == [("bilingual.number-mismatch", "53", 1, 19), ("bilingual.name-mismatch", "Liu Jijie", 3, 7)], result["path"]


def test_bilingual_file_in_other_languages_is_rejected(tmp_path):
    (tmp_path / "fr.xlf").write_text(_xliff12(src="fr", tgt="en"), encoding="utf-8")
    (tmp_path / "de.tmx").write_text(_tmx(lang="de"), encoding="utf-8")
    (tmp_path / "bad.xlf").write_text("<xliff><unclosed>", encoding="utf-8")
    proc = checker("lint", "fr.xlf", "de.tmx", "bad.xlf", cwd=tmp_path, text=True)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert any("fr.xlf" in l and "fr -> en" in l for l in lines), lines
    assert any("de.tmx" in l and "zh" in l for l in lines), lines
    assert any("bad.xlf" in l and "not a readable bilingual file" in l for l in lines), lines


TBX = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX" xml:lang="en"><text><body>
<termEntry id="t1">
  <langSet xml:lang="zh"><tig><term>一带一路</term></tig></langSet>
  <langSet xml:lang="en"><tig><term>Belt and Road Initiative</term></tig>
    <tig><term>One Belt, One Road</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig></langSet>
</termEntry></body></text></martif>
"""


def test_house_glossary_from_tbx_csv_and_config(tmp_path):
    en = "Trade under One Belt, One Road grew.\nThe county pushed rural rejuvenation.\n"
    zh = "一带一路贸易增长。\n该县推进乡村振兴。\n"
    _pair(tmp_path, en, zh)
    default = _lint_json("story.txt", cwd=tmp_path)["files"][0]["findings"]
    assert [(f["rule"], f["text"], f["replacements"]) for f in default] == [("bilingual.glossary", "rural rejuvenation", ["rural revitalization"])]
    (tmp_path / "house.tbx").write_text(TBX, encoding="utf-8")
    found = _lint_json("story.txt", "--glossary", "house.tbx", cwd=tmp_path)["files"][0]["findings"]
    assert [(f["text"], f["replacements"]) for f in found] == [("One Belt, One Road", ["Belt and Road Initiative"])]
    assert found[0]["related"][0]["text"] == "一带一路"
    (tmp_path / "house.csv").write_text("zh,en,avoid\n乡村振兴,rural rejuvenation,rural revitalization\n", encoding="utf-8")
    (tmp_path / "checker.yaml").write_text("glossary: house.csv\n", encoding="utf-8")
    assert _lint_json("story.txt", cwd=tmp_path)["files"][0]["findings"] == []
    (tmp_path / "checker.yaml").write_text("glossary: missing.csv\n", encoding="utf-8")
    proc = checker("lint", "story.txt", cwd=tmp_path, text=True)
    assert proc.returncode == 2 and "missing.csv" in proc.stderr and "Traceback" not in proc.stderr


def test_html_report_shows_source_and_copy_side_by_side(tmp_path):
    _pair(tmp_path)
    proc = checker("lint", "--format", "html", "--fail-on", "never", "--select", "bilingual", "story.txt", cwd=tmp_path, text=True)
    page = proc.stdout
    assert '<table class="bitext">' in page
    table = page.split('<table class="bitext">', 1)[1].split("</table>", 1)[0]
    rows = table.split("<tr>")[2:]  # after the heading row: one row per aligned segment
    assert len(rows) == 3
    source_cell, copy_cell = rows[0].split("</td><td>")
    assert '<mark class="error"' in source_cell and ">35</mark>" in source_cell  # the source's number, marked
    assert ">53</mark>" in copy_cell
    assert 'data-f="0"' in source_cell and 'data-f="0"' in copy_cell  # one finding, both sides


TABLE = {"拉萨": {"lasa", "lhasa"}, "拉萨市": {"lasashi"}, "萨市": {"lasa"}, "日喀则": {"shigatse", "xigaze"},
         "喀则": {"kaze"}, "日喀": {"shigatse"}, "市日喀则": {"lasa"}}


def _table_walk(text: str, name: str, start: int, end: int):
    """The table look-up as a walk over every table name the text holds, by offset then characters,
    from `start`, stopping at the first that runs past `end`."""
    held = sorted((i, key) for key in TABLE for i in range(len(text)) if text.startswith(key, i))
    for i, key in held:
        if i < start:
            continue
        if i + len(key) > end:
            return None
        if name in TABLE[key]:
            return i, i + len(key)
    return None


@given(st.text(alphabet="拉萨市日喀则中a", max_size=14), st.sampled_from(["lasa", "lhasa", "lasashi", "shigatse", "kaze", "xigaze"]),
       st.integers(0, 14), st.integers(0, 14))
@example("中市日喀则", "shigatse", 1, 4)  # 市日喀则 runs past the end before 日喀 is reached: no match
@example("市日喀则", "shigatse", 0, 4)
@settings(max_examples=400, deadline=None)
def test_the_table_look_up_finds_what_a_walk_over_every_table_name_finds(text, name, start, end):
    by_first, spelled = defaultdict(list), defaultdict(list)
    for key in sorted(TABLE):
        by_first[key[0]].append(key)
        for spelling in TABLE[key]:
            spelled[spelling].append(key)
    assert SourceIndex(text, by_first, spelled)._in_table(name, start, end) == _table_walk(text, name, start, end)


@given(st.text(st.characters(max_codepoint=0x3000), max_size=40), st.integers(0, 40), st.integers(0, 40))
@example("Liu Zhijie, 53 engineers -- 2019's plan.", 0, 40)
@example("Ürümqi, ²3 and Ⅻ", 0, 16)
@settings(max_examples=300, deadline=None)
def test_english_weight_counts_what_the_letter_and_number_class_matches(text, start, end):
    assert english_weight(text, start, end) == sum(map(len, LETTERS.findall(text, start, end)))
