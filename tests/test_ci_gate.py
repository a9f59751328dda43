"""The CI gate cannot go green by skipping: a small suite runs under tests/conftest.py with and without CI=true."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

SUITE = """
import pytest

def test_runs():
    pass

def test_needs_a_browser():
    pytest.skip("no browser here")

@pytest.mark.skippable("a wheel needs a build backend from the network")
def test_may_skip():
    pytest.skip("offline")

@pytest.mark.xfail(strict=True, reason="known limit")
def test_known_limit():
    assert False
"""


@pytest.fixture
def suite(pytester: pytest.Pytester) -> pytest.Pytester:
    pytester.makeconftest((ROOT / "tests" / "conftest.py").read_text("utf-8"))
    pytester.makepyfile(test_suite=SUITE)
    return pytester


def test_in_ci_an_unmarked_skip_fails_and_a_marked_one_shows_its_reason(suite, monkeypatch):
    monkeypatch.setenv("CI", "true")
    result = suite.runpytest_inprocess("-rs")
    result.assert_outcomes(passed=1, failed=1, skipped=1, xfailed=1)
    result.stdout.fnmatch_lines([
        "*skipped in CI (CI=true), which fails the run: no browser here*",
        "SKIPPED*offline [[]skippable in CI: a wheel needs a build backend from the network[]]",
    ])


def test_in_ci_skips_fail_in_parallel_workers_too(suite, monkeypatch):
    """The suite runs under pytest-xdist (`-n auto`): a skip reported by a worker process fails the run too."""
    monkeypatch.setenv("CI", "true")
    result = suite.runpytest_subprocess("-rs", "-n", "1")
    result.assert_outcomes(passed=1, failed=1, skipped=1, xfailed=1)
    result.stdout.fnmatch_lines(["*skipped in CI (CI=true), which fails the run: no browser here*"])


def test_outside_ci_skips_stay_skips(suite, monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    suite.runpytest_inprocess("-rs").assert_outcomes(passed=1, skipped=2, xfailed=1)


def test_in_ci_a_module_skipped_at_import_fails(pytester, monkeypatch):
    pytester.makeconftest((ROOT / "tests" / "conftest.py").read_text("utf-8"))
    pytester.makepyfile(test_gone='import pytest\npytest.skip("corpus missing", allow_module_level=True)\n')
    monkeypatch.setenv("CI", "true")
    result = pytester.runpytest_inprocess()
    assert result.ret != 0
    result.stdout.fnmatch_lines(["*module skipped in CI (CI=true), which fails the run: corpus missing*"])


def test_the_suite_reports_skip_reasons(pytestconfig):
    """`python -m pytest` (the README's command) shows why each test skipped: -rs comes from pyproject."""
    assert "s" in pytestconfig.option.reportchars


def _fake_bin(tmp_path: Path, apt_get: str) -> Path:
    """A PATH holding only what .ci/run needs, a scripted apt-get and a python3.11 that records being run."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("dirname", "cat", "grep", "env"):
        os.symlink(shutil.which(tool), bin_dir / tool)
    for name, body in (("apt-get", apt_get), ("python3.11", f"touch {tmp_path}/ran-tests; exit 0"),
                       ("fc-list", "exit 0")):
        (bin_dir / name).write_text(f"#!/bin/bash\n{body}\n")
        (bin_dir / name).chmod(0o755)
    return bin_dir


def test_ci_run_fails_loudly_when_it_cannot_install_what_the_tests_need(tmp_path):
    """No chromium, no CJK font, and apt-get fails: .ci/run stops with a message instead of running a suite that would skip."""
    bin_dir = _fake_bin(tmp_path, "exit 100")
    proc = subprocess.run(["/bin/bash", str(ROOT / ".ci" / "run")], env={"PATH": str(bin_dir)},
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode != 0
    assert "could not install" in proc.stderr and "chromium" in proc.stderr
    assert not (tmp_path / "ran-tests").exists()


def test_ci_run_installs_both_chromium_and_a_cjk_font(tmp_path):
    bin_dir = _fake_bin(tmp_path, f'echo "$@" >> {tmp_path}/apt.log; exit 0')
    proc = subprocess.run(["/bin/bash", str(ROOT / ".ci" / "run")], env={"PATH": str(bin_dir)},
                          capture_output=True, text=True, timeout=60)
    installs = (tmp_path / "apt.log").read_text().split()
    assert {"chromium", "fonts-noto-cjk"} <= set(installs), proc.stderr
