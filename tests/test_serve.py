"""`checker serve` as a CMS meets it: a real server process on a free port, spoken to over HTTP.

The /v1 report must be the CLI's `--format json` report of the same text
(findings byte for byte), valid against the published schema, with the
gate's verdict; bad requests get a 4xx with a one-line JSON message.
"""

from __future__ import annotations

import json
import shutil
import signal
import threading
import time
from importlib import resources

import httpx
import jsonschema
import pytest

from cli_support import ROOT, checker
from serve_support import Server, cpu_seconds, seed_stories

pytestmark = pytest.mark.heavy(9)  # see tests/conftest.py: started early, not left for last

SCHEMA = json.loads(resources.files("checker.schemas").joinpath("report.schema.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def server(default_server):
    return default_server


def post(server, body, **kw) -> httpx.Response:
    return httpx.post(server.url + "/v1/check", json=body, timeout=60, **kw)


def files_section(report_text: str) -> str:
    """The report's `files` array as written: the findings, one a line."""
    return report_text[report_text.index('"files": ['): report_text.index('\n  "errors"')]


@pytest.mark.parametrize("story", seed_stories(), ids=lambda p: p.name[:3])
def test_v1_report_is_the_cli_report(server, story, tmp_path):
    local = tmp_path / "story.txt"
    shutil.copyfile(story, local)
    cli = checker("lint", "--format", "json", "story.txt", cwd=tmp_path, text=True)
    assert cli.returncode in (0, 1), cli.stderr
    reply = post(server, {"text": story.read_bytes().decode("utf-8"), "path": "story.txt"})
    assert reply.status_code == 200 and reply.headers["content-type"] == "application/json"
    assert files_section(reply.text) == files_section(cli.stdout)  # byte for byte
    report, expected = reply.json(), json.loads(cli.stdout)
    jsonschema.validate(report, SCHEMA)
    assert report["files"][0]["findings"], "a seed story has findings"
    assert {k: v for k, v in report.items() if k != "gate"} == expected
    assert report["gate"] == {"fail_on": "error", "fails": cli.returncode == 1, "exit_code": cli.returncode}


def test_v1_counts_accepted_findings_as_lint_does(tmp_path):
    """A config's accept list: the findings it drops are counted, and entries that matched nothing listed, as lint does."""
    story = seed_stories()[0]
    shutil.copyfile(story, tmp_path / "story.txt")
    config = tmp_path / "checker.yaml"
    config.write_text("accept:\n  - {rule: consistency.name-drift, text: Laba Zhuoma}\n"
                      "  - {rule: wire.duplicate-words, text: no such words}\n", "utf-8")
    cli = checker("lint", "--format", "json", "--config", config, "story.txt", cwd=tmp_path, text=True)
    expected = json.loads(cli.stdout)
    assert expected["suppressions"]["accepted"] >= 1 and len(expected["suppressions"]["unused"]) == 1
    with Server("--config", config) as served:
        report = post(served, {"text": story.read_text("utf-8"), "path": "story.txt"}).json()
    assert report["suppressions"] == expected["suppressions"]
    assert report["summary"] == expected["summary"] and report["files"] == expected["files"]


def test_select_ignore_and_fail_on_per_request(server, tmp_path):
    story = seed_stories()[1]
    shutil.copyfile(story, tmp_path / "s.txt")
    text = story.read_text("utf-8")
    for options in (["--select", "wire"], ["--ignore", "wire.duplicate-words,typo"]):
        cli = json.loads(checker("lint", "--format", "json", *options, "s.txt", cwd=tmp_path, text=True).stdout)
        field, ids = options[0][2:], options[1].split(",")
        report = post(server, {"text": text, "path": "s.txt", field: ids}).json()
        assert report["files"] == cli["files"] and report["rules"] == cli["rules"]
    wire = post(server, {"text": text, "select": "wire"}).json()
    assert {f["rule"].split(".")[0] for f in wire["files"][0]["findings"]} == {"wire"}
    info = post(server, {"text": "Officials said the plan was final.\n", "fail_on": "info"}).json()
    assert info["gate"] == {"fail_on": "info", "fails": False, "exit_code": 0}
    never = post(server, {"text": text, "fail_on": "never"}).json()
    assert never["summary"]["findings"] > 0 and never["gate"]["fails"] is False


@pytest.mark.parametrize("name, fmt", [("solar-plant.nitf.xml", "nitf"), ("solar-plant.html", "html"), ("solar-plant.md", "markdown")])
def test_story_formats_as_the_cli_reads_them(server, name, fmt, tmp_path):
    story = ROOT / "fixtures" / "formats" / name
    shutil.copyfile(story, tmp_path / name)
    cli = checker("lint", "--format", "json", "--input-format", fmt, name, cwd=tmp_path, text=True)
    assert cli.returncode in (0, 1), cli.stderr
    reply = post(server, {"text": story.read_bytes().decode("utf-8"), "path": name, "format": fmt})
    assert reply.status_code == 200, reply.text
    assert files_section(reply.text) == files_section(cli.stdout)
    assert reply.json()["files"][0]["findings"], "each format fixture has findings"
    broken = post(server, {"text": "<nitf><body><p>The the end", "path": "x.xml", "format": "nitf"})
    assert broken.status_code == 400 and "x.xml" in broken.json()["error"]


def test_the_path_is_a_label_never_opened(server):
    report = post(server, {"text": "One two three.\n", "path": "/etc/passwd"}).json()
    assert report["files"] == [{"path": "/etc/passwd", "words": 3, "findings": []}]


@pytest.mark.parametrize("body, words", [
    (b"{not json", "not valid JSON"),
    (b"[1, 2]", "JSON object"),
    (b'{"path": "a.txt"}', "missing field 'text'"),
    (b'{"text": 5}', "'text' must be a string"),
    (b'{"text": "  "}', "empty"),
    (b'{"text": "x", "txt": "y"}', "unknown field 'txt'"),
    (b'{"text": "x", "fail_on": "fatal"}', "'fail_on' must be one of"),
    (b'{"text": "x", "select": [1]}', "'select' must be a list"),
    (b'{"text": "x", "ignore": ["no.such-rule"]}', "matches no rule"),
    (b'{"text": "x", "format": "docx"}', "format"),
    (b'\xff\xfe', "not valid JSON"),
    (b'{"text": "the the \\ud800 end"}', "lone surrogate"),
    (b'{"text": "x", "select": ["\\ud800"]}', "matches no rule"),
])
def test_bad_requests_get_400_with_a_message(server, body, words):
    reply = httpx.post(server.url + "/v1/check", content=body, headers={"content-type": "application/json"})
    assert reply.status_code == 400
    assert words in reply.json()["error"] and "Traceback" not in reply.text


def test_source_gives_the_bilingual_findings_lint_gives(server, tmp_path):
    """The Chinese original in `source` is held against the copy as `checker lint --source` does."""
    text = "The port handled 35 million tonnes in 2023, the company said.\n"
    source = "该公司表示，2023年港口吞吐量为5300万吨。\n"
    reply = post(server, {"text": text, "source": source, "path": "story.txt"})
    assert reply.status_code == 200
    served = reply.json()["files"][0]["findings"]
    (tmp_path / "story.txt").write_text(text, "utf-8")
    (tmp_path / "story.zh.txt").write_text(source, "utf-8")
    cli = json.loads(checker("lint", "--format", "json", "--fail-on", "never", "story.txt", cwd=tmp_path, text=True).stdout)
    assert [(f["rule"], f["start"], f["end"]) for f in served] == [(f["rule"], f["start"], f["end"]) for f in cli["files"][0]["findings"]]
    assert ("bilingual.number-mismatch", "35 million") in [(f["rule"], f["text"]) for f in served]


def test_enable_runs_a_rule_off_by_default_as_lint_enable_does(server, tmp_path):
    """`enable` turns on a rule listed off in /v1/rules (bilingual.name-missing), leaving the rest as they are."""
    text = "Liu Zhijie spoke first.\nThe meeting began at noon.\nThe consul said the plan worked.\nLiu Zhijie left.\n"
    source = "刘志杰首先发言。\n会议中午开始。\n领事刘志杰表示，计划奏效。\n刘志杰随后离开。\n"
    (tmp_path / "story.txt").write_text(text, "utf-8")
    (tmp_path / "story.zh.txt").write_text(source, "utf-8")
    for enable in ([], ["bilingual.name-missing"]):
        reply = post(server, {"text": text, "source": source, "path": "story.txt", "enable": enable})
        assert reply.status_code == 200, reply.text
        served = [(f["rule"], f["start"], f["end"]) for f in reply.json()["files"][0]["findings"]]
        cli = json.loads(checker("lint", "--format", "json", "--fail-on", "never", *(["--enable", *enable] if enable else []),
                                 "story.txt", cwd=tmp_path, text=True).stdout)
        assert served == [(f["rule"], f["start"], f["end"]) for f in cli["files"][0]["findings"]]
        assert ("bilingual.name-missing" in {rule for rule, _, _ in served}) is bool(enable)
    wrong = post(server, {"text": text, "enable": "bilingual.name-mising"})
    assert wrong.status_code == 400 and "'enable': 'bilingual.name-mising' matches no rule" in wrong.json()["error"]


def test_rules_health_openapi(server):
    rules = httpx.get(server.url + "/v1/rules").json()["rules"]
    listed = json.loads(checker("rules", "list", "--format", "json", text=True).stdout)
    listed = listed["rules"] if isinstance(listed, dict) else listed
    # the rules in force, then those off by default, as `rules list` gives them
    assert [(r["id"], r["enabled"]) for r in rules] == [(r["id"], r["enabled"]) for r in listed]
    assert ("bilingual.name-missing", False) in [(r["id"], r["enabled"]) for r in rules]
    health = httpx.get(server.url + "/healthz").json()
    assert health["status"] == "ok" and health["rules"] == len([r for r in rules if r["enabled"]])
    doc = httpx.get(server.url + "/openapi.json").json()
    assert doc["openapi"].startswith("3.") and {"/v1/check", "/v2/check", "/v2/languages", "/v1/rules"} <= set(doc["paths"])
    # the report schema inside it is the published one, and a real reply satisfies it with its refs resolved
    report = post(server, {"text": "the the end\n"}).json()
    jsonschema.validate(report, {**doc["components"]["schemas"]["Report"], "components": doc["components"]} | {"$ref": "#/components/schemas/Report"})
    assert httpx.get(server.url + "/nowhere").status_code == 404


def test_limits_body_size_token_cors():
    with Server("--max-body", "2000", "--token", "s3cret", "--cors-origin", "https://cms.example") as server:
        auth = {"Authorization": "Bearer s3cret"}
        assert post(server, {"text": "x"}).status_code == 401
        assert post(server, {"text": "x"}, headers={"Authorization": "Bearer wrong"}).status_code == 401
        assert post(server, {"text": "the the end"}, headers=auth).status_code == 200
        assert httpx.get(server.url + "/healthz").status_code == 200  # a probe needs no token
        assert httpx.get(server.url + "/").status_code == 200  # the page asks for it
        big = post(server, {"text": "word " * 1000}, headers=auth)
        assert big.status_code == 413 and "2000 bytes" in big.json()["error"]
        chunked = httpx.post(server.url + "/v1/check", content=iter([b'{"text": "', b"x" * 3000, b'"}']), headers=auth)
        assert chunked.status_code == 413
        preflight = {"Origin": "https://cms.example", "Access-Control-Request-Method": "POST",
                     "Access-Control-Request-Headers": "authorization,content-type"}
        allowed = httpx.options(server.url + "/v1/check", headers=preflight)
        assert allowed.status_code == 200 and allowed.headers["access-control-allow-origin"] == "https://cms.example"
        other = httpx.options(server.url + "/v1/check", headers={**preflight, "Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in other.headers
        code, output = server.stop()
    assert graceful(code, output) and "Traceback" not in output


def test_bind_localhost_by_default_and_bad_config_is_one_line(tmp_path):
    out = checker("serve", "--help", text=True).stdout
    assert "127.0.0.1" in out and "8081" in out
    bad = tmp_path / "bad.yaml"
    bad.write_text("fail_on: sometimes\n", "utf-8")
    proc = checker("serve", "--config", bad, "--port", "1", text=True)
    assert proc.returncode == 2 and proc.stderr.startswith("checker: error:") and "Traceback" not in proc.stderr


def graceful(code: int, output: str) -> bool:
    """uvicorn finishes its requests, then re-raises the SIGTERM it caught, so the exit is by that signal."""
    return code in (0, -signal.SIGTERM) and "Waiting for application shutdown" in output and "Finished server process" in output


def big_story(n: int) -> str:
    return seed_stories()[1].read_text("utf-8") * n


def test_time_budget_answers_503_others_are_served_and_the_abandoned_check_stops():
    """A story past the time budget gets a 503 while a quick one is served beside it; after the 503 the
    abandoned check ends itself: it does not run on for seconds beside other requests. (One server and one
    slow check for both: each costs a second or more of CPU.)"""
    with Server("--max-body", "5000000", "--time-budget", "1") as server:
        slow = {}
        # several seconds of checking without a budget
        worker = threading.Thread(target=lambda: slow.setdefault("reply", post(server, {"text": big_story(300)})))
        worker.start()
        time.sleep(0.2)
        quick = post(server, {"text": "the the end\n"})
        worker.join()
        assert quick.status_code == 200 and quick.json()["summary"]["findings"] == 1
        assert slow["reply"].status_code == 503 and "time budget" in slow["reply"].json()["error"]
        time.sleep(0.3)  # the check reaches its next rule or regex and stops
        before = cpu_seconds(server.proc.pid)
        time.sleep(1.5)
        assert cpu_seconds(server.proc.pid) - before < 0.5  # idle; an abandoned check would burn ~1.5 s here
        assert post(server, {"text": "the the end\n"}).json()["summary"]["findings"] == 1


def test_sigterm_lets_the_request_in_flight_finish():
    server = Server("--max-body", "5000000", "--time-budget", "60")
    text = big_story(60)
    reply = {}
    worker = threading.Thread(target=lambda: reply.setdefault("r", post(server, {"text": text})))
    worker.start()
    time.sleep(0.4)  # the story is in the server by now; its check takes over a second
    code, output = server.stop()
    worker.join()
    assert reply["r"].status_code == 200 and reply["r"].json()["summary"]["findings"] > 1000
    assert graceful(code, output)
