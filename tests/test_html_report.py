"""The HTML report in a real browser: headless Chromium (Debian's `chromium`) loads the page and
the test reads back what an editor would see: the story text intact, each finding highlighted at
its span in its severity's colour, messages on hover and click, related mentions linked.

To look at the page yourself: `python tests/browser.py REPORT.html SHOT.png` (see tests/browser.py).
"""

from __future__ import annotations

import json

import pytest

from browser import Browser, find_chromium
from cli_support import ROOT, SAMPLE, SAMPLE_EXPECTED, SAMPLE_RULES, checker

CHROMIUM = find_chromium()
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="no Chromium at /usr/bin/chromium or on PATH: install Debian's package (apt-get install -y chromium) to run the HTML report test",
)
DUPLICATED = ROOT / "fixtures" / "duplicated-words.txt"
HOSTILE_TEXT = 'Officials said the the plan was "final" & <script>window.pwned = 1</script> approved.</pre>\n'

READ_PAGE = """
Array.from(document.querySelectorAll('section')).map(function(s){
  var pre = s.querySelector('pre.story');
  return {
    path: s.dataset.path,
    text: pre ? pre.textContent : null,
    foreign: pre ? pre.querySelectorAll('*:not(mark):not(a)').length : 0,
    marks: pre ? Array.from(pre.querySelectorAll('mark')).map(function(m){
      var box = m.getBoundingClientRect();
      return {f: (m.dataset.f || '').split(' ').filter(Boolean).map(Number),
              r: (m.dataset.r || '').split(' ').filter(Boolean).map(Number),
              cls: m.className, title: m.title, text: m.textContent,
              bg: getComputedStyle(m).backgroundColor, width: box.width, height: box.height};
    }) : [],
    items: Array.from(s.querySelectorAll('ol.findings li')).map(function(li){
      return {text: li.textContent, links: Array.from(li.querySelectorAll('a')).map(function(a){
        return a.getAttribute('href').slice(1)})};
    }),
    error: (s.querySelector('.input-error') || {}).textContent || null
  };
})
"""


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    """The report of one run over two fixtures, a hostile story and a missing file, open in Chromium."""
    folder = tmp_path_factory.mktemp("html")
    hostile = folder / 'a&b "<c>".txt'
    hostile.write_text(HOSTILE_TEXT, "utf-8")
    inputs = [SAMPLE, DUPLICATED, hostile]
    report = folder / "report.html"
    proc = checker("lint", "--format", "html", *SAMPLE_RULES, "-o", report, *inputs, folder / "missing.txt")
    assert proc.returncode == 2 and report.is_file()
    findings = {e["path"]: e["findings"] for e in json.loads(checker("lint", "--format", "json", *SAMPLE_RULES, *inputs).stdout)["files"]}
    browser = Browser(CHROMIUM)
    try:
        browser.open(report.as_uri())
        yield browser, browser.evaluate(READ_PAGE), findings, inputs
    finally:
        browser.close()


def spans_of(section: dict, i: int, key: str = "f") -> str:
    return "".join(m["text"] for m in section["marks"] if i in m[key])


def test_each_story_is_shown_whole_and_escaped(run):
    browser, sections, _, inputs = run
    assert [s["path"] for s in sections][:3] == [str(p) for p in inputs]
    for section, path in zip(sections[:3], inputs, strict=True):
        assert section["text"] == path.read_text("utf-8")
        assert section["foreign"] == 0, "copy turned into markup"
    assert browser.evaluate("typeof window.pwned") == "undefined"


def test_each_finding_is_highlighted_at_its_span_in_its_colour(run):
    _, sections, findings, inputs = run
    colours = {}
    for section, path in zip(sections[:3], inputs, strict=True):
        expected = findings[str(path)]
        assert expected, path
        for i, f in enumerate(expected):
            assert spans_of(section, i) == f["text"], (path, f["rule"])
            for m in (m for m in section["marks"] if i in m["f"]):
                assert f["message"] in m["title"] and m["width"] > 0 and m["height"] > 0
                if len(m["f"]) == 1:
                    assert m["cls"].split()[0] == f["severity"]
                    colours.setdefault(f["severity"], set()).add(m["bg"])
            for r in f["related"]:
                assert r["text"] in spans_of(section, i, "r")
        assert len(section["items"]) == len(expected)
    assert all(len(c) == 1 for c in colours.values()) and len({c.pop() for c in colours.values()}) == 3
    sample = sections[0]
    assert [(findings[str(SAMPLE)][i]["rule"], spans_of(sample, i)) for i in range(len(SAMPLE_EXPECTED))] == [
        (rule, quote) for rule, quote, _ in SAMPLE_EXPECTED]


def test_hostile_copy_is_highlighted_without_running(run):
    _, sections, _, _ = run
    hostile = sections[2]
    # the doubled word, and the tags the test rules flag as stray markup
    assert [m["text"] for m in hostile["marks"] if m["f"]] == ["the the", "<script>", "</script>", "</pre>"]


def test_totals_and_input_errors(run):
    browser, sections, findings, _ = run
    total = sum(len(v) for v in findings.values())
    counts = {s: sum(f["severity"] == s for v in findings.values() for f in v) for s in ("error", "warning", "info")}
    assert browser.evaluate("document.getElementById('totals').textContent").startswith(
        f"{total} findings ({counts['error']} errors, {counts['warning']} warnings, {counts['info']} info) in 3 files; 1 input could not be checked")
    assert sections[3]["path"].endswith("missing.txt") and "no such file or directory" in sections[3]["error"]


def test_list_links_lead_to_the_marks_and_related_mentions(run):
    browser, sections, _, _ = run
    for section in sections:
        for item in section["items"]:
            for target in item["links"]:
                assert browser.evaluate(f"!!document.getElementById({json.dumps(target)})"), target
    xian = next(item for item in sections[0]["items"] if "test.xian" in item["text"])
    assert len(xian["links"]) == 2  # the finding and its related mention
    assert browser.evaluate(
        f"document.getElementById({json.dumps(xian['links'][1])}).nextElementSibling.textContent") == "Xi'an"


def test_clicking_a_highlight_shows_its_message_and_lights_related_mentions(run):
    browser, sections, findings, _ = run
    i = next(i for i, f in enumerate(findings[str(SAMPLE)]) if f["rule"] == "test.xian")
    box = browser.evaluate(f"""(function(){{
        var m = document.querySelector('#s1 mark[data-f="{i}"]');
        m.scrollIntoView({{block: 'center'}});
        var b = m.getBoundingClientRect();
        return {{x: b.left + b.width / 2, y: b.top + b.height / 2}};
    }})()""")
    assert browser.evaluate("document.getElementById('detail').hidden") is True
    browser.click(box["x"], box["y"])
    assert browser.evaluate("document.getElementById('detail').hidden") is False
    assert findings[str(SAMPLE)][i]["message"] in browser.evaluate("document.getElementById('detail').textContent")
    lit = browser.evaluate("Array.from(document.querySelectorAll('mark.focus')).map(function(m){return m.textContent})")
    assert sorted(lit) == ["Xi'an", "Xian"]


def test_the_page_needs_nothing_from_outside(run):
    browser, _, _, _ = run
    assert browser.evaluate("performance.getEntriesByType('resource').length") == 0
    assert browser.evaluate("document.querySelectorAll('[src], link').length") == 0


@pytest.fixture(scope="module")
def typography_page(tmp_path_factory):
    """The report on a story with like findings (two curly-quote findings with the same related mentions)."""
    folder = tmp_path_factory.mktemp("html-group")
    report = folder / "report.html"
    story = ROOT / "fixtures" / "typography.txt"
    assert checker("lint", "--format", "html", "--fail-on", "never", "-o", report, story).returncode == 0
    findings = json.loads(checker("lint", "--format", "json", story).stdout)["files"][0]["findings"]
    browser = Browser(CHROMIUM)
    try:
        browser.open(report.as_uri())
        yield browser, findings
    finally:
        browser.close()


def test_like_findings_are_one_item_with_each_place_linked(typography_page):
    browser, findings = typography_page
    items = browser.evaluate("Array.from(document.querySelectorAll('ol.findings li')).map(function(li){"
                             "return {f: li.dataset.f, rule: li.dataset.rule}})")
    quotes = [i for i, f in enumerate(findings) if f["rule"] == "typo.mixed-quotes"]
    assert len(quotes) == 2
    assert {"f": " ".join(map(str, quotes)), "rule": "typo.mixed-quotes"} in items
    assert len(items) == len(findings) - 1
    # every finding still has its own highlight
    marked = browser.evaluate("[].concat.apply([], Array.from(document.querySelectorAll('mark[data-f]'))"
                              ".map(function(m){return m.dataset.f.split(' ').map(Number)}))")
    assert set(marked) == set(range(len(findings)))


def test_filters_hide_findings_by_severity_and_rule(typography_page):
    browser, findings = typography_page
    visible = ("Array.from(document.querySelectorAll('ol.findings li')).filter(function(li){return !li.hidden})"
               ".map(function(li){return li.dataset.rule})")
    lit = "document.querySelectorAll('mark[data-f]:not(.off)').length"
    assert len(browser.evaluate(visible)) == len(findings) - 1
    browser.evaluate("(function(){var c = document.querySelector('#filters input[value=info]'); c.click();})()")
    shown = browser.evaluate(visible)
    assert shown and all(r in {f["rule"] for f in findings if f["severity"] != "info"} for r in shown)
    info_only = sum(1 for f in findings if f["severity"] == "info")
    assert browser.evaluate(lit) == len(findings) - info_only
    browser.evaluate("(function(){var s = document.getElementById('rule-filter'); s.value = 'typo.unbalanced';"
                     "s.dispatchEvent(new Event('change', {bubbles: true}));})()")
    assert browser.evaluate(visible) == ["typo.unbalanced"]
    assert browser.evaluate(lit) == 1
