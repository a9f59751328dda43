"""A finding's stable identity: rule, normalised matched text and the words around it.

Line numbers are left out on purpose, so an edit above a finding does not
change its fingerprint; baselines, SARIF `partialFingerprints` and GitLab's
`fingerprint` all rest on this one function. Two findings that would share a
fingerprint in one story (the same slip in the same words twice) are told
apart by an occurrence number, so each fingerprint is unique in its story.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import replace

from checker.document import Document
from checker.textfold import quote_key
from checker.finding import Finding
from checker.cache import sha256  # the built-in one: hashlib would load OpenSSL at every start

CONTEXT_WORDS = 3  # words either side, from the finding's own line only
VERSION = "1"  # bump if the recipe changes: old baselines then stop matching


def _context(doc: Document, starts: Sequence[int], start: int, end: int) -> tuple[str, str]:
    line, _ = doc.line_col(start)
    end_line, _ = doc.line_col(end)
    line_start = doc.line_starts[line - 1]
    line_end = doc.line_starts[end_line] if end_line < len(doc.line_starts) else len(doc.text)
    tokens = doc.tokens
    lo = bisect.bisect_left(starts, line_start)
    first = bisect.bisect_left(starts, start)
    after = bisect.bisect_left(starts, end)
    hi = bisect.bisect_left(starts, line_end)
    before_words = [t.norm for t in tokens[max(lo, first - CONTEXT_WORDS) : first]]
    after_words = [t.norm for t in tokens[after : min(hi, after + CONTEXT_WORDS)]]
    return " ".join(before_words), " ".join(after_words)


def _fingerprint(doc: Document, starts: Sequence[int], finding: Finding) -> str:
    before, after = _context(doc, starts, finding.start, finding.end)
    key = "\0".join((VERSION, finding.rule_id, quote_key(finding.position.text), before, after))
    return sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:16]  # lone surrogates (API, utf-7) hash too


def with_fingerprints(doc: Document, findings: list[Finding]) -> list[Finding]:
    """The findings, in the same order, each carrying its fingerprint."""
    if not findings:
        return findings
    starts = doc.token_starts
    seen: dict[str, int] = {}
    out = []
    for f in findings:
        fp = _fingerprint(doc, starts, f)
        seen[fp] = seen.get(fp, 0) + 1
        out.append(replace(f, fingerprint=fp if seen[fp] == 1 else f"{fp}:{seen[fp]}"))
    return out


def for_report(path: str, fp: str) -> str:
    """A fingerprint unique across a whole run, for formats (GitLab) that key issues without the file."""
    return sha256(f"{path}\0{fp}".encode("utf-8", "surrogatepass")).hexdigest()[:32]
