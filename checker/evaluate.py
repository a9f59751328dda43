"""Score the rules against annotated stories: per kind true/false positives, misses, precision, recall.

Two annotation layouts are read:
- a set folder with `expected.yaml` keyed by story file name (../shared/corpus/*);
- fixture stories `NAME.txt` each with a `NAME.expect.yaml` sidecar (fixtures/).
Both use `must_flag` entries (`kind`, `quote`, optional `nth`, `related`) and
`must_not_flag` quotes. A finding counts for an entry when its rule's
`category` is the entry's kind (the broad kind `inconsistency` accepts every
consistency family) and its span overlaps the quote, or for an
inconsistency the related quote. A finding inside a `must_not_flag` quote is
a false positive; one matching no annotation is `unannotated`, for a person
to judge. A set with no `must_flag` at all is clean copy: its findings per
1,000 words are the false-alarm rate.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from checker import yamlio
from checker.finding import Finding, Severity
from checker.document import Document
from checker.inputs import DEFAULT_SOURCE_PATTERNS, InputError, decode, source_for
from checker.results import FileResult
from checker.run import check_story

CONSISTENCY_FAMILIES = {"name-drift", "term-drift", "ordinal-conflict", "count-conflict", "house-spelling"}


@dataclass
class Story:
    path: Path
    annotations: dict


@dataclass
class KindScore:
    tp: int = 0  # annotated faults found
    fn: int = 0  # annotated faults missed
    matched: int = 0  # findings that hit an annotation
    fp: int = 0  # findings inside a must_not_flag quote
    unannotated: int = 0

    @property
    def precision(self) -> float | None:
        judged = self.matched + self.fp
        return self.matched / judged if judged else None

    @property
    def recall(self) -> float | None:
        total = self.tp + self.fn
        return self.tp / total if total else None


@dataclass
class SetScore:
    name: str
    clean: bool
    stories: int = 0
    words: int = 0
    kinds: dict[str, KindScore] = field(default_factory=lambda: defaultdict(KindScore))
    by_severity: Counter = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)
    unannotated: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def per_1k(self) -> dict[str, float]:
        return {s: round(1000 * self.by_severity[s] / self.words, 3) if self.words else 0.0 for s in map(str, sorted(Severity, reverse=True))}

    def total(self) -> KindScore:
        out = KindScore()
        for k in self.kinds.values():
            out.tp, out.fn, out.matched, out.fp, out.unannotated = (
                out.tp + k.tp, out.fn + k.fn, out.matched + k.matched, out.fp + k.fp, out.unannotated + k.unannotated)
        return out


def stories_in(folder: Path) -> list[Story]:
    """Annotated stories of a set folder (expected.yaml) or a fixture folder (sidecars)."""
    expected = folder / "expected.yaml"
    if expected.is_file():
        table = _annotations(expected, expected.stat().st_mtime_ns)
        return [Story(folder / name, ann or {}) for name, ann in sorted(table.items())]
    return [
        Story(p, yamlio.load(p.with_suffix(".expect.yaml").read_text(encoding="utf-8")) or {})
        for p in sorted(folder.glob("*.txt"))
        if p.with_suffix(".expect.yaml").is_file()
    ]


@lru_cache(maxsize=8)
def _annotations(expected: Path, mtime_ns: int) -> dict:
    """A set's expected.yaml, parsed once while unchanged (bitext-wmt20/mt's is 3.5 MB, a second to parse). Read-only."""
    return yamlio.load(expected.read_text(encoding="utf-8")) or {}


def occurrences(text: str, quote: str) -> list[tuple[int, int]]:
    """Every (start, end) of quote in text, overlapping ones too, as ../shared/tools/score.py finds them."""
    spans, i = [], text.find(quote)
    while i >= 0 and quote:
        spans.append((i, i + len(quote)))
        i = text.find(quote, i + 1)
    return spans


def overlaps(a, b) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def inside(a, b) -> bool:
    return b[0] <= a[0] and a[1] <= b[1]


def kind_accepts(entry_kind: str, category: str) -> bool:
    return category == entry_kind or (entry_kind == "inconsistency" and category in CONSISTENCY_FAMILIES)


@dataclass(frozen=True)
class CheckedFile:
    """A story file as checked: its text, its Chinese original's text (if one is beside it) and the result."""
    text: str
    source: str | None
    result: FileResult


def check_file(path: Path, rules, known: Sequence[Finding] = ()) -> CheckedFile:
    """Read a story and the Chinese original beside it (paired as `lint` pairs them) and check them.

    `known`: findings other rules already made on the same text (checker.engine.check_document).
    Raises OSError or InputError when either cannot be read.
    """
    original = source_for(path, DEFAULT_SOURCE_PATTERNS)
    text = decode(path.read_bytes(), str(path))
    source = decode(original.read_bytes(), str(original)) if original else None
    held = Document(source, str(original)) if source is not None else None
    return CheckedFile(text, source, check_story(text, str(path), rules, source=held, known=known))


def score_set(folder: Path, rules, check: Callable[[Path], CheckedFile] | None = None) -> SetScore:
    """The set scored against its annotations; `check` (default check_file with `rules`) lets a caller reuse results."""
    check = check or (lambda path: check_file(path, rules))
    stories = stories_in(folder)
    clean = not any(s.annotations.get("must_flag") for s in stories)
    result = SetScore(folder.name or str(folder), clean)
    for story in stories:
        try:
            checked = check(story.path)
        except (OSError, InputError) as exc:
            result.errors.append(str(exc))
            continue
        result.stories += 1
        result.words += checked.result.words
        _score_story(result, story, checked.text, checked.result.findings)
    return result


def _score_story(result: SetScore, story: Story, text: str, findings) -> None:
    name = story.path.name
    entries = []
    for e in story.annotations.get("must_flag", []):
        occ = occurrences(text, e["quote"])
        nth = e.get("nth", 1)
        spans = occ[nth - 1 : nth]
        if e.get("related"):
            spans += occurrences(text, e["related"])
        entries.append((e, spans))
    traps = [s for q in story.annotations.get("must_not_flag", []) for s in occurrences(text, q)]
    for f in findings:
        result.by_severity[str(f.severity)] += 1
    for e, spans in entries:
        hit = any(kind_accepts(e["kind"], f.category) and any(overlaps((f.start, f.end), s) for s in spans) for f in findings)
        score = result.kinds[e["kind"]]
        if hit:
            score.tp += 1
        else:
            score.fn += 1
            result.misses.append(f"{name}: {e['kind']}: {e['quote']!r}")
    for f in findings:
        span = (f.start, f.end)
        owners = [e["kind"] for e, spans in entries if kind_accepts(e["kind"], f.category) and any(overlaps(span, s) for s in spans)]
        if owners:
            result.kinds[owners[0]].matched += 1
        elif any(inside(span, t) for t in traps) and not any(overlaps(span, s) for _, spans in entries for s in spans):
            result.kinds[f.category].fp += 1
            result.false_alarms.append(f"{name}:{f.position.line}:{f.position.column}: {f.rule_id}: {f.position.text!r}")
        else:
            result.kinds[f.category].unannotated += 1
            result.unannotated.append(f"{name}:{f.position.line}:{f.position.column}: {f.rule_id}: {f.position.text[:60]!r}")


def as_dict(score: SetScore) -> dict:
    def kind(k: KindScore) -> dict:
        return {"tp": k.tp, "fn": k.fn, "matched_findings": k.matched, "fp": k.fp, "unannotated": k.unannotated,
                "precision": k.precision, "recall": k.recall}

    return {
        "set": score.name,
        "clean": score.clean,
        "stories": score.stories,
        "words": score.words,
        "kinds": {name: kind(k) for name, k in sorted(score.kinds.items())},
        "overall": kind(score.total()),
        "findings_by_severity": dict(score.by_severity),
        "per_1k_words": score.per_1k(),
        "misses": score.misses,
        "false_alarms": score.false_alarms,
        "unannotated": score.unannotated,
        "errors": score.errors,
    }


def table(score: SetScore) -> str:
    """The terminal table for one set."""
    def pct(x):
        return "   -" if x is None else f"{x:4.2f}"

    lines = [f"{score.name}: {score.stories} stories, {score.words} words" + (" (clean copy)" if score.clean else "")]
    lines.append(f"  {'kind':<20} {'TP':>5} {'FN':>5} {'FP':>5} {'unann.':>7} {'prec':>5} {'recall':>6}")
    rows = sorted(score.kinds.items()) + [("overall", score.total())]
    for name, k in rows:
        lines.append(f"  {name:<20} {k.tp:>5} {k.fn:>5} {k.fp:>5} {k.unannotated:>7} {pct(k.precision):>5} {pct(k.recall):>6}")
    rate = score.per_1k()
    lines.append(f"  findings per 1,000 words: error {rate['error']}, warning {rate['warning']}, info {rate['info']}")
    for err in score.errors:
        lines.append(f"  error: {err}")
    return "\n".join(lines)
