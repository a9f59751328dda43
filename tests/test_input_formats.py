"""Stories in NITF, NewsML-G2, ninjs, HTML and Markdown (checker/formats): found faults, offsets, fixes, bad input.

Each format fixture under fixtures/formats/ is the story of fixtures/solar-plant.txt
as it travels in that format, with a sidecar `<file>.expect.yaml`:

    plain: solar-plant.txt          # the plain-text version of the same story
    not_in_this_format: [rule ...]  # found in the plain text but rightly not here (a caption where captions belong)
    must_flag: [{rule, quote, nth, related}]   # quotes are text of THIS file; nth may be `last`
    must_not_flag: [quote ...]      # metadata, markup, code: no finding may touch them
    fix: applied | refused          # what `checker fix` must do with the file
"""

from __future__ import annotations

import html
import json
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
import yaml

from checker import formats
from checker.config import Config
from checker.document import WORD
from checker.engine import build_ruleset, check_document
from checker.document import Document
from checker.inputs import Source
from checker.run import check_source
from cli_support import ROOT, checker
from fixture_support import occurrences

FIXTURES = ROOT / "fixtures"
FORMAT_FIXTURES = sorted(p for p in (FIXTURES / "formats").iterdir() if not p.name.endswith(".expect.yaml"))
RULES = build_ruleset(Config()).rules
FORMAT_OF = {".xml": None, ".html": "html", ".md": "markdown", ".json": "ninjs"}


def sidecar(path: Path) -> dict:
    return yaml.safe_load(path.with_name(path.name + ".expect.yaml").read_text("utf-8"))


def lint(path: Path):
    result = check_source(Source(str(path), path), RULES, None)
    assert result.error is None, result.error
    return result


def span_of(text: str, quote: str, nth) -> tuple[int, int]:
    spans = occurrences(text, quote)
    assert spans, f"quote not in the file: {quote!r}"
    return spans[-1] if nth == "last" else spans[(nth or 1) - 1]


def visible_words(fmt: str, raw: str) -> list[str]:
    """The words a reader sees in a stretch of the original file (markup, escapes and entities undone)."""
    if fmt == "ninjs":
        raw = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), raw)
        raw = re.sub(r"\\(.)", lambda m: {"n": " ", "t": " "}.get(m.group(1), m.group(1)), raw)
    if fmt == "markdown":
        raw = re.sub(r"\\(.)", r"\1", raw)
    raw = html.unescape(re.sub(r"<[^>]*>", " ", raw))
    return [m.group() for m in WORD.finditer(raw)]


def test_every_format_fixture_has_a_sidecar_and_is_detected():
    assert {formats.detect(p.name, p.read_text("utf-8")) for p in FORMAT_FIXTURES} == {"nitf", "newsml", "ninjs", "html", "markdown"}
    for p in FORMAT_FIXTURES:
        assert (p.parent / (p.name + ".expect.yaml")).is_file(), p.name


@pytest.mark.parametrize("path", FORMAT_FIXTURES, ids=lambda p: p.name)
def test_same_faults_as_the_plain_story_at_the_right_place(path):
    expect = sidecar(path)
    original = path.read_text("utf-8")
    result = lint(path)
    assert result.text == original  # reports quote and highlight the file as given
    doc = Document(original)
    plain = lint(FIXTURES / expect["plain"])
    skipped = set(expect["not_in_this_format"])
    wanted = Counter((f.rule_id, f.position.text) for f in plain.findings if f.rule_id not in skipped)
    assert Counter((f.rule_id, f.position.text) for f in result.findings) == wanted
    assert any(f.rule_id in skipped for f in plain.findings)  # so the exemption is tested, not vacuous

    for entry in expect["must_flag"]:
        start, end = span_of(original, entry["quote"], entry.get("nth"))
        [hit] = [f for f in result.findings if f.rule_id == entry["rule"]]
        line, col = doc.line_col(start)
        assert (hit.start, hit.end, hit.position.line, hit.position.column) == (start, end, line, col), entry
        assert (hit.position.end_line, hit.position.end_column) == doc.line_col(end)
        if entry.get("related"):
            related = occurrences(original, entry["related"])
            assert any((r.position.start, r.position.end) in related for r in hit.related), entry
            first = hit.related[0].position
            assert f"at {first.line}:{first.column}" in hit.message  # the message names the file's place too
    for quote in expect.get("must_not_flag", []):
        for trap in occurrences(original, quote) or pytest.fail(f"trap not in the file: {quote!r}"):
            touching = [f for f in result.findings if f.start < trap[1] and trap[0] < f.end]
            assert not touching, f"finding inside metadata/markup/code {quote!r}: {touching[0].rule_id}"


@pytest.mark.parametrize("path", FORMAT_FIXTURES, ids=lambda p: p.name)
def test_every_finding_maps_onto_its_flagged_text(path):
    original = path.read_text("utf-8")
    ex = formats.extract(original, "auto", path.name)
    findings = check_document(Document(ex.text), RULES)
    assert findings
    for f in findings:
        [mapped] = formats.remap([f], ex) or [None]
        if mapped is None:
            continue  # exempt where it stands (a caption checked as a caption)
        flagged = ex.text[f.start : f.end]
        raw = original[mapped.start : mapped.end]
        if ex.verbatim(f.start, f.end):
            assert raw == flagged
        else:
            assert visible_words(ex.format, raw) == [m.group() for m in WORD.finditer(flagged)], (raw, flagged)
        for x in mapped.fixes:
            assert not x.safe or original[x.start : x.end] == ex.text[f.fixes[0].start : f.fixes[0].end] or len(f.fixes) > 1


@pytest.mark.parametrize("path", FORMAT_FIXTURES, ids=lambda p: p.name)
def test_fix_edits_the_file_keeping_its_markup_or_refuses(path, tmp_path):
    expect = sidecar(path)
    story = tmp_path / path.name
    shutil.copy(path, story)
    before = story.read_text("utf-8")
    proc = checker("fix", story, text=True)
    after = story.read_text("utf-8")
    if expect["fix"] == "refused":
        assert proc.returncode == 1, proc.stderr
        assert after == before
        assert re.search(rf"{re.escape(str(story))}: not changed: the fix at \d+:\d+ \(\S+\) would cross markup", proc.stderr)
        return
    assert proc.returncode == 0, proc.stderr
    assert "fixed 3 findings in 1 file" in proc.stderr  # duplicated word, full-width comma, end mark
    tags = re.compile(r"<[^>]*>|```|^#|\]\(|^---", re.M)
    assert tags.findall(after) == tags.findall(before)  # markup kept, tag for tag
    assert "photovoltaic panels" in after and "households, said" in after
    assert after.count("(over)") == before.count("(over)") - 1 and after.count("(End)") == 1
    rest = {f.rule_id for f in lint(story).findings}
    assert not rest & {"wire.duplicate-words", "typo.fullwidth-punctuation", "wire.end-mark"}


def test_json_and_sarif_reports_point_into_the_original_file():
    path = FIXTURES / "formats" / "solar-plant.html"
    original = path.read_text("utf-8")
    report = json.loads(checker("lint", "--format", "json", path, text=True).stdout)
    [entry] = report["files"] if "files" in report else [f for f in report["results"]]
    findings = entry["findings"]
    assert findings
    for f in findings:
        assert original[f["start"] : f["end"]] == f["text"]
        assert original.count("\n", 0, f["start"]) + 1 == f["line"]
    sarif = json.loads(checker("lint", "--format", "sarif", path, text=True).stdout)
    for r in sarif["runs"][0]["results"]:
        region = r["locations"][0]["physicalLocation"]["region"]
        assert original[region["charOffset"] : region["charOffset"] + region["charLength"]] == region["snippet"]["text"]


@pytest.mark.parametrize("name, content, message", [
    ("bad.xml", '<?xml version="1.0"?>\n<nitf><body><body.content><p>One</body.content></body></nitf>\n', r"bad\.xml: 2:\d+: malformed XML: mismatched tag \(nitf\)"),
    ("bomb.xml", '<?xml version="1.0"?>\n<!DOCTYPE nitf [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>\n<nitf><body><body.content><p>&b;</p></body.content></body></nitf>\n',
     r"bomb\.xml: refused: EntitiesForbidden"),
    ("xxe.xml", '<?xml version="1.0"?>\n<!DOCTYPE nitf [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<nitf><body><body.content><p>&x;</p></body.content></body></nitf>\n',
     r"xxe\.xml: refused: EntitiesForbidden"),
    ("bad.json", '{"headline": "Floods",\n "body_text": "Rain fell." "x"}\n', r"bad\.json: 2:\d+: malformed JSON: Expecting ',' delimiter \(ninjs\)"),
    ("bad.html", "<html><body><p>Rain fell.</p>\n<p class=\"x\n", r"bad\.html: 2:1: unclosed tag"),
    ("empty.xml", '<nitf><head><title>Only metadata</title></head></nitf>\n', r"empty\.xml: no story text found"),
])
def test_bad_input_is_one_line_naming_file_and_place(tmp_path, name, content, message):
    (tmp_path / name).write_text(content, "utf-8")
    proc = checker("lint", name, cwd=tmp_path, text=True)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    [line] = proc.stderr.splitlines()
    assert re.fullmatch(rf"checker: error: {message}.*", line), line


def test_folder_picks_story_formats_by_content_only(tmp_path):
    for p in FORMAT_FIXTURES:
        shutil.copy(p, tmp_path / p.name)
    (tmp_path / "package.json").write_text('{"name": "site", "version": "1.0.0"}', "utf-8")
    (tmp_path / "pom.xml").write_text('<?xml version="1.0"?><project><name>solar solar</name></project>', "utf-8")
    proc = checker("lint", "--format", "json", tmp_path, text=True)
    assert proc.returncode == 1, proc.stderr
    checked = {Path(f["path"]).name for f in json.loads(proc.stdout)["files"]}
    assert checked == {p.name for p in FORMAT_FIXTURES}


def test_input_format_overrides_detection_and_reads_stdin():
    page = "<p>The the rain fell. <code>x x</code></p>"
    as_html = checker("lint", "--input-format", "html", "--format", "json", "-", input=page, text=True)
    as_text = checker("lint", "--format", "json", "-", input=page, text=True)
    rules = lambda proc: [f["rule"] for f in json.loads(proc.stdout)["files"][0]["findings"]]  # noqa: E731
    assert rules(as_html) == ["wire.duplicate-words"]
    assert rules(as_text).count("wire.duplicate-words") == 2  # as plain text the code is checked too


def test_without_the_extra_markdown_falls_back_and_xml_says_what_to_install(monkeypatch, capsys):
    monkeypatch.setitem(__import__("sys").modules, "markdown_it", None)
    monkeypatch.setitem(__import__("sys").modules, "defusedxml", None)
    monkeypatch.setitem(__import__("sys").modules, "defusedxml.ElementTree", None)
    formats._noticed.clear()
    ex = formats.extract("Some `code code` here.\n", "auto", "page.md")
    assert ex.text == "Some `code code` here.\n"
    assert "pip install 'checker[formats]'" in capsys.readouterr().err
    with pytest.raises(formats.FormatError, match=r"page\.md: reading markdown needs the markdown-it-py package: pip install 'checker\[formats\]'"):
        formats.extract("Some text.\n", "markdown", "page.md")
    with pytest.raises(formats.FormatError, match=r"story\.xml: reading nitf needs the defusedxml package"):
        formats.extract((FIXTURES / "formats" / "solar-plant.nitf.xml").read_text("utf-8"), "auto", "story.xml")


def test_extract_is_the_library_entry_point():
    data = (FIXTURES / "formats" / "solar-plant.ninjs.json").read_bytes()
    ex = formats.extract(data, "ninjs", "story.json")
    assert ex.format == "ninjs" and ex.text.startswith("Shigatse solar plant starts feeding the grid\n\nXinhua\n\nSHIGATSE")
    assert [s.role for s in ex.segments][-2:] == ["caption", "caption"]
    with pytest.raises(formats.FormatError, match="unknown input format 'docx'"):
        formats.extract(data, "docx", "story.json")


def test_ninjs_2_lists_of_headlines_bodies_descriptions_and_associations():
    doc = {
        "uri": "urn:example:1", "type": "text", "version": "2",
        "headlines": [{"value": "Floods hit Guangxi", "role": "main"}],
        "bodies": [{"value": "<p>Rain rain fell on Nanning.</p>", "contenttype": "text/html"}],
        "descriptions": [{"value": "The picture shows rescuers.", "role": "caption"}],
        "associations": [{"name": "pic", "type": "picture", "descriptions": [{"value": "Photo by Li Ming"}]}],
        "keywords": ["rain rain"],
    }
    source = json.dumps(doc, indent=1)
    ex = formats.extract(source, "auto", "floods.json")
    assert ex.format == "ninjs"
    assert ex.text == "Floods hit Guangxi\n\nThe picture shows rescuers.\n\nRain rain fell on Nanning.\n\nPhoto by Li Ming"
    findings = formats.remap(check_document(Document(ex.text), RULES), ex)
    assert [(f.rule_id, source[f.start : f.end]) for f in findings] == [("wire.duplicate-words", "Rain rain")]


def test_windows_line_ends_and_entities_keep_columns():
    page = "<html><body>\r\n<p>Prices &amp; wages rose\r\n   in in May.</p>\r\n</body></html>\r\n"
    ex = formats.extract(page, "html", "p.html")
    assert ex.text == "Prices & wages rose in in May."
    [f] = [f for f in formats.remap(check_document(Document(ex.text), RULES), ex) if f.rule_id == "wire.duplicate-words"]
    assert page[f.start : f.end] == "in in" and (f.position.line, f.position.column) == (3, 4)


def test_newsml_inline_data_reads_each_line_as_a_paragraph():
    item = ('<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" standard="NewsML-G2">\n'
            '  <contentMeta><headline>Rain</headline></contentMeta>\n'
            '  <contentSet><inlineData contenttype="text/plain">LHASA, May 2 (Xinhua) -- Rain rain fell.\n'
            'Roads &amp; bridges shut.\n\nThird.</inlineData></contentSet>\n</newsItem>\n')
    ex = formats.extract(item, "auto", "rain.xml")
    assert ex.text == "Rain\n\nLHASA, May 2 (Xinhua) -- Rain rain fell.\n\nRoads & bridges shut.\n\nThird."
    [f] = [f for f in formats.remap(check_document(Document(ex.text), RULES), ex) if f.rule_id == "wire.duplicate-words"]
    assert item[f.start : f.end] == "Rain rain" and f.position.line == 3


def test_blocks_carry_no_layout_white_space():
    ex = formats.extract("<p>\n  Rain fell.\n</p>\n<p>Roads <b>shut</b>\n</p><p>Bridges&nbsp;</p><p>foo  \n   bar</p>", "html", "x.html")
    assert ex.text == "Rain fell.\n\nRoads shut\n\nBridges\n\nfoo bar"


def test_fix_replacements_are_escaped_for_the_markup_they_land_in():
    from dataclasses import replace as dc_replace

    from checker.finding import Fix

    cases = [
        ("html", "<p>Salt and pepper.</p>", "Salt &amp; pepper"),
        ("ninjs", '{"headline": "Salt and pepper", "body_text": "Salt and pepper \\"now\\"."}', 'Salt & pepper'),
        ("markdown", "Salt and pepper.\n", "Salt & pepper"),
    ]
    [base] = check_document(Document("Salt Salt"), RULES)  # any finding, to carry the fix
    for fmt, source, written in cases:
        ex = formats.extract(source, fmt, "x")
        start = ex.text.index("Salt and pepper")
        finding = dc_replace(base, fixes=(Fix(start, start + len("Salt and pepper"), "Salt & pepper"),))
        [mapped] = formats.remap([finding], ex)
        [x] = mapped.fixes
        assert source[x.start : x.end] == "Salt and pepper" and x.replacement == written and x.safe


def test_jobs_give_the_same_report_for_every_format():
    one = checker("lint", "--format", "json", FIXTURES / "formats", text=True)
    two = checker("lint", "--format", "json", "--jobs", "2", FIXTURES / "formats", text=True)
    assert one.returncode == two.returncode == 1
    assert json.loads(one.stdout)["files"] == json.loads(two.stdout)["files"]
