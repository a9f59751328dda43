"""Run the `checker` command as a user does and get its exit code, stdout and stderr.

`checker(...)` calls the console script's `main()` in this process, with the
arguments, working folder, standard streams and (given `env`) environment a
launched process would have: a subprocess costs about 0.4 s of CPU to start
Python and import the tool, and the suite ran some 250 of them. What only a
real process shows (a signal, the console script, a crash's exit code and
stderr) uses `checker(..., process=True)`, or its own subprocess.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from contextlib import contextmanager
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
            text: bool = False, process: bool = False) -> subprocess.CompletedProcess:
    """`checker ARGS...`; output as bytes, or as str with `text=True` (decoded as subprocess.run decodes it).

    In this process unless `process=True`: `env` then REPLACES os.environ for the run, as it would a child's.
    """
    if process:
        return subprocess.run(
            [sys.executable, "-m", "checker", *map(str, args)],
            cwd=cwd, input=input, env=env, capture_output=True, text=text, timeout=120,
        )
    from checker.cli import main

    stdin = io.TextIOWrapper(io.BytesIO(input.encode("utf-8") if isinstance(input, str) else input or b""), encoding="utf-8")
    stdout, stderr = (io.TextIOWrapper(io.BytesIO(), encoding="utf-8", write_through=True) for _ in range(2))
    with _process_state(cwd, env, stdin, stdout, stderr):
        try:
            code = main([str(a) for a in args])
        except SystemExit as exc:  # main() returns its code; this only keeps a stray exit from ending pytest
            code = exc.code if isinstance(exc.code, int) else 1
    out, err = (stream.buffer.getvalue() for stream in (stdout, stderr))
    if text:  # as subprocess.run(text=True) reads a pipe: UTF-8, universal newlines
        out, err = (b.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n") for b in (out, err))
    return subprocess.CompletedProcess(["checker", *map(str, args)], code, out, err)


@contextmanager
def _process_state(cwd, env, stdin, stdout, stderr):
    """What a child process would have: its own working folder, environment and standard streams."""
    saved = os.getcwd(), dict(os.environ), sys.stdin, sys.stdout, sys.stderr
    os.chdir(cwd)
    if env is not None:
        os.environ.clear()
        os.environ.update(env)
    sys.stdin, sys.stdout, sys.stderr = stdin, stdout, stderr
    _forget_memos()
    try:
        yield
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os.chdir(saved[0])
        if env is not None:
            os.environ.clear()
            os.environ.update(saved[1])
        sys.stdin, sys.stdout, sys.stderr = saved[2:]


# Kept across runs: bilingual-names' Han reading tables are rules/data files of the checkout, which no test
# rewrites, and rebuilding them is the one costly memo (about 45 ms a run).
KEEP_MEMOS = {("checker.kinds.bilingual_names", "_table")}


def _forget_memos() -> None:
    """Empty the package's in-memory memos (rule sets by options, tables by path...), which a new
    process starts without: a file rewritten under the same path between two runs is read again."""
    for name, module in list(sys.modules.items()):
        if name == "checker" or name.startswith("checker."):
            for attr, value in list(vars(module).items()):
                if (hasattr(value, "cache_clear") and getattr(value, "__module__", None) == name
                        and (name, attr) not in KEEP_MEMOS):
                    value.cache_clear()


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
