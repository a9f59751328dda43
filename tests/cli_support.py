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


def checker(*args, cwd: Path = ROOT, input: bytes | str | None = None, env: dict | None = None,
            text: bool = False) -> subprocess.CompletedProcess:
    """`checker ARGS...` in a subprocess; output as bytes, or as str with `text=True`."""
    return subprocess.run(
        [sys.executable, "-m", "checker", *map(str, args)],
        cwd=cwd, input=input, env=env, capture_output=True, text=text, timeout=120,
    )


def pattern_rule(path: Path, rule_id: str, pattern: str, message: str = "m", **fields: str | bool) -> Path:
    """Write a rule file holding one `pattern` rule (extra keys such as `replacement` as given)."""
    extra = "".join(f"    {k}: {str(v).lower() if isinstance(v, bool) else v}\n" for k, v in fields.items())
    path.write_text(
        f"rules:\n  - id: {rule_id}\n    kind: pattern\n    severity: warning\n    issue_type: style\n"
        f"    message: {message}\n    description: d\n    patterns: ['{pattern}']\n{extra}",
        "utf-8",
    )
    return path


def lint_sample(fmt: str, *extra: str) -> subprocess.CompletedProcess:
    """The sample fixture, given by its path relative to the repository as CI would."""
    return checker("lint", "--format", fmt, *SAMPLE_RULES, *extra, SAMPLE.relative_to(ROOT))
