"""Where the checker meets other tools: progress on a terminal, worker processes, pre-commit."""

from __future__ import annotations

import io
import json
import os
import select
import subprocess
import sys

import yaml

from checker.progress import MIN_FILES, Progress
from cli_support import ROOT, SAMPLE, checker

STORY = SAMPLE.read_text("utf-8")


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_starts_only_for_long_runs_and_clears_itself():
    term = Terminal()
    progress = Progress(term)
    for i in range(MIN_FILES - 1):
        progress.advance(f"story{i}.txt")
    assert term.getvalue() == ""
    progress.advance("last.txt")
    assert term.getvalue().endswith(f"checker: {MIN_FILES} files checked: last.txt")
    progress.clear()
    assert term.getvalue().endswith("\r\x1b[K")


def test_progress_is_off_when_not_a_terminal_or_quiet():
    for stream, quiet in ((io.StringIO(), False), (Terminal(), True)):
        progress = Progress(stream, quiet)
        for _ in range(MIN_FILES * 2):
            progress.advance("s.txt")
        progress.clear()
        assert stream.getvalue() == ""


def many_stories(folder, n=MIN_FILES + 5):
    folder.mkdir(exist_ok=True)
    for i in range(n):
        # each story different, so a wrong order would show
        (folder / f"{i:03}.txt").write_text(STORY.replace("2014", str(1990 + i)) + "the the\n" * (i % 3), "utf-8")
    return folder


def stderr_on_a_terminal(*args: str, cwd) -> str:
    """Run checker with stderr on a pseudo-terminal, as in an editor's shell; the report is discarded."""
    master, slave = os.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "checker", *args], cwd=cwd, stdout=subprocess.DEVNULL, stderr=slave)
    os.close(slave)
    seen = b""
    while True:
        ready, _, _ = select.select([master], [], [], 60)
        if not ready:
            proc.kill()
            raise AssertionError("checker hung")
        try:
            chunk = os.read(master, 4096)
        except OSError:  # the terminal closes when checker exits
            break
        if not chunk:
            break
        seen += chunk
    proc.communicate(timeout=60)
    os.close(master)
    return seen.decode()


def test_progress_shows_on_a_terminal_and_not_with_quiet(tmp_path):
    many_stories(tmp_path / "stories")
    shown = stderr_on_a_terminal("lint", "--format", "json", "stories", cwd=tmp_path)
    assert f"checker: {MIN_FILES} files checked: stories/{MIN_FILES - 1:03}.txt" in shown
    assert shown.endswith("\r\x1b[K")  # and wiped at the end
    assert stderr_on_a_terminal("lint", "--quiet", "--format", "json", "stories", cwd=tmp_path) == ""


def test_no_progress_in_a_pipe(tmp_path):
    many_stories(tmp_path / "stories")
    assert checker("lint", "--format", "json", "stories", cwd=tmp_path).stderr == b""


def test_jobs_report_in_the_same_order_as_a_serial_run(tmp_path):
    many_stories(tmp_path / "stories", 12)
    serial = checker("lint", "--format", "json", "stories", cwd=tmp_path)
    parallel = checker("lint", "--format", "json", "--jobs", "3", "stories", cwd=tmp_path)
    assert parallel.returncode == serial.returncode == 1
    assert json.loads(parallel.stdout) == json.loads(serial.stdout)
    paths = [f["path"] for f in json.loads(serial.stdout)["files"]]
    assert paths == sorted(paths) and len(paths) == 12


def test_pre_commit_hook_runs_checker_lint_on_the_staged_files(tmp_path):
    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert hook["id"] == "checker" and hook["language"] == "python"
    assert hook["entry"].split() == ["checker", "lint"]
    assert hook["types"] == ["text"] and "files" in hook
    # pre-commit appends the staged file names to the entry: that must be a valid command line.
    good = tmp_path / "good.txt"
    good.write_text("BEIJING, May 1 (Xinhua) -- Officials met on Monday. (End)\n", "utf-8")
    bad = tmp_path / "bad.md"
    bad.write_text("Officials said the the plan was ready. (End)\n", "utf-8")
    args = hook["entry"].split()[1:] + hook.get("args", [])
    assert checker(*args, good, cwd=tmp_path).returncode == 0
    assert checker(*args, good, bad, cwd=tmp_path).returncode == 1
