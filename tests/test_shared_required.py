"""Tests that back README figures with ../shared data fail, not skip and not check less, when it is missing."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from shared_data import ROOT

NEEDS_SHARED = ["tests/test_seeds.py", "tests/test_requires.py", "tests/test_names_matcher.py::test_shared_name_pairs"]


def test_tests_needing_shared_data_fail_without_it(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "CI"}  # outside CI, where a skip would stay a skip
    env["CHECKER_SHARED"] = str(tmp_path / "no-shared-here")
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-rfEs", "-n", "0", "-p", "no:cacheprovider",
                           *NEEDS_SHARED],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    summary = proc.stdout.strip().splitlines()[-1]
    assert proc.returncode == 1, proc.stdout[-2000:]
    assert "skipped" not in summary, summary
    for test in NEEDS_SHARED:
        name = test.split("/")[-1]
        assert re.search(rf"^(FAILED|ERROR) tests/{re.escape(name)}", proc.stdout, re.M), f"{test} did not fail:\n{proc.stdout[-2000:]}"
    assert "no-shared-here" in proc.stdout  # the failure says where it looked
