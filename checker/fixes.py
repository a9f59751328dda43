"""`checker fix`: apply the safe fixes to stories in place, or show them as a unified diff.

A story is read as bytes and decoded the way `lint` decodes it; the fixes
(whose offsets index that decoded text) are applied, and the text is encoded
back with the same codec and byte-order mark, so line ends, encoding and BOM
stay as they were. Writes are atomic: a temporary file in the same folder,
then a rename, so a crash never leaves half a story. A story whose safe fixes
overlap or disagree is left untouched: which should win is an editor's call.
"""

from __future__ import annotations

import codecs
import difflib
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

from checker import formats
from checker.finding import Finding, Fix
from checker.inputs import InputError, decode, expand
from checker.lines import line_col, line_starts

if TYPE_CHECKING:
    from checker.api import Checker


@dataclass
class Outcome:
    path: str
    fixed: list[Finding] = field(default_factory=list)  # findings whose fixes were applied
    diff: str = ""
    conflict: str | None = None  # why the story was left alone
    error: str | None = None


def safe_fixes(findings: list[Finding], line_starts: list[int]) -> tuple[list[tuple[Fix, Finding]], str | None]:
    """The safe fixes in text order, or (nothing, the reason) when two of them overlap or disagree."""
    chosen: dict[tuple, tuple[Fix, Finding]] = {}
    for f in findings:
        for x in f.fixes:
            if x.safe:
                chosen.setdefault((x.start, x.end, x.replacement), (x, f))
    ordered = sorted(chosen.values(), key=lambda pair: (pair[0].start, pair[0].end))
    for (a, fa), (b, fb) in pairwise(ordered):
        if b.start < a.end or b.start == a.start:
            la, ca = line_col(line_starts, a.start)
            lb, cb = line_col(line_starts, b.start)
            return [], f"fixes overlap at {la}:{ca} ({fa.rule_id}) and {lb}:{cb} ({fb.rule_id}); fix it by hand"
    return ordered, None


def apply_fixes(text: str, fixes: list[Fix]) -> str:
    """Apply non-overlapping fixes, last first, so earlier offsets stay valid."""
    for x in sorted(fixes, key=lambda x: x.start, reverse=True):
        text = text[: x.start] + x.replacement + text[x.end :]
    return text


BYTE_ORDERS = {
    "utf-16": ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")),
    "utf-32": ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be")),
}


def _codec(encoding: str | None, data: bytes) -> str:
    """A codec that reads the byte-order mark as U+FEFF instead of eating it, so it can be written back,
    in the file's own byte order (plain utf-16 and utf-32 would write the machine's)."""
    name = codecs.lookup(encoding or "utf-8").name
    for bom, fixed_order in BYTE_ORDERS.get(name, ()):
        if data.startswith(bom):
            return fixed_order
    return "utf-8" if name == "utf-8-sig" else name


def unified_diff(path: str, old: str, new: str) -> str:
    lines = []
    for line in difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True), f"a/{path}", f"b/{path}"):
        lines.append(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n")
    return "".join(lines)


def write_atomic(path: Path, data: bytes) -> None:
    target = path.resolve()  # through a symlink, to the story itself
    mode = target.stat().st_mode
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        os.unlink(tmp)
        raise


def fix_file(path: Path, label: str, checker: "Checker", write: bool) -> Outcome:
    """Fix one story; findings the config accepts are never fixed.

    A marked-up story (checker.formats) is checked on its prose and fixed at the mapped offsets,
    each replacement escaped for its markup; a fix that would cross a tag, an entity or an escape
    leaves the story untouched, with a message saying where.
    """
    encoding = checker.options.encoding
    try:
        data = path.read_bytes()
        text = decode(data, label, encoding)
        extracted = formats.extract(text, checker.options.input_format, label)
    except OSError as exc:
        return Outcome(label, error=f"{label}: cannot read: {exc.strerror or exc}")
    except InputError as exc:
        return Outcome(label, error=str(exc))
    findings = checker.check_text(extracted.text, label, input_format="text").findings
    starts = line_starts(text)
    crossing = formats.crossing_fixes(findings, extracted)
    if crossing:
        f, x = crossing[0]
        line, col = line_col(starts, extracted.start(x.start))
        return Outcome(label, conflict=f"{label}: not changed: the fix at {line}:{col} ({f.rule_id}) would cross "
                                       f"markup (a tag, an entity or an escape); fix it by hand")
    fixes, conflict = safe_fixes(formats.remap(findings, extracted), starts)
    if conflict:
        return Outcome(label, conflict=f"{label}: not changed: {conflict}")
    if not fixes:
        return Outcome(label)
    new = apply_fixes(text, [x for x, _ in fixes])
    fixed = list({id(f): f for _, f in fixes}.values())
    if write:
        codec = _codec(encoding, data)
        bom = "\ufeff" if data.decode(codec).startswith("\ufeff") else ""
        try:
            write_atomic(path, (bom + new).encode(codec))
        except OSError as exc:
            return Outcome(label, error=f"{label}: cannot write: {exc.strerror or exc}")
    return Outcome(label, fixed, unified_diff(label, text, new))


def fix_paths(paths: list[str], checker: "Checker", write: bool) -> Iterator[Outcome]:
    for item in expand(paths):
        if isinstance(item, InputError):
            yield Outcome(item.path, error=str(item))
        elif item.file is None:
            yield Outcome(item.path, error="-: fix needs files to write back; use `checker lint -` for stdin")
        else:
            yield fix_file(item.file, item.path, checker, write)
