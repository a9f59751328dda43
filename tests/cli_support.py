"""Run the `checker` command as a user does: a real process, its exit code, stdout and stderr."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "fixtures" / "markup-and-quotes.txt"
TEST_RULES = ROOT / "tests" / "data" / "report-rules.yaml"
# The shipped duplicate-word rule plus the test rules: findings of every
# severity, related mentions and fixes, whatever other packs are merged in.
SAMPLE_RULES = ["--rules", str(TEST_RULES), "--select", "wire.duplicate-words,test"]
# What those rules flag in the sample, worked out from the rules: (rule, flagged text, severity), in report order.
SAMPLE_EXPECTED = [
    ("wire.duplicate-words", "The the", "error"),
    ("test.xian", "Xian", "info"),
    ("test.fullwidth-comma", "，", "error"),
    ("test.stray-tag", "<b>", "warning"),
    ("test.stray-tag", "</b>", "warning"),
    ("wire.duplicate-words", "more more", "error"),
]


def checker(*args: str, cwd: Path = ROOT, input: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "checker", *map(str, args)],
        cwd=cwd, input=input, capture_output=True, timeout=120,
    )


def lint_sample(fmt: str, *extra: str) -> subprocess.CompletedProcess:
    """The sample fixture, given by its path relative to the repository as CI would."""
    return checker("lint", "--format", fmt, *SAMPLE_RULES, *extra, SAMPLE.relative_to(ROOT))
