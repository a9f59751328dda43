"""The library type-checks: mypy over checker/ (config in pyproject.toml), as CI runs it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.heavy(6)  # ~6 s on a fresh clone (no .mypy_cache): started early, not left for last
def test_mypy_finds_no_errors_in_the_package():
    run = subprocess.run([sys.executable, "-m", "mypy", "--no-error-summary"], cwd=ROOT, capture_output=True, text=True)
    errors = [line for line in run.stdout.splitlines() if ": error:" in line]
    assert run.returncode == 0 and not errors, run.stdout + run.stderr
