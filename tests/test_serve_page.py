"""The editors' page in a real browser: headless Chromium loads it from a running `checker serve`,
a seed story is pasted, and the page must highlight exactly the JSON findings and, with "Apply all
safe fixes", end with the text `checker fix` writes.

To look at the page with a story checked:
    python tests/test_serve_page.py STORY.txt SHOT.png
"""

from __future__ import annotations

import json
import shutil
import sys
import time
from pathlib import Path

import httpx
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from browser import Browser, find_chromium  # noqa: E402
from cli_support import checker  # noqa: E402
from serve_support import Server, seed_stories  # noqa: E402

CHROMIUM = find_chromium()
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="no Chromium at /usr/bin/chromium or on PATH: install Debian's package (apt-get install -y chromium) to run the page test",
)
HOSTILE = 'He said the the <img src=x onerror="window.pwned=1"> plan &amp; <script>window.pwned=2</script> (over)\n'

READ_MARKS = """
Array.from(document.querySelectorAll('#view mark')).map(function(m){
  return {start: Number(m.dataset.start), end: Number(m.dataset.end), text: m.textContent, cls: m.className,
          f: (m.dataset.f || '').split(' ').filter(Boolean).map(Number), title: m.title,
          bg: getComputedStyle(m).backgroundColor, tab: m.tabIndex};
})
"""


def wait_state(browser: Browser, *, timeout: float = 30) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state = browser.evaluate("document.body.dataset.state || ''")
        if state in ("done", "error"):
            return state
        time.sleep(0.05)
    raise AssertionError("the page did not finish checking")


def paste_and_check(browser: Browser, text: str) -> None:
    """Paste as an editor does (text inserted at the caret of the focused box), then press Ctrl+Enter."""
    browser.evaluate("document.getElementById('story').value = ''; document.getElementById('story').focus(); true")
    browser.send("Input.insertText", {"text": text})
    browser.evaluate("document.body.dataset.state = ''")
    for kind in ("keyDown", "keyUp"):
        browser.send("Input.dispatchKeyEvent", {"type": kind, "key": "Enter", "code": "Enter", "windowsVirtualKeyCode": 13,
                                                "modifiers": 2, **({"text": "\r"} if kind == "keyDown" else {})})
    assert wait_state(browser) == "done"


def spans_of(marks: list[dict], index: int) -> tuple[int, int, str]:
    """A finding's highlighted extent: its marks must be adjacent pieces of one span."""
    own = [m for m in marks if index in m["f"]]
    assert own, f"finding {index} is not highlighted"
    for a, b in zip(own, own[1:]):
        assert a["end"] == b["start"], f"finding {index} is highlighted in pieces with a gap"
    return own[0]["start"], own[-1]["end"], "".join(m["text"] for m in own)


@pytest.fixture(scope="module")
def page(default_server):
    browser = Browser(CHROMIUM)
    try:
        browser.open(default_server.url + "/")
        yield default_server, browser
    finally:
        browser.close()


@pytest.mark.parametrize("story", seed_stories(), ids=lambda p: p.name[:3])
def test_highlights_are_the_findings_and_safe_fixes_are_checker_fix(page, story, tmp_path):
    server, browser = page
    text = story.read_bytes().decode("utf-8")
    paste_and_check(browser, text)
    findings = httpx.post(server.url + "/v1/check", json={"text": text, "path": "story.txt"}).json()["files"][0]["findings"]
    assert browser.evaluate("document.getElementById('view').textContent") == text
    marks = browser.evaluate(READ_MARKS)
    assert len(findings) > 0
    for i, f in enumerate(findings):
        assert spans_of(marks, i) == (f["start"], f["end"], f["text"])
        assert any(f["message"] in m["title"] for m in marks if i in m["f"])
    # colour by severity: a mark's class is its worst finding's severity, each with its own background
    colours = {m["cls"]: m["bg"] for m in marks if m["f"]}
    assert set(colours) <= {"error", "warning", "info"} and len(set(colours.values())) == len(colours)
    assert all(m["tab"] == 0 for m in marks if m["f"])  # every finding reachable with Tab

    story_copy = tmp_path / "story.txt"
    shutil.copyfile(story, story_copy)
    assert checker("fix", "story.txt", cwd=tmp_path).returncode == 0
    if story_copy.read_bytes() == story.read_bytes():  # nothing safe to fix (title-case fixes are not safe)
        assert browser.evaluate("document.getElementById('apply-all').disabled") is True
        return
    browser.evaluate("document.body.dataset.state = ''; document.getElementById('apply-all').click(); true")
    assert wait_state(browser) == "done"
    assert browser.evaluate("document.getElementById('story').value") == story_copy.read_bytes().decode("utf-8")


def test_keyboard_related_mentions_filters_and_one_fix(page):
    server, browser = page
    text = seed_stories()[0].read_bytes().decode("utf-8")
    paste_and_check(browser, text)
    findings = httpx.post(server.url + "/v1/check", json={"text": text}).json()["files"][0]["findings"]
    # n moves to the first finding and shows it in the panel
    browser.evaluate("document.activeElement.blur(); true")
    browser.send("Input.dispatchKeyEvent", {"type": "keyDown", "key": "n", "text": "n"})
    browser.send("Input.dispatchKeyEvent", {"type": "keyUp", "key": "n"})
    detail = browser.evaluate("document.getElementById('detail').textContent")
    assert findings[0]["message"] in detail and findings[0]["rule"] in detail
    assert browser.evaluate("document.activeElement.tagName") == "MARK"
    # a finding with a related mention: its button focuses the mark at that mention
    i, related = next((i, f["related"][0]) for i, f in enumerate(findings) if f["related"])
    browser.evaluate(f"Array.from(document.querySelectorAll('#view mark')).find(m => m.dataset.f.split(' ').includes('{i}')).focus(); true")
    browser.evaluate("document.querySelector('#detail button.related').click(); true")
    focused = browser.evaluate("[Number(document.activeElement.dataset.start), Number(document.activeElement.dataset.end)]")
    assert focused[0] <= related["start"] < focused[1]
    # filters: only warnings, then one rule
    browser.evaluate("document.querySelector('input.sev[value=error]').click(); document.querySelector('input.sev[value=info]').click(); true")
    shown = {findings[i]["severity"] for m in browser.evaluate(READ_MARKS) for i in m["f"]}
    assert shown == {"warning"}
    browser.evaluate("document.querySelectorAll('input.sev').forEach(c => { if (!c.checked) c.click(); }); true")
    rule = findings[0]["rule"]
    browser.evaluate(f"var s = document.getElementById('rule'); s.value = {json.dumps(rule)}; s.dispatchEvent(new Event('change')); true")
    assert {findings[i]["rule"] for m in browser.evaluate(READ_MARKS) for i in m["f"]} == {rule}
    browser.evaluate("var s = document.getElementById('rule'); s.value = ''; s.dispatchEvent(new Event('change')); true")


def test_one_click_fix_and_hostile_text_stays_text(page):
    server, browser = page
    paste_and_check(browser, HOSTILE)
    assert browser.evaluate("window.pwned === undefined && document.querySelectorAll('#view img, #view script').length === 0")
    assert browser.evaluate("document.getElementById('view').textContent") == HOSTILE
    browser.evaluate("document.querySelector('#view mark').focus(); true")
    browser.evaluate("document.body.dataset.state = ''; document.querySelector('#detail button.fix').click(); true")
    assert wait_state(browser) == "done"
    assert browser.evaluate("document.getElementById('story').value") == HOSTILE.replace("the the", "the", 1)
    assert browser.evaluate("window.pwned === undefined")


def test_source_goes_to_the_server_and_its_answer_is_shown(page):
    server, browser = page
    browser.evaluate("document.getElementById('source').value = '计划已定。'; true")
    try:
        browser.evaluate("document.getElementById('story').value = 'The plan was final.'; document.body.dataset.state = '';"
                         "document.getElementById('check').click(); true")
        state = wait_state(browser)
        status = browser.evaluate("document.getElementById('status').textContent")
        refused = httpx.post(server.url + "/v1/check", json={"text": "x", "source": "y"}).status_code == 400
        if refused:
            assert state == "error" and "source checking not available" in status
        else:
            assert state == "done"
    finally:
        browser.evaluate("document.getElementById('source').value = ''; true")


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python tests/test_serve_page.py STORY.txt SHOT.png", file=sys.stderr)
        return 2
    if CHROMIUM is None:
        print("no Chromium found: apt-get install -y chromium", file=sys.stderr)
        return 2
    with Server() as server:
        browser = Browser(CHROMIUM)
        try:
            browser.open(server.url + "/")
            paste_and_check(browser, Path(argv[0]).read_text("utf-8"))
            browser.evaluate("document.getElementById('next').click(); true")
            browser.screenshot(Path(argv[1]))
        finally:
            browser.close()
    print(f"wrote {argv[1]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
