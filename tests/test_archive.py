"""`checker batch` and `checker names learn` on a real local Dask cluster, driven as a user drives them.

One small archive (the bundled fixture stories plus generated ones, and a
few broken inputs) is written as a folder tree, JSON Lines and Parquet; the
serial `checker lint` of the tree is the reference every batch run must
reproduce story by story. One run has a worker process killed mid-run.
"""

from __future__ import annotations

import json
import logging
import shutil
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.cli_support import ROOT, checker, pattern_rule

pytest.importorskip("distributed")
pa = pytest.importorskip("pyarrow")
import pyarrow.parquet as pq  # noqa: E402
import psutil  # noqa: E402  (a dependency of distributed)

sys.path.insert(0, str(ROOT))
from bench.archive_generate import generate, score_authority, write_archive  # noqa: E402
from checker.archive.readers import Partition, partitions, read_partition  # noqa: E402
from checker.archive.rows import read_rows  # noqa: E402

BAD_UTF8 = b"LHASA, Nov. 11 (Xinhua) -- Caf\xe9 owners met.\n"
COMPARED = ("rule", "severity", "message", "start", "end", "line", "column", "end_line", "end_column", "text",
            "fingerprint")  # (the JSON report 2.0 has `replacements`, not `suggestion`)


@pytest.fixture(scope="module")
def scheduler():
    """A running two-worker cluster that the batch runs below join with `--scheduler`, as a desk joins its
    cluster (docs/scale.md): starting one per run cost each test two worker processes' start-up.
    `checker batch` starting its own LocalCluster is the killed-worker test's (a real process)."""
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                      silence_logs=logging.ERROR) as cluster:
        yield cluster.scheduler_address


def batch(scheduler, *args, **kw):
    return checker("batch", *args, "--scheduler", scheduler, "--fail-on", "never", text=True, **kw)


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    """The same stories as tree/, archive.jsonl and archive.parquet, and the serial lint of tree/."""
    base = tmp_path_factory.mktemp("archive")
    stories = [{"id": p.stem, "text": p.read_text(encoding="utf-8"), "date": "2024-05-01"}
               for p in sorted((ROOT / "fixtures").glob("*.txt"))]
    generated, truth = generate(count=300, seed=11)
    stories += generated
    stories.append({"id": "empty", "text": "  \n", "date": "2024-05-02"})
    tree = base / "tree"
    for s in stories:
        folder = tree / s["date"][:7]
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{s['id']}.txt").write_text(s["text"], encoding="utf-8")
    (tree / "2024-05" / "latin1.txt").write_bytes(BAD_UTF8)
    jsonl = base / "archive.jsonl"
    lines = [json.dumps(s, ensure_ascii=False) for s in stories]
    lines.insert(7, "{not json")
    jsonl.write_text("\n".join(lines) + "\n", encoding="utf-8")
    only_generated = base / "generated.jsonl"  # for scoring names learn against the generator's truth
    only_generated.write_text("".join(json.dumps(s) + "\n" for s in generated), encoding="utf-8")
    parquet = base / "archive.parquet"
    pq.write_table(pa.Table.from_pylist(stories), parquet, row_group_size=16)
    lint = checker("lint", "--format", "json", "--fail-on", "never", tree, text=True)
    report = json.loads(lint.stdout)
    expected = {Path(f["path"]).stem: f["findings"] for f in report["files"]}
    assert {Path(e["path"]).stem for e in report["errors"]} == {"empty", "latin1"}
    assert sum(map(len, expected.values())) > 20, "the reference should have findings to compare"
    return {"tree": tree, "jsonl": jsonl, "parquet": parquet, "expected": expected, "count": len(stories) + 1,
            "truth": truth, "stories": stories, "generated": only_generated}


def by_story(rows):
    found, errors = {}, {}
    for r in rows:
        key = r["story"].rsplit("/", 1)[-1].removesuffix(".txt")
        if r["error"]:
            errors[key] = r["error"]
        elif not r["rule"].startswith("archive."):
            found.setdefault(key, []).append(r)
    return found, errors


def assert_same_as_lint(out: Path, archive, extra_errors=()):
    found, errors = by_story(read_rows(out))
    expected = archive["expected"]
    for story, findings in expected.items():
        got = sorted(found.get(story, []), key=lambda r: (r["start"], r["rule"], r["end"]))
        assert [{k: r[k] for k in COMPARED} for r in got] == [{k: f[k] for k in COMPARED} for f in findings], story
        assert [json.loads(r["related"]) for r in got] == [f["related"] for f in findings], story
    assert set(found) <= set(expected)
    assert set(errors) == {"empty"} | set(extra_errors)


def test_folder_tree_gives_lints_findings_and_error_rows(archive, scheduler, tmp_path):
    out = tmp_path / "findings.parquet"
    run = batch(scheduler, archive["tree"], "--output", out, "--partition-size", "25")
    assert run.returncode == 2, run.stderr  # a story could not be read: exit 2, as lint
    assert_same_as_lint(out, archive, extra_errors={"latin1"})
    summary = json.loads((out / "_summary.json").read_text())
    assert summary["stories"] + summary["errors"] == archive["count"]
    assert summary["partitions"] == len(list(out.glob("part-*.parquet"))) > 1
    assert "not UTF-8" in by_story(read_rows(out))[1]["latin1"]


@pytest.mark.heavy(8)  # the file starts clusters: started early, not left for last
def test_parquet_input_cross_story_and_resume_redoes_only_missing_partitions(archive, scheduler, tmp_path):
    out = tmp_path / "findings.jsonl"
    assert batch(scheduler, archive["parquet"], "--output", out, "--partition-size", "60", "--cross-story").returncode == 2
    assert_same_as_lint(out, archive)
    assert_cross_story(read_rows(out), {**archive["truth"], "stories": archive["stories"]})
    parts = sorted(out.glob("part-*.jsonl"))
    first = {p.name: p.read_bytes() for p in parts}
    rows = read_rows(out)
    for p in parts[1:3]:
        p.unlink()
    again = batch(scheduler, archive["parquet"], "--output", out, "--partition-size", "60", "--cross-story", "--resume")
    summary = json.loads((out / "_summary.json").read_text())
    assert again.returncode == 2 and summary["resumed"] == len(parts) - 2
    assert {p.name: p.read_bytes() for p in sorted(out.glob("part-*.jsonl"))} == first
    assert sorted(map(json.dumps, read_rows(out))) == sorted(map(json.dumps, rows))
    other = batch(scheduler, archive["parquet"], "--output", out, "--partition-size", "10", "--resume")
    assert other.returncode == 2 and "other input or settings" in other.stderr


def _workers(pid: int) -> list[psutil.Process]:
    """The Dask worker processes under the `checker batch` process (not multiprocessing's resource tracker)."""
    found = []
    for child in psutil.Process(pid).children(recursive=True):
        try:
            cmd = " ".join(child.cmdline())
        except psutil.Error:
            continue
        if "spawn_main" in cmd and "resource_tracker" not in cmd:
            found.append(child)
    return found


def test_json_lines_with_a_worker_killed_mid_run(archive, tmp_path):
    out = tmp_path / "findings.parquet"
    cmd = [sys.executable, "-m", "checker", "batch", str(archive["jsonl"]), "--output", str(out), "--workers", "2",
           "--partition-size", "8", "--fail-on", "never"]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    killed, deadline = None, time.monotonic() + 60
    while killed is None and time.monotonic() < deadline and proc.poll() is None:
        if list(out.glob("part-*.parquet")) and len(_workers(proc.pid)) == 2:
            done_before = len(list(out.glob("part-*.parquet")))
            killed = _workers(proc.pid)[0]
            killed.kill()
            assert not (out / "_summary.json").exists()  # the kill landed mid-run
        time.sleep(0.01)
    _, stderr = proc.communicate(timeout=90)
    assert killed is not None, "no worker to kill: " + stderr
    assert proc.returncode == 2, stderr
    total = len(list(out.glob("part-*.parquet")))
    assert done_before < total
    assert_same_as_lint(out, archive, extra_errors={"archive.jsonl@" + str(_offset_of_bad_line(archive["jsonl"]))})


def _offset_of_bad_line(path: Path) -> int:
    data = path.read_bytes()
    return data.index(b"{not json")


@pytest.mark.parametrize("size", [1, 2, 5, 40])
def test_json_lines_ranges_cover_every_line_once(tmp_path, size):
    lines = [json.dumps({"id": f"s{i}", "text": "x" * (i * 37 % 200 + 1)}) for i in range(97)]
    path = tmp_path / "a.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")  # no final newline
    ids = [s.id for part in partitions(path, size) for s in read_partition(part)]
    assert ids == [f"s{i}" for i in range(97)]


def test_a_partition_reads_only_its_own_row_groups(tmp_path):
    path = tmp_path / "a.parquet"
    pq.write_table(pa.table({"id": [str(i) for i in range(10)], "text": ["t"] * 10}), path, row_group_size=3)
    parts = list(partitions(path, 5))
    assert [p.row_groups for p in parts] == [(0, 1), (2, 3)]
    assert [s.id for s in read_partition(Partition(0, "parquet", str(path), row_groups=(2,)))] == ["6", "7", "8"]


def test_without_the_dask_extra_one_clear_line(tmp_path):
    code = ("import sys; sys.modules['distributed'] = None\n"
            "from checker.cli import main; raise SystemExit(main(sys.argv[1:]))")
    run = subprocess.run([sys.executable, "-c", code, "batch", str(tmp_path), "--output", str(tmp_path / "o.jsonl")],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 2
    assert run.stderr.strip().splitlines() == [
        "checker: error: checker batch needs the Dask extra: pip install 'checker[dask]' (dask, distributed, "
        "pyarrow); missing: distributed"]


def test_names_learn_recovers_planted_variants(archive, scheduler, tmp_path):
    truth = archive["truth"]
    authority = tmp_path / "authority.yaml"
    run = checker("names", "learn", archive["generated"], "--output", authority, "--scheduler", scheduler,
                  "--partition-size", "100", text=True)
    assert run.returncode == 0, run.stderr
    import yaml

    entries = yaml.safe_load(authority.read_text(encoding="utf-8"))
    score = score_authority(truth, entries)
    assert score["planted"] >= 20
    assert score["recall"] >= 0.75 and score["precision"] >= 0.85, score
    # The file is a --names authority that lint enforces: a story using a learned variant is flagged.
    entry = entries[0]
    story = tmp_path / "story.txt"
    story.write_text(f"LHASA, May 2 (Xinhua) -- {entry['variants'][0]} spoke on Monday.\n", encoding="utf-8")
    lint = checker("lint", "--names", authority, "--select", "consistency.house-spelling", story, text=True)
    assert lint.returncode == 0 and f"House spelling is '{entry['name']}'" in lint.stdout, lint.stdout + lint.stderr


def assert_cross_story(rows, truth):
    """Against the generator's truth: stories with a planted wrong number, stories using a minority spelling."""
    rows = [r for r in rows if r["story"].startswith("story-")]  # the generated part of the archive
    numbers = {r["story"] for r in rows if r["rule"] == "archive.ordinal-conflict"}
    wrong = set(truth["wrong_numbers"])
    assert wrong and len(numbers & wrong) >= 0.9 * len(wrong) and len(numbers & wrong) >= 0.9 * len(numbers)
    minority = {(sid, s) for e in truth["entities"] for s, ids in e["spellings"].items() if s != e["canonical"]
                for sid in ids}
    flagged = {(r["story"], r["text"]) for r in rows if r["rule"] == "archive.name-drift"}
    assert len(flagged & minority) >= 0.8 * len(minority) and len(flagged & minority) >= 0.9 * len(flagged)
    texts = {s["id"]: s["text"] for s in truth.get("stories", [])}
    for r in rows:
        if r["rule"].startswith("archive.") and r["story"] in texts:
            assert texts[r["story"]][r["start"]:r["end"]] == r["text"]


def test_tallies_merge_to_the_same_result_in_any_order():
    """Partitions finish in any order; the learned file and the cross-story rows must not depend on it."""
    import copy
    import random

    from checker.archive import names as namepass

    def tally(seed):
        rng, t = random.Random(seed), namepass.new_tally()
        where = {"start": 0, "end": 1, "line": 1, "column": 1, "end_line": 1, "end_column": 2}
        for i in range(30):
            found = [{"kind": "name", "story": f"s{seed}-{i}", "norm": x.lower(), "text": x, **where,
                      "date": f"202{rng.randint(0, 3)}-0{rng.randint(1, 9)}-01", "context": rng.choice("abcdefg")}
                     for x in rng.sample(["Lhasa", "Xigaze", "Shigatse", "Nagqu", "Naqu"], 2)]
            found.append({"kind": "title", "story": f"s{seed}-{i}", "key": "wangli|batch|2024-01", **where,
                          "value": rng.choice([3, 4]), "name": rng.choice(["Wang Li", "Wang li"]),
                          "text": rng.choice(["3rd batch", "3rd Batch"]), "date": "2024-01-02"})
            namepass.add_mentions(t, found, (seed, i))
        return namepass.shrink(t)

    parts = [tally(seed) for seed in range(8)]
    merged = []
    for order in (parts, parts[::-1], parts[3:] + parts[:3]):
        total = namepass.new_tally()
        for p in order:
            namepass.merge(total, copy.deepcopy(p))
        merged.append(json.dumps(total, sort_keys=True))
    assert merged[0] == merged[1] == merged[2]


def test_a_tree_of_story_formats_and_chinese_originals_is_read_as_lint_reads_it(scheduler, tmp_path):
    """A folder holding an NITF story and an English story with its Chinese original beside it: batch
    checks what lint checks (the format's prose, the pair), not the raw XML or the original as English."""
    tree = tmp_path / "tree"
    tree.mkdir()
    shutil.copy(ROOT / "fixtures" / "formats" / "solar-plant.nitf.xml", tree / "solar.nitf.xml")
    (tree / "port.txt").write_text("The port handled 35 million tonnes in 2023, the company said.\n", "utf-8")
    (tree / "port.zh.txt").write_text("该公司表示，2023年港口吞吐量为5300万吨。\n", "utf-8")
    lint = json.loads(checker("lint", "--format", "json", "--fail-on", "never", tree, text=True).stdout)
    expected = {Path(f["path"]).name: [(x["rule"], x["start"], x["end"]) for x in f["findings"]] for f in lint["files"]}
    assert set(expected) == {"solar.nitf.xml", "port.txt"}
    assert ("bilingual.number-mismatch", 17, 27) in expected["port.txt"]
    out = tmp_path / "findings.jsonl"
    run = batch(scheduler, tree, "--output", out)
    assert run.returncode == 0, run.stderr
    got: dict[str, list] = {}
    for r in read_rows(out):
        got.setdefault(Path(r["story"]).name, []).append((r["rule"], r["start"], r["end"]))
    assert {k: sorted(v) for k, v in got.items()} == {k: sorted(v) for k, v in expected.items() if v}


# Bilingual files: units (Chinese source, English target) written in each format lint reads.
UNITS = [("新华社拉萨11月11日电 该公司2019年招聘了35名工程师。", "LHASA, Nov. 11 (Xinhua) -- The company hired 53 engineers in 2019."),
         ("洛桑丹增这样表示。", "Losang Tenzin said so."),
         ("洛桑丹增随后表示，港口吞吐量为5300万吨。", "Later Losang Tenzing said the port handled 35 million tonnes.")]


def _bilingual_files() -> dict[str, str]:
    xliff12 = "".join(f'<trans-unit id="u{i}"><source>{s}</source><target>{t}</target></trans-unit>'
                      for i, (s, t) in enumerate(UNITS, 1))
    xliff20 = "".join(f'<unit id="u{i}"><segment><source>{s}</source><target>{t}</target></segment></unit>'
                      for i, (s, t) in enumerate(UNITS, 1))
    tmx = "".join(f'<tu tuid="{i}"><tuv xml:lang="zh-CN"><seg>{s}</seg></tuv><tuv xml:lang="en-US"><seg>{t}</seg></tuv></tu>'
                  for i, (s, t) in enumerate(UNITS, 1))
    po = "".join(f'\nmsgid "{s}"\nmsgstr "{t}"\n' for s, t in UNITS)
    head = '<?xml version="1.0" encoding="UTF-8"?>'
    return {
        "a/story.xlf": f'{head}<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="s" '
                       f'source-language="zh-CN" target-language="en" datatype="plaintext"><body>{xliff12}</body></file></xliff>',
        "a/story2.xliff": f'{head}<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="zh" '
                          f'trgLang="en"><file id="f1">{xliff20}</file></xliff>',
        "b/story.tmx": f'{head}<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" '
                       f'o-tmf="t" adminlang="en" srclang="zh-CN" datatype="plaintext"/><body>{tmx}</body></tmx>',
        "b/story.po": 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: en\\n"\n' + po,
        "c/pair.txt": "\n".join(t for _, t in UNITS) + "\n",
        "c/pair.zh.txt": "\n".join(s for s, _ in UNITS) + "\n",
        "c/french.xlf": f'{head}<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="s" '
                        f'source-language="fr" target-language="en" datatype="plaintext"><body>{xliff12}</body></file></xliff>',
        "c/broken.xlf": "<xliff><unclosed>",
    }


def test_bilingual_files_in_a_tree_give_lints_findings_and_errors(scheduler, tmp_path):
    """XLIFF 1.2 and 2.0, TMX, PO and a story.txt + story.zh.txt pair in a folder tree: batch checks each
    as lint does (the units' English against their Chinese), and an unreadable or French file is one
    error row with lint's message."""
    tree = tmp_path / "tree"
    for name, content in _bilingual_files().items():
        (tree / name).parent.mkdir(parents=True, exist_ok=True)
        (tree / name).write_text(content, encoding="utf-8")
    lint = json.loads(checker("lint", "--format", "json", "--fail-on", "never", tree, text=True).stdout)
    expected = {f["path"]: f["findings"] for f in lint["files"]}
    assert sorted(Path(p).name for p in expected) == ["pair.txt", "story.po", "story.tmx", "story.xlf", "story2.xliff"]
    for path, findings in expected.items():  # the reference itself holds the bilingual findings compared below
        rules = {f["rule"] for f in findings}
        assert "bilingual.number-mismatch" in rules and len(findings) >= 2, (path, findings)
    out = tmp_path / "findings.parquet"
    run = batch(scheduler, tree, "--output", out, "--partition-size", "3")
    assert run.returncode == 2, run.stderr  # two files could not be read: exit 2, as lint
    found: dict[str, list] = {}
    errors = {}
    for r in read_rows(out):
        path = str(tree / r["story"])
        if r["error"]:
            errors[path] = r["error"]
        else:
            found.setdefault(path, []).append(r)
    assert set(found) == set(expected)
    for path, findings in expected.items():
        got = sorted(found[path], key=lambda r: (r["start"], r["rule"], r["end"]))
        assert [{k: r[k] for k in COMPARED} for r in got] == [{k: f[k] for k in COMPARED} for f in findings], path
        assert [json.loads(r["related"]) for r in got] == [f["related"] for f in findings], path
    assert errors == {e["path"]: e["message"] for e in lint["errors"]}
    assert len(errors) == 2


def test_enable_turns_on_a_rule_off_by_default_in_batch_as_in_lint(scheduler, tmp_path):
    """bilingual.name-missing (off by default) runs in batch with --enable, and not without, as in lint."""
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "story.txt").write_text("Liu Zhijie spoke first.\nThe meeting began at noon.\nThe consul said the plan worked.\n"
                                    "Liu Zhijie left.\n", "utf-8")
    (tree / "story.zh.txt").write_text("刘志杰首先发言。\n会议中午开始。\n领事刘志杰表示，计划奏效。\n刘志杰随后离开。\n", "utf-8")
    for enable in ((), ("--enable", "bilingual.name-missing")):
        lint = json.loads(checker("lint", "--format", "json", "--fail-on", "never", *enable, tree, text=True).stdout)
        expected = sorted((f["rule"], f["start"], f["end"]) for f in lint["files"][0]["findings"])
        out = tmp_path / f"findings{len(enable)}.jsonl"
        assert batch(scheduler, tree, "--output", out, *enable).returncode == 0
        assert sorted((r["rule"], r["start"], r["end"]) for r in read_rows(out)) == expected
        assert ("bilingual.name-missing" in {rule for rule, _, _ in expected}) is bool(enable)


def test_a_rule_that_cannot_finish_is_an_error_row_naming_it_as_lint_reports_it(scheduler, tmp_path):
    """A rule-file regex out of its time budget on one story: lint reports the rule in its errors and exits 2;
    batch writes one error row naming the rule, keeps that story's other findings and exits 2 too."""
    rules = pattern_rule(tmp_path / "evil.yaml", "test.evil", "(a+)+$")
    config = tmp_path / "checker.yaml"
    config.write_text("regex_budget: 0.2\n", "utf-8")
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "slow.txt").write_text("The the budget.\n" + "a" * 5000 + "b\n", "utf-8")
    (tree / "fine.txt").write_text("The the plan worked.\n", "utf-8")
    args = ("--config", config, "--rules", rules, "--fail-on", "never")
    lint = checker("lint", "--format", "json", *args, tree, text=True)
    assert lint.returncode == 2, lint.stderr
    report = json.loads(lint.stdout)
    assert [(e["path"], e["rule"]) for e in report["errors"]] == [(str(tree / "slow.txt"), "test.evil")]
    out = tmp_path / "findings.jsonl"
    run = checker("batch", tree, "--output", out, "--scheduler", scheduler, *args, text=True)
    assert run.returncode == 2, run.stderr
    rows = read_rows(out)
    failed = [r for r in rows if r["error"]]
    assert [(r["story"], r["rule"]) for r in failed] == [("slow.txt", "test.evil")]
    assert failed[0]["error"] == f"{tree / 'slow.txt'}: rule test.evil: {report['errors'][0]['message']}"
    findings = {(r["story"], r["rule"], r["start"]) for r in rows if not r["error"]}
    expected = {(Path(f["path"]).name, x["rule"], x["start"]) for f in report["files"] for x in f["findings"]}
    assert findings == expected and any(s == "slow.txt" for s, _, _ in findings)


def test_local_workers_run_without_the_statistical_profiler_or_a_dashboard_port():
    """The profiler samples the task thread every 10 ms for a dashboard the local cluster does not serve;
    and a second `checker batch` on the machine must not warn that the dashboard's port 8787 is taken."""
    import socket
    import warnings

    from checker.archive.job import cluster

    def profiling() -> bool:
        import dask

        return dask.config.get("distributed.worker.profile.enabled")

    taken = socket.socket()
    try:
        taken.bind(("", 8787))  # as another cluster's dashboard would
        taken.listen()
    except OSError:
        pass  # something on this machine holds it already: the same case
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            with cluster(1, None) as client:
                assert list(client.run(profiling).values()) == [False]
    finally:
        taken.close()
    assert not [w for w in caught if "already in use" in str(w.message)]
    import dask

    assert dask.config.get("distributed.worker.profile.enabled") is True  # the client's own config is left as it was
