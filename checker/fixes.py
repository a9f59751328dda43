"""`checker fix`: apply the safe fixes to stories in place, or show them as a unified diff.

A story is read as bytes and decoded the way `lint` decodes it; the fixes
(whose offsets index that decoded text) are applied, and the text is encoded
back with the same codec and byte-order mark, so line ends, encoding and BOM
stay as they were. Fixes run to a fixed point: after applying them the story
is checked again, until no safe fix is left (bounded rounds). Writes are
atomic: a temporary file in the same folder, then a rename, so a crash or a
signal never leaves half a story or a stray temporary file; just before the
rename the story is compared (size, mtime, hash) with what was read, and left
alone if another program changed it meanwhile. Read-only stories are left
alone unless forced. A story whose safe fixes
overlap or disagree is left untouched: which should win is an editor's call.
"""

from __future__ import annotations

import codecs
import difflib
import hashlib
import os
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

from checker import formats
from checker.finding import Finding, Fix
from checker.inputs import InputError, decode, expand, read_bytes
from checker.lines import line_col, line_starts
from checker.safety import signals_raise, temporary_beside

if TYPE_CHECKING:
    from checker.api import Checker


@dataclass
class Outcome:
    path: str
    fixed: list[Finding] = field(default_factory=list)  # findings whose fixes were applied
    diff: str = ""
    conflict: str | None = None  # why the story was left alone
    error: str | None = None
    note: str | None = None  # why fixing stopped before every safe fix was made
    failures: list = field(default_factory=list)  # rules that could not finish (checker.engine.RuleFailure)


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
    """Apply non-overlapping fixes (offsets into `text`) in one pass: the kept pieces and the replacements,
    joined once, so a story with many fixes costs its length, not its length times the number of fixes."""
    pieces: list[str] = []
    at = 0
    for x in sorted(fixes, key=lambda x: (x.start, x.end)):
        pieces += (text[at : x.start], x.replacement)
        at = x.end
    pieces.append(text[at:])
    return "".join(pieces)


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


MAX_ROUNDS = 5  # fix, re-check, fix again: one fix can expose another (`Lhasa ，and` -> `Lhasa , and` -> `Lhasa, and`)

# One round's check of a story: (findings with offsets into it, its line starts, rule failures, why not to fix it).
Check = Callable[[str], tuple[list[Finding], list[int], list, "str | None"]]


class Changed(Exception):
    """The story changed on disk while it was being fixed; it was left as the other program wrote it."""


def _identity(path: Path) -> tuple[int, int]:
    st = path.stat()
    return st.st_size, st.st_mtime_ns


def write_atomic(path: Path, data: bytes, expect: tuple[int, int, str] | None = None) -> None:
    """Write through a temporary file and a rename; with `expect` = (size, mtime_ns, sha256) of the bytes
    the fixes were made from, skip (raise Changed) when the story no longer holds them. A signal or crash
    removes the temporary file."""
    target = path.resolve()  # through a symlink, to the story itself
    mode = target.stat().st_mode
    with signals_raise(), temporary_beside(target) as (fd, tmp):
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, mode)
        if expect is not None:
            size, mtime, digest = expect
            if _identity(target) != (size, mtime) or hashlib.sha256(target.read_bytes()).hexdigest() != digest:
                raise Changed()
        os.replace(tmp, target)


def read_only(path: Path) -> bool:
    """No write permission bit at all (checked on the bits, so it holds for root too)."""
    return not path.resolve().stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)


def fix_text(text: str, check: Check) -> tuple[str, list[Finding], str | None, list]:
    """Apply safe fixes, re-check, and repeat until nothing safe is left to fix (at most MAX_ROUNDS).

    Returns (new text, findings fixed, why it stopped early or None, rule
    failures). When the first round cannot be fixed (overlapping fixes, a
    fix across markup), nothing is changed.
    """
    fixed: list[Finding] = []
    failures: list = []
    seen = {text}
    for _ in range(MAX_ROUNDS):
        findings, starts, failed, refused = check(text)
        failures.extend(f for f in failed if f not in failures)
        fixes, conflict = ([], refused) if refused else safe_fixes(findings, starts)
        if conflict:
            return text, fixed, conflict, failures
        if not fixes:
            return text, fixed, None, failures
        text = apply_fixes(text, [x for x, _ in fixes])
        fixed.extend({id(f): f for _, f in fixes}.values())
        if text in seen:
            return text, fixed, "fixes undo each other; check the result by hand", failures
        seen.add(text)
    findings, starts, _, refused = check(text)
    left = not refused and safe_fixes(findings, starts)[0]
    return text, fixed, (f"still fixable after {MAX_ROUNDS} rounds; run fix again" if left else None), failures


def fix_file(path: Path, label: str, checker: "Checker", write: bool, force: bool = False) -> Outcome:
    """Fix one story; findings the config accepts are never fixed. A read-only story needs `force`.

    A marked-up story (checker.formats) is checked on its prose and fixed at the mapped offsets,
    each replacement escaped for its markup; a fix that would cross a tag, an entity or an escape
    leaves the story untouched, with a message saying where.
    """
    encoding, max_bytes = checker.options.encoding, checker.max_bytes
    try:
        before = _identity(path)
        data = read_bytes(path, max_bytes)
        if max_bytes and len(data) > max_bytes:
            return Outcome(label, error=f"{label}: larger than the input size limit of {max_bytes:,} bytes (see --max-bytes)")
        text = decode(data, label, encoding)
        formats.extract(text, checker.options.input_format, label)
    except OSError as exc:
        return Outcome(label, error=f"{label}: cannot read: {exc.strerror or exc}")
    except InputError as exc:
        return Outcome(label, error=str(exc))

    def check(current: str) -> tuple[list[Finding], list[int], list, str | None]:
        extracted = formats.extract(current, checker.options.input_format, label)
        result = checker.check_text(extracted.text, label, input_format="text")
        starts = line_starts(current)
        crossing = formats.crossing_fixes(result.findings, extracted)
        if crossing:
            f, x = crossing[0]
            line, col = line_col(starts, extracted.start(x.start))
            return [], starts, result.failures, (f"the fix at {line}:{col} ({f.rule_id}) would cross "
                                                 "markup (a tag, an entity or an escape); fix it by hand")
        return formats.remap(result.findings, extracted), starts, result.failures, None

    try:
        new, fixed, stopped, failures = fix_text(text, check)
    except InputError as exc:
        return Outcome(label, error=str(exc))
    if stopped and not fixed:
        return Outcome(label, conflict=f"{label}: not changed: {stopped}", failures=failures)
    if not fixed:
        return Outcome(label, failures=failures)
    if write:
        if read_only(path) and not force:
            return Outcome(label, error=f"{label}: read-only; not changed (give --force to fix it anyway)", failures=failures)
        codec = _codec(encoding, data)
        bom = "\ufeff" if data.decode(codec).startswith("\ufeff") else ""
        try:
            write_atomic(path, (bom + new).encode(codec), (*before, hashlib.sha256(data).hexdigest()))
        except Changed:
            return Outcome(label, error=f"{label}: changed by another program while being fixed; "
                           "not written (run fix again)", failures=failures)
        except OSError as exc:
            return Outcome(label, error=f"{label}: cannot write: {exc.strerror or exc}", failures=failures)
    return Outcome(label, fixed, unified_diff(label, text, new), note=stopped, failures=failures)


def fix_paths(paths: list[str], checker: "Checker", write: bool, force: bool = False) -> Iterator[Outcome]:
    for item in expand(paths):
        if isinstance(item, InputError):
            yield Outcome(item.path, error=str(item))
        elif item.file is None:
            yield Outcome(item.path, error="-: fix needs files to write back; use `checker lint -` for stdin")
        else:
            yield fix_file(item.file, item.path, checker, write, force)
