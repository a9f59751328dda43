"""Run rules over a document and turn their matches into findings, in one place."""

from __future__ import annotations

import bisect
import os
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import NamedTuple
from pathlib import Path

from checker.config import Config, matches, most_specific
from checker.document import Document
from checker.finding import Finding, Match, Related, Severity
from checker.fingerprint import with_fingerprints
from checker.paths import default_rules_dir
from checker.rules import KIND_PREFIX, Problem, Rule, load_rules
from checker.safety import (REGEX_BUDGET, RegexTimeout, TimeBudgetExceeded, check_deadline, did_you_mean, regex_budget,
                            unmatched_selectors)


HOUSE_AUTHORITY = KIND_PREFIX + "name-authority"  # the kind whose rules read --names FILE
HOUSE_GLOSSARY = KIND_PREFIX + "bilingual-glossary"  # the kind whose rules read --glossary FILE


@dataclass
class RuleSet:
    rules: list[Rule]
    problems: list[Problem] = field(default_factory=list)
    regex_budget: float | None = REGEX_BUDGET  # seconds of rule-file regex matching per story
    off: list[Rule] = field(default_factory=list)  # loaded, off by default and not turned on: listed, not run

    def get(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)

    def get_any(self, rule_id: str) -> Rule | None:
        """The rule in force or, failing that, the rule that is off by default (for `explain`)."""
        return self.get(rule_id) or next((r for r in self.off if r.id == rule_id), None)

    def name_matcher(self):
        """The transliteration matcher of the first rule in force that has one (the name-drift kind's), or None."""
        for rule in self.rules:
            matcher = getattr(rule.check, "name_matcher", None)
            if matcher is not None:
                return matcher()
        return None


def build_ruleset(
    config: Config,
    extra_paths: Sequence[Path] = (),
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    names_file: Path | None = None,
    glossary_file: Path | None = None,
    enable: Sequence[str] = (),
) -> RuleSet:
    """The shipped packs plus config and command-line rule files, selected and re-levelled.

    A rule with `enabled: false` is off by default (opt-in, as ruff's preview
    rules or eslint's rules outside `recommended`): a select turns it on only
    by its full id, so `--select bilingual` still means the group's default
    rules; `enable` (the command line's and the config's) turns it on by id
    or prefix and keeps everything else as selected.
    """
    paths = ([default_rules_dir()] if config.default_rules else []) + list(config.rules) + list(extra_paths)
    options = dict(config.options)
    names = names_file or config.names
    if names:
        options[HOUSE_AUTHORITY] = {**options.get(HOUSE_AUTHORITY, {}), "file": str(Path(names).resolve())}
    glossary = glossary_file or config.glossary
    if glossary:
        options[HOUSE_GLOSSARY] = {**options.get(HOUSE_GLOSSARY, {}), "file": str(Path(glossary).resolve())}
    rules, problems = load_rules(paths, options)
    problems += _unmatched(config, select, ignore, [r.id for r in rules], enable)
    selectors = list(select) or config.select
    ignored = list(config.ignore) + list(ignore)
    enabled = list(config.enable) + list(enable)
    named = {sel.rstrip(".") for sel in selectors}
    chosen, off = [], []
    for rule in rules:
        opted_in = not rule.enabled and (rule.id in named or matches(rule.id, enabled))
        if selectors and not opted_in and not matches(rule.id, selectors):
            continue
        if ignored and matches(rule.id, ignored):
            continue
        if not rule.enabled and not opted_in:
            off.append(rule)  # would run if turned on: `rules list` shows it as off
            continue
        level = most_specific(rule.id, config.severity)
        chosen.append(replace(rule, severity=Severity.parse(level)) if level else rule)
    budget = config.regex_budget if config.regex_budget is not None else REGEX_BUDGET
    return RuleSet(chosen, problems, budget or None, off)


def _unmatched(config: Config, select, ignore, rule_ids: list[str], enable=()) -> list[Problem]:
    """Rule ids and prefixes, from the command line or the config, that name no loaded rule.

    A typo in `--select` would otherwise run no rules and report "clean".
    """
    where = str(config.path) if config.path else "config"
    problems = [Problem(source, None, None, message) for source, message in unmatched_selectors([
        ("--select", "", list(select)), ("--ignore", "", list(ignore)), ("--enable", "", list(enable)),
        (where, "select", config.select), (where, "ignore", config.ignore), (where, "enable", config.enable),
        (where, "severity key", list(config.severity)),
        (where, "accept entry rule", [a["rule"] for a in config.accept]),
    ], rule_ids)]
    from checker.kinds import KINDS

    kinds = [KIND_PREFIX + k for k in KINDS]
    for key in config.options:
        if key not in rule_ids and key not in kinds:
            problems.append(Problem(where, None, None, f"options key {key!r} is neither a rule id nor kind:NAME"
                                    f"{did_you_mean(key, [*rule_ids, *kinds])}"))
    return problems


PLACE_WORDS = 4  # words of a paragraph's opening that name it for an editor


def place(doc: Document, offset: int, here: int) -> str:
    """Where `offset` is, as an editor finds it: `3:12, in the paragraph starting 'Shanghai, which has been…'`
    (or `in this paragraph` when it shares the paragraph of `here`)."""
    line, col = doc.line_col(offset)
    paragraphs = doc.paragraphs
    i = bisect.bisect_right(doc.paragraph_starts, offset) - 1
    if i < 0 or offset > paragraphs[i].end:
        return f"{line}:{col}"
    para = paragraphs[i]
    if para.start <= here <= para.end:
        return f"{line}:{col}, in this paragraph"
    words = doc.text[para.body_start : para.end].split()
    opening = " ".join(words[:PLACE_WORDS]) + ("…" if len(words) > PLACE_WORDS else "")
    return f"{line}:{col}, in the paragraph starting '{opening}'"


class _Blank(dict):
    def __missing__(self, key):
        return ""


def make_finding(rule: Rule, doc: Document, match: Match) -> Finding:
    """The one place a raw match becomes a finding: message, positions, related spans."""
    values = _Blank(match.params)
    values["match"] = doc.text[match.start : match.end]
    if match.related:
        values["related_at"] = place(doc, match.related[0][0], match.start)
    related = tuple(Related(doc.position(s, e), label) for s, e, label in match.related)
    if match.source_related and doc.source is not None:
        source = doc.source
        related += tuple(Related(source.position(s, e), label, source.path) for s, e, label in match.source_related)
        values.setdefault("source_text", source.text[match.source_related[0][0] : match.source_related[0][1]])
    return Finding(
        rule_id=rule.id,
        severity=rule.severity,
        message=rule.message.format_map(values),
        position=doc.position(match.start, match.end),
        issue_type=rule.issue_type,
        category=rule.category,
        related=related,
        fixes=match.fixes,
        suggestion=match.params.get("suggestion"),
        replacements=replacements(match),
    )


def replacements(match: Match) -> tuple[str, ...]:
    """Texts that can replace the flagged span as they stand: the fixes' replacements for exactly that
    span, and what a kind names as such (`replacements`). Never a suggestion, which may be advice."""
    texts = [x.replacement for x in match.fixes if (x.start, x.end) == (match.start, match.end)]
    return tuple(dict.fromkeys([*texts, *match.params.get("replacements", ())]))


class RuleFailure(NamedTuple):  # not a frozen dataclass: see checker.finding.Match
    """A rule that could not finish on one story: its regex ran out of time, or the rule has a bug."""

    rule_id: str
    path: str
    message: str
    internal: bool  # a bug in the checker or a kind (exit 3), not a slow rule-file regex (exit 2)

    def __str__(self) -> str:
        return f"{self.path}: rule {self.rule_id}: {self.message}"

    @property
    def sentence(self) -> str:
        """How a report that lists it by story says it: `rule X could not finish: why`."""
        return f"rule {self.rule_id} could not finish: {self.message}"


class RuleFailed(Exception):
    """Raised by check_document when the caller gave no list to collect failures in."""

    def __init__(self, failure: RuleFailure):
        super().__init__(str(failure))
        self.failure = failure


def check_document(doc: Document, rules: list[Rule], failures: list[RuleFailure] | None = None,
                   budget: float | None = REGEX_BUDGET, known: Sequence[Finding] = ()) -> list[Finding]:
    """Every finding of every rule, deduplicated, in report order (offset, then rule id).

    A rule that fails (its rule-file regexes use up the story's `budget`:
    that many seconds per MB of text, and at least that many; or it raises)
    adds a RuleFailure to `failures` and the other rules still run; its
    findings so far are kept. Without `failures`, the first one raises
    RuleFailed.

    `known` are findings that other rules already made on this same text (the
    monolingual rules, on the English checked without its original): they are
    kept as if found here, so checking the pair with the bilingual rules alone
    gives the whole pair's findings.
    """
    findings: dict[tuple[str, int, int], Finding] = {(f.rule_id, f.start, f.end): f for f in known}
    with regex_budget(budget and budget * max(1.0, len(doc.text) / 1_000_000)):  # per MB, at least `budget`
        # The `requires` pre-filter for every rule at once, so that the casefolded copy of the story (as
        # large as the story) is not held while the rules run.
        wanted = [rule for rule in rules if not rule.requires or any(s in doc.folded for s in rule.requires)]
        doc.__dict__.pop("folded", None)
        for rule in wanted:
            check_deadline()
            try:
                for match in rule.check(doc):
                    finding = make_finding(rule, doc, match)
                    findings.setdefault((rule.id, match.start, match.end), finding)
            except TimeBudgetExceeded:
                raise  # the whole check is over its deadline: not one rule's failure
            except RegexTimeout as exc:
                failure = RuleFailure(rule.id, doc.path, f"{exc}; the rule was stopped (check its regexes "
                                      "for nested quantifiers, or raise regex_budget)", internal=False)
            except Exception as exc:  # noqa: BLE001 (one rule's bug must not end the run)
                if os.environ.get("CHECKER_DEBUG"):
                    import traceback

                    traceback.print_exc()
                failure = RuleFailure(rule.id, doc.path, f"internal error: {type(exc).__name__}: {exc}", internal=True)
            else:
                continue
            if failures is None:
                raise RuleFailed(failure)
            failures.append(failure)
    if doc.source is not None:
        findings = merge_proven(findings, {r.id for r in rules if r.kind.startswith(BILINGUAL)})
    return with_fingerprints(doc, sorted(findings.values(), key=Finding.sort_key))


BILINGUAL = "bilingual-"  # kinds that read the Chinese original


def merge_proven(findings: dict, bilingual_ids: set[str]) -> dict:
    """Where a bilingual finding proves a monolingual one on the same span, keep one finding that says so."""
    proofs = {(k[1], k[2]): f for k, f in findings.items() if k[0] in bilingual_ids}
    if not proofs:
        return findings
    out: dict = {}
    for key, finding in findings.items():
        proof = proofs.get((key[1], key[2]))
        if key[0] in bilingual_ids or proof is None:
            out.setdefault(key, finding)
            continue
        proof_key = (proof.rule_id, key[1], key[2])
        merged = out.get(proof_key, proof)
        out[proof_key] = replace(merged, message=f"{merged.message} (the source proves {finding.rule_id}: {finding.message})",
                                 severity=max(merged.severity, finding.severity))
    return out


def check_text(text: str, rules: list[Rule], path: str = "<text>", source: str | None = None) -> list[Finding]:
    """Findings on one text; `source` is its Chinese original, if any."""
    return check_document(Document(text, path, Document(source, "<source>") if source is not None else None), rules)
