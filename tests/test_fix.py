"""`checker fix` as an editor runs it: safe fixes written in place, encodings and line ends kept."""

from __future__ import annotations

import codecs
import json
import os
import stat

import pytest

from cli_support import SAMPLE, SAMPLE_RULES, checker, pattern_rule

STORY = SAMPLE.read_text("utf-8")
# What the safe fixes of the sample's rules must make of it, worked out by hand from the rules.
FIXED = (STORY.replace("The the fair", "The fair").replace("last year，including", "last year, including")
         .replace("<b>too small</b>", "too small").replace("more more deals", "more deals"))


def test_fix_writes_the_safe_fixes_and_nothing_else(tmp_path):
    story = tmp_path / "fair.txt"
    story.write_text(STORY, "utf-8")
    proc = checker("fix", *SAMPLE_RULES, story)
    assert proc.returncode == 0, proc.stderr
    assert story.read_text("utf-8") == FIXED
    assert proc.stderr.decode() == "checker: fixed 5 findings in 1 file\n"
    assert sorted(os.listdir(tmp_path)) == ["fair.txt"]  # no temporary file left behind


def test_relinting_after_a_fix_finds_nothing_that_was_fixable(tmp_path):
    story = tmp_path / "fair.txt"
    story.write_text(STORY, "utf-8")
    checker("fix", *SAMPLE_RULES, story)
    report = json.loads(checker("lint", "--format", "json", *SAMPLE_RULES, story).stdout)
    left = report["files"][0]["findings"]
    assert [f["rule"] for f in left] == ["test.xian"]  # its fix is not marked safe
    assert not any(x["safe"] for f in left for x in f["fixes"])


def test_diff_shows_the_fixes_and_writes_nothing(tmp_path):
    story = tmp_path / "fair.txt"
    story.write_text(STORY, "utf-8")
    proc = checker("fix", "--diff", *SAMPLE_RULES, "fair.txt", cwd=tmp_path)
    assert proc.returncode == 1  # there are fixes to make: usable as a CI check
    assert story.read_text("utf-8") == STORY
    diff = proc.stdout.decode().splitlines()
    assert diff[:2] == ["--- a/fair.txt", "+++ b/fair.txt"]
    removed = [l[1:] for l in diff if l.startswith("-") and not l.startswith("---")]
    added = [l[1:] for l in diff if l.startswith("+") and not l.startswith("+++")]
    assert removed == [STORY.splitlines()[2], STORY.splitlines()[4]]
    assert added == [FIXED.splitlines()[2], FIXED.splitlines()[4]]
    assert proc.stderr.decode() == "checker: would fix 5 findings in 1 file\n"


def test_nothing_to_fix_is_success(tmp_path):
    story = tmp_path / "clean.txt"
    story.write_text("Officials met on Monday. (End)\n", "utf-8")
    proc = checker("fix", "--diff", *SAMPLE_RULES, story)
    assert (proc.returncode, proc.stdout) == (0, b"")


@pytest.mark.parametrize("encoding, bom, newline", [
    (None, codecs.BOM_UTF8, "\r\n"),
    (None, b"", "\r"),
    ("gb18030", b"", "\r\n"),
    ("utf-8-sig", codecs.BOM_UTF8, "\n"),
])
def test_encoding_bom_and_line_ends_are_kept(tmp_path, encoding, bom, newline):
    codec = "gb18030" if encoding == "gb18030" else "utf-8"
    story = tmp_path / "fair.txt"
    story.write_bytes(bom + STORY.replace("\n", newline).encode(codec))
    proc = checker("fix", *SAMPLE_RULES, *(["--encoding", encoding] if encoding else []), story)
    assert proc.returncode == 0, proc.stderr
    assert story.read_bytes() == bom + FIXED.replace("\n", newline).encode(codec)


@pytest.mark.parametrize("encoding, codec, bom", [
    ("utf-16", "utf-16-be", codecs.BOM_UTF16_BE),
    ("utf-16", "utf-16-le", codecs.BOM_UTF16_LE),
    ("utf-32", "utf-32-be", codecs.BOM_UTF32_BE),
])
def test_byte_order_is_kept(tmp_path, encoding, codec, bom):
    """A big-endian file stays big-endian, whatever this machine's byte order."""
    story = tmp_path / "fair.txt"
    story.write_bytes(bom + STORY.encode(codec))
    proc = checker("fix", *SAMPLE_RULES, "--encoding", encoding, story)
    assert proc.returncode == 0, proc.stderr
    data = story.read_bytes()
    assert data.startswith(bom) and data[len(bom):].decode(codec) == FIXED


def test_a_story_with_overlapping_fixes_is_left_alone(tmp_path):
    rules = pattern_rule(tmp_path / "rules.yaml", "t.show", "the fair", replacement="the show", fix_safe=True)
    story = tmp_path / "fair.txt"
    story.write_text(STORY, "utf-8")
    proc = checker("fix", "--rules", rules, "--select", "wire.duplicate-words,t", story)
    assert proc.returncode == 1
    assert story.read_text("utf-8") == STORY
    assert proc.stderr.decode().splitlines() == [
        f"checker: warning: {story}: not changed: fixes overlap at 3:1 (wire.duplicate-words) and 3:5 (t.show); fix it by hand",
        "checker: fixed 0 findings in 0 files; 1 left unchanged (overlapping fixes)",
    ]


def test_the_same_fix_from_two_rules_is_not_a_conflict(tmp_path):
    rules = pattern_rule(tmp_path / "rules.yaml", "t.dup", "more more", replacement="more", fix_safe=True)
    story = tmp_path / "fair.txt"
    story.write_text(STORY, "utf-8")
    proc = checker("fix", "--rules", rules, "--select", "wire.duplicate-words,t", story)
    assert proc.returncode == 0
    assert story.read_text("utf-8") == STORY.replace("The the fair", "The fair").replace("more more", "more")


def test_accepted_findings_are_not_fixed(tmp_path):
    (tmp_path / "checker.yaml").write_text('accept:\n  - {rule: wire.duplicate-words, text: "more more"}\n', "utf-8")
    story = tmp_path / "fair.txt"
    story.write_text(STORY, "utf-8")
    checker("fix", "--select", "wire.duplicate-words", "fair.txt", cwd=tmp_path)
    assert story.read_text("utf-8") == STORY.replace("The the fair", "The fair")


def test_file_mode_is_kept(tmp_path):
    story = tmp_path / "fair.txt"
    story.write_text(STORY, "utf-8")
    story.chmod(0o640)
    checker("fix", *SAMPLE_RULES, story)
    assert stat.S_IMODE(story.stat().st_mode) == 0o640 and story.read_text("utf-8") == FIXED


def test_bad_inputs_are_one_line_errors(tmp_path):
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01binary")
    proc = checker("fix", "-", tmp_path / "bin.txt", tmp_path / "gone.txt", input=b"the the\n")
    assert proc.returncode == 2
    lines = proc.stderr.decode().splitlines()
    assert lines[0] == "checker: error: -: fix needs files to write back; use `checker lint -` for stdin"
    assert lines[1].endswith("bin.txt: binary file (contains NUL bytes), not text")
    assert lines[2].endswith("gone.txt: no such file or directory")
    assert "Traceback" not in proc.stderr.decode()


# Atomic writes, tested for real: the rename fails, a reader polls during the fix, fsync is called.

def _fix_in_process(story) -> int:
    """`checker fix` in this process, so a test can monkeypatch what it calls in `os`."""
    from checker.cli import main

    return main(["fix", "--select", "wire.duplicate-words", str(story)])


def test_a_failed_rename_leaves_the_story_intact_and_no_temporary_file(tmp_path, monkeypatch, capsys):
    story = tmp_path / "fair.txt"
    story.write_text(STORY, "utf-8")

    def refuse(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    code = _fix_in_process(story)
    assert code == 2  # a write error is an input/output error, not a crash
    assert story.read_text("utf-8") == STORY
    assert os.listdir(tmp_path) == ["fair.txt"]
    err = capsys.readouterr().err
    assert "cannot write: No space left on device" in err and "Traceback" not in err


def test_the_new_text_is_fsynced_before_it_replaces_the_story(tmp_path, monkeypatch):
    """fsync on the temporary file, holding the whole new text, before the rename makes it the story."""
    story = tmp_path / "fair.txt"
    story.write_text(STORY, "utf-8")
    fixed = STORY.replace("The the fair", "The fair").replace("more more deals", "more deals").encode("utf-8")
    synced, real_fsync, real_replace = [], os.fsync, os.replace

    def fsync(fd):
        synced.append((os.readlink(f"/proc/self/fd/{fd}"), os.fstat(fd).st_size))
        real_fsync(fd)

    def replace(src, dst):
        assert any(path == str(src) and size == len(fixed) for path, size in synced), f"{src} renamed before fsync: {synced}"
        real_replace(src, dst)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    assert _fix_in_process(story) == 0
    assert story.read_bytes() == fixed
    assert synced, "os.fsync was never called"


READER = r"""
import hashlib, os, sys
path, stop, old_size, new_size, old_hash, new_hash = sys.argv[1:7]
sizes = {int(old_size), int(new_size)}
seen = {"polls": 0, "partial": 0, "missing": 0}
held = open(path, "rb")  # a reader in the middle of reading the story when the fix runs
first = held.read(int(old_size) // 2)
print("ready", flush=True)
while not os.path.exists(stop):
    seen["polls"] += 1
    try:
        if os.stat(path).st_size not in sizes:  # a truncated or half-written story shows here
            seen["partial"] += 1
    except FileNotFoundError:
        seen["missing"] += 1
seen["held_read"] = "old" if hashlib.sha256(first + held.read()).hexdigest() == old_hash else "mixed"
with open(path, "rb") as f:
    seen["reopened"] = {old_hash: "old", new_hash: "new"}.get(hashlib.sha256(f.read()).hexdigest(), "partial")
print(repr(seen), flush=True)
"""


def test_a_reader_during_a_large_fix_never_sees_a_partial_story(tmp_path):
    """A reader that opened the story before the fix reads the whole old story; one that opens it after
    reads the whole new one; polling in between never finds the story missing or of another size.
    (A write in place fails the first: the open file changes under the reader.)"""
    import ast
    import hashlib
    import subprocess
    import sys

    # 8 MB, mostly long lines of one letter: cheap to check, so the run's time goes into writing it back.
    filler = ("x" * 20_000 + "\n\n") * 400
    old = ("The the port will open in May.\n\n" + filler).encode("utf-8")
    new = ("The port will open in May.\n\n" + filler).encode("utf-8")
    story, stop = tmp_path / "big.txt", tmp_path / "stop"
    story.write_bytes(old)
    args = [str(story), str(stop), str(len(old)), str(len(new)), hashlib.sha256(old).hexdigest(), hashlib.sha256(new).hexdigest()]
    reader = subprocess.Popen([sys.executable, "-c", READER, *args], stdout=subprocess.PIPE, text=True)
    try:
        assert reader.stdout.readline().strip() == "ready"
        proc = checker("fix", "--select", "wire.duplicate-words", story)
    finally:
        stop.touch()
        seen = ast.literal_eval(reader.communicate(timeout=60)[0])
    assert proc.returncode == 0, proc.stderr
    assert story.read_bytes() == new
    assert seen["held_read"] == "old" and seen["reopened"] == "new", seen
    assert seen["partial"] == 0 and seen["missing"] == 0 and seen["polls"], seen


def test_apply_fixes_puts_each_replacement_at_its_offsets_and_keeps_the_rest():
    from checker.finding import Fix
    from checker.fixes import apply_fixes

    text = "the the cat ， sat  down (over)"
    fixes = [Fix(24, 30, "(End)"), Fix(0, 7, "the"), Fix(12, 13, ","), Fix(17, 19, " "), Fix(11, 12, "")]
    assert apply_fixes(text, fixes) == "the cat, sat down (End)"
    assert apply_fixes(text, []) == text
    many = "ab" * 50_000
    assert apply_fixes(many, [Fix(i, i + 1, "A") for i in range(0, len(many), 2)]) == "Ab" * 50_000
