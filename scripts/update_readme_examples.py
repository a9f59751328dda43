"""Rewrite the documented example blocks from the program's real output.

    python scripts/update_readme_examples.py          # rewrite README.md, docs/formats.md, docs/json-report.md
    python scripts/update_readme_examples.py --check  # only say which blocks differ (exit 1 if any)

An example is an HTML comment naming a command, then the block it produced:

    <!-- example: checker lint fixtures/duplicated-words.txt | head -n 3 -->
    ```
    $ checker lint fixtures/duplicated-words.txt | head -n 3
    ...its stdout...
    ```

The command runs in bash from the checkout (so `head`, `grep` and pipes cut
an excerpt visibly), with this Python's `checker` and `python` first on PATH
and no colour. A fenced block shows `$ COMMAND` and then stdout, as a
terminal would. `| show: SELECTOR` after the command (not run, not shown)
picks a part of the output instead:
- `json PATH` / `json-pretty PATH`: one node of a JSON report (`files[0].findings[0]`;
  `[rule=wire.duplicate-words]` is the first list item with that value), on one line / indented by 2;
- `excerpt START ... END`: from the first START through the first END after it, then `…`.
A marker followed by unfenced lines (a markdown table) is replaced by stdout
up to the next blank line. tests/test_readme_examples.py compares every
block with what this script would write.

Normalised, because they differ by machine and not by program: the
checkout's absolute path (rule `source` fields) becomes `...`, and where
the shared data lives ($CHECKER_SHARED) reads `../shared` in commands and output.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = ["README.md", "docs/formats.md", "docs/json-report.md"]
MARKER = re.compile(r"^<!-- example: (?P<command>.+?)(?: \| show: (?P<show>.+?))? -->$")
SHARED = Path(os.environ.get("CHECKER_SHARED") or ROOT.parent / "shared")


@dataclass
class Example:
    doc: str
    line: int  # 1-based line of the marker
    command: str
    show: str | None
    start: int  # 0-based index of the block's first line (the fence, or the first table line)
    end: int  # index just past the block
    text: str  # the block as written, fences included


def examples(doc: str) -> list[Example]:
    lines = (ROOT / doc).read_text("utf-8").split("\n")
    found = []
    for i, line in enumerate(lines):
        m = MARKER.match(line.strip())
        if not m:
            continue
        start = i + 1
        while start < len(lines) and not lines[start].strip():
            start += 1
        if start < len(lines) and lines[start].startswith("```"):
            end = next((j + 1 for j in range(start + 1, len(lines)) if lines[j].startswith("```")), None)
            if end is None:
                raise ValueError(f"{doc}:{i + 1}: the example's code fence is never closed")
        else:
            end = next((j for j in range(start, len(lines)) if not lines[j].strip()), len(lines))
        found.append(Example(doc, i + 1, m["command"], m["show"], start, end, "\n".join(lines[start:end])))
    return found


def run(command: str) -> str:
    """stdout of the command as a reader would run it from the checkout, normalised (see the module doc)."""
    env = {**os.environ, "NO_COLOR": "1", "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    env.pop("CI", None)
    real = command.replace("../shared", os.path.relpath(SHARED, ROOT))
    proc = subprocess.run(["bash", "-c", real], cwd=ROOT, env=env, capture_output=True,
                          text=True, encoding="utf-8", timeout=900)
    # 1: findings, as documented. (A pipeline's status is its last command's, e.g. head's.)
    if proc.returncode not in (0, 1) or "Traceback" in proc.stderr:
        raise RuntimeError(f"`{command}` exited {proc.returncode}: {proc.stderr.strip()[-500:]}")
    out = proc.stdout.replace(str(ROOT), "...")
    return out.replace(os.path.relpath(SHARED, ROOT), "../shared") if SHARED != ROOT.parent / "shared" else out


def _get(item, key: str):
    try:
        return node(item, key)
    except (KeyError, IndexError, TypeError):
        return None


def node(data, path: str):
    """`files[0].findings[0]` in a parsed JSON report; `[key=value]` is the first list item whose key has that value."""
    for part in re.findall(r"[^.\[\]]+|\[[^\]]*\]", path):
        if part.startswith("[") and "=" in part:
            key, value = part[1:-1].split("=", 1)
            data = next(item for item in data if str(_get(item, key)) == value)
        else:
            data = data[int(part[1:-1])] if part.startswith("[") else data[part]
    return data


def select(show: str | None, out: str) -> str:
    if not show:
        return out.rstrip("\n")
    how, _, arg = show.partition(" ")
    if how in ("json", "json-pretty"):
        picked = node(json.loads(out), arg)
        return json.dumps(picked, ensure_ascii=False, indent=2 if how == "json-pretty" else None)
    if how == "excerpt":
        start, end = arg.split(" ... ", 1)
        at = out.index(start)
        return out[at : out.index(end, at + len(start)) + len(end)] + "…"
    raise ValueError(f"unknown `show:` selector {how!r} (json, json-pretty, excerpt)")


def render(example: Example) -> str:
    """What the block must read: the fences kept as written, the body from the real output."""
    body = select(example.show, run(example.command))
    first = example.text.split("\n", 1)[0]
    if not first.startswith("```"):
        return body
    if example.show is None and first == "```":  # a terminal block: the prompt line, then stdout
        body = f"$ {example.command}\n{body}"
    return f"{first}\n{body}\n```"


def update(doc: str, check: bool) -> list[str]:
    """Rewrite (or, with check, only list) the blocks of one document that differ from real output."""
    path = ROOT / doc
    lines = path.read_text("utf-8").split("\n")
    stale = []
    for ex in reversed(examples(doc)):
        new = render(ex)
        if new != ex.text:
            stale.append(f"{doc}:{ex.line}: {ex.command}")
            lines[ex.start : ex.end] = new.split("\n")
    if stale and not check:
        path.write_text("\n".join(lines), "utf-8")
    return stale[::-1]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="write nothing; exit 1 if a block differs")
    ap.add_argument("docs", nargs="*", default=DOCS)
    a = ap.parse_args(argv)
    stale = [s for doc in a.docs for s in update(doc, a.check)]
    for s in stale:
        print(("differs: " if a.check else "rewrote: ") + s)
    return 1 if stale and a.check else 0


if __name__ == "__main__":
    sys.exit(main())
