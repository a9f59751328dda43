"""LanguageTool's API on `checker serve`, driven by the real client (language_tool_python, remote-server mode).

A LanguageTool client must find each match where the checker's finding is,
in UTF-16 code units on the wire, and its `correct()` (first replacement of
each match) must write what `checker fix` writes.
"""

from __future__ import annotations

import json
import unicodedata

import httpx
import language_tool_python
import pytest

from cli_support import checker
from serve_support import seed_stories

# Two characters outside the BMP before the findings (an emoji, a mathematical letter): each is two UTF-16 units.
ASTRAL = "Officials 😀 in 𝕃 Lhasa said the the plan was final. (over)\n"


@pytest.fixture(scope="module")
def server(default_server):
    return default_server


@pytest.fixture(scope="module")
def tool(server):
    lt = language_tool_python.LanguageTool("en-US", remote_server=server.url)
    yield lt
    lt.close()


def findings(server, text: str) -> list[dict]:
    return httpx.post(server.url + "/v1/check", json={"text": text}, timeout=60).json()["files"][0]["findings"]


def fixed_by_cli(text: str, tmp_path) -> str:
    story = tmp_path / "story.txt"
    story.write_bytes(text.encode("utf-8"))
    proc = checker("fix", "story.txt", cwd=tmp_path, text=True)
    assert proc.returncode == 0, proc.stderr
    return story.read_bytes().decode("utf-8")


@pytest.mark.parametrize("story", seed_stories(), ids=lambda p: p.name[:3])
def test_client_matches_are_the_findings(server, tool, story, tmp_path):
    text = story.read_bytes().decode("utf-8")
    expected = findings(server, text)
    matches = tool.check(text)
    assert len(matches) == len(expected) > 0
    for match, finding in zip(matches, expected):
        assert text[match.offset: match.offset + match.error_length] == finding["text"]
        assert (match.rule_id, match.category, match.rule_issue_type) == (finding["rule"], finding["category"], finding["issue_type"])
        assert match.message == unicodedata.normalize("NFKC", finding["message"])  # the client NFKC-folds messages (… -> ...)
        # only real fix text, never the advice of a message; the first one is safe
        safe = [x["replacement"] for x in finding["fixes"] if x["safe"]]
        assert match.replacements[:1] == safe[:1] or (not match.replacements and not safe)
    assert tool.correct(text) == fixed_by_cli(text, tmp_path)


def test_offsets_are_utf16_outside_the_bmp(server, tool, tmp_path):
    wire = httpx.post(server.url + "/v2/check", data={"language": "en-US", "text": ASTRAL}).json()
    found = {m["rule"]["id"]: m for m in wire["matches"]}
    dup = found["wire.duplicate-words"]
    start = ASTRAL.index("the the")
    assert dup["offset"] == len(ASTRAL[:start].encode("utf-16-le")) // 2 == start + 2  # two astral characters before it
    assert dup["length"] == 7 and dup["replacements"] == [{"value": "the"}]
    ctx = dup["context"]
    assert ctx["text"].encode("utf-16-le")[2 * ctx["offset"]: 2 * (ctx["offset"] + ctx["length"])].decode("utf-16-le") == "the the"
    assert dup["sentence"] == ASTRAL.split("\n")[0].rsplit(" (", 1)[0]
    # a flagged span that is itself outside the BMP (a CJK Extension B character left untranslated)
    cjk = httpx.post(server.url + "/v2/check", data={"language": "en-US", "text": "He met 😀 Mr 𠀀 today.\n"}).json()
    left = [m for m in cjk["matches"] if m["rule"]["id"] == "zh-en.untranslated-cjk"]
    assert [(m["offset"], m["length"]) for m in left] == [(13, 2)]
    # the client turns them back into Python offsets, and its correct() is `checker fix`
    for match in tool.check(ASTRAL):
        assert ASTRAL[match.offset: match.offset + match.error_length] in ("the the", "(over)")
    assert tool.correct(ASTRAL) == fixed_by_cli(ASTRAL, tmp_path) == ASTRAL.replace("the the", "the").replace("(over)", "(End)")


def test_annotated_data_checks_text_and_keeps_offsets_in_the_whole(server):
    parts = [{"markup": "<p>"}, {"text": "Officials 😀 said "}, {"markup": "<b>"}, {"text": "the the"},
             {"markup": "</b>"}, {"text": " plan was final."}, {"markup": "</p>", "interpretAs": "\n\n"},
             {"text": "(over)"}]
    whole = "".join(p.get("text", p.get("markup")) for p in parts)
    reply = httpx.post(server.url + "/v2/check", data={"language": "en", "data": json.dumps({"annotation": parts})})
    assert reply.status_code == 200
    units = whole.encode("utf-16-le")
    flagged = {m["rule"]["id"]: units[2 * m["offset"]: 2 * (m["offset"] + m["length"])].decode("utf-16-le")
               for m in reply.json()["matches"]}
    assert flagged == {"wire.duplicate-words": "the the", "wire.end-mark": "(over)"}


def test_rule_and_category_filters(server):
    def rules(**fields) -> set[str]:
        reply = httpx.post(server.url + "/v2/check", data={"language": "en-GB", "text": ASTRAL, **fields})
        assert reply.status_code == 200, reply.text
        return {m["rule"]["id"] for m in reply.json()["matches"]}

    assert rules() == {"wire.duplicate-words", "wire.end-mark"}
    assert rules(disabledRules="wire.end-mark,SOME_LT_RULE") == {"wire.duplicate-words"}
    assert rules(disabledCategories="repetition") == {"wire.end-mark"}
    assert rules(enabledRules="wire.end-mark", enabledOnly="true") == {"wire.end-mark"}
    assert rules(enabledCategories="repetition", enabledOnly="true") == {"wire.duplicate-words"}


def test_languages_and_errors(server):
    languages = httpx.get(server.url + "/v2/languages").json()
    assert {"name": "English (US)", "code": "en", "longCode": "en-US"} in languages
    bad = [({"text": "x"}, "language"), ({"language": "de-DE", "text": "x"}, "de-DE"),
           ({"language": "en-US"}, "'text' or 'data'"), ({"language": "en-US", "data": "{oops"}, "annotation"),
           ({"language": "en-US", "text": "x", "enabledOnly": "true"}, "enabled rules"),
           ({"language": "en-US", "data": '{"annotation": [{"text": "the the \\ud800"}]}'}, "lone surrogate")]
    for form, words in bad:
        reply = httpx.post(server.url + "/v2/check", data=form)
        assert reply.status_code == 400 and words in reply.text and "Traceback" not in reply.text
