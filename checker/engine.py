"""Run rules over a document and turn their matches into findings, in one place."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from checker.config import Config, matches, most_specific
from checker.document import Document
from checker.finding import Finding, Match, Related, Severity
from checker.fingerprint import with_fingerprints
from checker.paths import default_rules_dir
from checker.rules import KIND_PREFIX, Problem, Rule, load_rules


HOUSE_AUTHORITY = KIND_PREFIX + "name-authority"  # the kind whose rules read --names FILE
HOUSE_GLOSSARY = KIND_PREFIX + "bilingual-glossary"  # the kind whose rules read --glossary FILE


@dataclass
class RuleSet:
    rules: list[Rule]
    problems: list[Problem] = field(default_factory=list)

    def get(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)

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
) -> RuleSet:
    """The shipped packs plus config and command-line rule files, selected and re-levelled."""
    paths = ([default_rules_dir()] if config.default_rules else []) + list(config.rules) + list(extra_paths)
    options = dict(config.options)
    names = names_file or config.names
    if names:
        options[HOUSE_AUTHORITY] = {**options.get(HOUSE_AUTHORITY, {}), "file": str(Path(names).resolve())}
    glossary = glossary_file or config.glossary
    if glossary:
        options[HOUSE_GLOSSARY] = {**options.get(HOUSE_GLOSSARY, {}), "file": str(Path(glossary).resolve())}
    rules, problems = load_rules(paths, options)
    selectors = list(select) or config.select
    ignored = list(config.ignore) + list(ignore)
    chosen = []
    for rule in rules:
        if selectors and not matches(rule.id, selectors):
            continue
        if ignored and matches(rule.id, ignored):
            continue
        level = most_specific(rule.id, config.severity)
        chosen.append(replace(rule, severity=Severity.parse(level)) if level else rule)
    return RuleSet(chosen, problems)


PLACE_WORDS = 4  # words of a paragraph's opening that name it for an editor


def place(doc: Document, offset: int, here: int) -> str:
    """Where `offset` is, as an editor finds it: `3:12, in the paragraph starting 'Shanghai, which has been…'`
    (or `in this paragraph` when it shares the paragraph of `here`)."""
    line, col = doc.line_col(offset)
    paragraphs = doc.paragraphs
    i = bisect.bisect_right([p.start for p in paragraphs], offset) - 1
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
    )


def check_document(doc: Document, rules: list[Rule]) -> list[Finding]:
    """Every finding of every rule, deduplicated, in report order (offset, then rule id)."""
    findings: dict[tuple[str, int, int], Finding] = {}
    for rule in rules:
        if rule.requires and not any(s in doc.folded for s in rule.requires):
            continue
        for match in rule.check(doc):
            finding = make_finding(rule, doc, match)
            findings.setdefault((rule.id, match.start, match.end), finding)
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
