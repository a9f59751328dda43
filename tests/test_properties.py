"""Properties over random Unicode copy: whatever the text, the checker answers sanely.

Text is drawn from wire-copy words and the characters hostile input brings:
CJK, combining marks, NBSP and other spaces, bidi marks, control characters
and (reachable through the API) lone surrogates. For every text: no rule
raises, every offset lies inside the text, line and column agree with the
offset, `fix` reaches a fixed point in one run, and the JSON report
validates against the published schema.
"""

from __future__ import annotations

import io
import json
from importlib import resources

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from checker.config import Config
from checker.document import Document
from checker.engine import build_ruleset, check_document
from checker.fixes import fix_text, safe_fixes
from checker.run import check_story
from checker.reporters.base import ReportContext
from checker.reporters.json_report import Reporter
from checker.results import FileResult, Summary

RULES = build_ruleset(Config()).rules
SCHEMA = Draft202012Validator(json.loads(resources.files("checker.schemas").joinpath("report.schema.json").read_text("utf-8")))

WORDS = ["the", "The", "Lhasa", "Xigaze", "Shigatse", "Laba Dolma", "Secretary", "secretary of the", "Party Committee",
         "14th", "13th", "Five-Year Plan", "1,500", "3.5", "(End)", "(over)", "LHASA, Nov. 11 (Xinhua) --",
         "Tibet's", "Tibet’s", "carry out work", "masses", "Ningxia", "Qinghai", "fully", "yuan", "said"]
ODD = ("\u4e2d\u56fd\u897f\u85cf"  # CJK
       "\u0301\u0308\u20dd"  # combining marks
       "\u00a0\u2009\u3000\u200b"  # NBSP, thin, ideographic and zero-width space
       "\u200e\u200f\u202a\u202e\u2066\u2069"  # bidi marks and overrides
       "\x00\x07\x1b\x7f\x85\r\t"  # control characters
       "\u2028\u2029\ufeff"  # line and paragraph separators, BOM
       "\ud800\udfff"  # lone surrogates
       "\uff0c\u3002\uff01\"'“”‘’«»()[]-—.,;:!? \n")

piece = st.one_of(
    st.sampled_from(WORDS),
    st.text(alphabet=ODD, min_size=1, max_size=3),
    st.text(min_size=1, max_size=4),  # any code point, surrogates included
)
texts = st.lists(piece, min_size=1, max_size=40).map(" ".join)


def check(text):
    result = check_story(text, "prop.txt", RULES, "text")
    return result.findings, result.line_starts, result.failures, None


def assert_position(doc: Document, p) -> None:
    assert 0 <= p.start <= p.end <= len(doc.text)
    assert p.text == doc.text[p.start : p.end]
    assert (p.line, p.column) == doc.line_col(p.start) and (p.end_line, p.end_column) == doc.line_col(p.end)
    assert doc.line_starts[p.line - 1] + p.column - 1 == p.start
    assert doc.line_starts[p.end_line - 1] + p.end_column - 1 == p.end


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_any_text_checks_cleanly_within_bounds(text):
    doc = Document(text, "prop.txt")
    failures = []
    findings = check_document(doc, RULES, failures)
    assert failures == []
    for f in findings:
        assert_position(doc, f.position)
        for r in f.related:
            assert_position(doc, r.position)
        for x in f.fixes:
            assert 0 <= x.start <= x.end <= len(text)
        assert all(isinstance(r, str) for r in f.replacements)
    out = io.StringIO()
    reporter = Reporter(out, ReportContext(rules=RULES))
    summary = Summary()
    result = FileResult("prop.txt", text, findings, words=doc.word_count)
    reporter.start()
    summary.add(result)
    reporter.file(result)
    reporter.finish(summary)
    SCHEMA.validate(json.loads(out.getvalue()))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_fix_reaches_a_fixed_point_in_one_run(text):
    new, fixed, stopped, failures = fix_text(text, check)
    assert failures == []
    assert stopped is None or "overlap" in stopped, stopped  # never "still fixable" nor fixes undoing each other
    if stopped is None:
        findings, starts, _, _ = check(new)
        left, conflict = safe_fixes(findings, starts)
        assert not left and conflict is None, (new, [(x, f.rule_id) for x, f in left])
