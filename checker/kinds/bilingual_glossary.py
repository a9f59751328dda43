"""`bilingual-glossary`: a house glossary's source term rendered otherwise in the copy.

The glossary maps Chinese terms to the English the house uses (CSV with
columns zh, en, avoid, source; several renderings split by `|`; or TBX, the
terminology exchange standard: each entry's zh terms to its en terms, those
with administrativeStatus deprecatedTerm-admn-sts to avoid). Where an aligned
source segment holds a term and the copy gives a rendering to avoid, that
rendering is flagged with the house's; where it gives none of the house's
renderings, the segment is reported at the rule's severity for a missing
rendering (`missing_severity`, info by default: translators rephrase).
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

import regex

from checker.bilingual.align import segments
from checker.finding import Fix, Match
from checker.kinds.base import RuleError

PARAMS = {
    "file": {"type": "string", "description": "glossary, CSV or TBX, relative to the rule file (or absolute: --glossary FILE)"},
    "report_missing": {"type": "boolean", "description": "also report a segment whose source term has none of the house's renderings"},
}
REQUIRED = ("file",)
PLACEHOLDERS = {"suggestion", "term", "source_text", "what"}


def build(params, context):
    path = (context.base_dir / params["file"]).resolve()
    try:
        terms = _load(str(path))
    except (OSError, ValueError, KeyError) as exc:
        raise RuleError(f"cannot read glossary {params['file']!r}: {exc}", "file") from None
    missing = params.get("report_missing", False)

    def check(doc):
        if doc.source is None:
            return
        src = doc.source.text
        for seg in segments(doc):
            if seg.target.start == seg.target.end:
                continue
            piece = src[seg.source.start : seg.source.end]
            for zh, use, avoid in terms:
                at = piece.find(zh)
                if at < 0:
                    continue
                where = ((seg.source.start + at, seg.source.start + at + len(zh), "the term in the source"),)
                if use.search(doc.text, seg.target.start, seg.target.end):
                    continue
                wrong = avoid.search(doc.text, seg.target.start, seg.target.end) if avoid else None
                preferred = use.pattern_text
                if wrong:
                    yield Match(wrong.start(), wrong.end(), {"suggestion": preferred, "term": zh, "what": f"'{wrong.group()}'"},
                                fixes=(Fix(wrong.start(), wrong.end(), preferred, False),), source_related=where)
                elif missing:
                    yield Match(seg.target.start, seg.target.end, {"suggestion": preferred, "term": zh, "what": "this paragraph"},
                                source_related=where)

    return check


def _alternation(renderings: list[str]):
    if not renderings:
        return None
    pattern = regex.compile(r"\b(?:%s)(?:s|es)?\b" % "|".join(regex.escape(r).replace(r"\ ", r"[\s-]+") for r in renderings), regex.I)
    pattern_text = renderings[0]
    return _Pattern(pattern, pattern_text)


class _Pattern:
    def __init__(self, pattern, text):
        self.pattern, self.pattern_text = pattern, text

    def search(self, text, start, end):
        return self.pattern.search(text, start, end)


@lru_cache(maxsize=8)
def _load(path: str) -> list[tuple[str, _Pattern, _Pattern | None]]:
    """[(Chinese term, house renderings, renderings to avoid)], longest Chinese term first."""
    rows = _tbx(path) if path.lower().endswith(".tbx") else _csv(path)
    out = [(zh, _alternation(use), _alternation(avoid)) for zh, use, avoid in rows if zh and use]
    return sorted(out, key=lambda t: -len(t[0]))


def _csv(path: str) -> list[tuple[str, list[str], list[str]]]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        if not reader.fieldnames or "zh" not in reader.fieldnames or "en" not in reader.fieldnames:
            raise ValueError("a CSV glossary needs columns zh and en (avoid and source optional)")
        split = lambda v: [x.strip() for x in (v or "").split("|") if x.strip()]  # noqa: E731
        return [(row["zh"].strip(), split(row["en"]), split(row.get("avoid"))) for row in reader]


def _tbx(path: str) -> list[tuple[str, list[str], list[str]]]:
    from lxml import etree

    root = etree.parse(path).getroot()
    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    rows: list[tuple[str, list[str], list[str]]] = []
    for entry in root.iter("{*}termEntry", "termEntry", "{*}conceptEntry", "conceptEntry"):
        zh: list[str] = []
        use: list[str] = []
        avoid: list[str] = []
        for lang_set in entry.iter("{*}langSet", "langSet", "{*}langSec", "langSec"):
            lang = (lang_set.get(xml_lang) or lang_set.get("lang") or "").lower()
            for term_group in lang_set.iter("{*}tig", "tig", "{*}ntig", "ntig", "{*}termSec", "termSec"):
                term = next(term_group.iter("{*}term", "term"), None)
                if term is None or not (term.text or "").strip():
                    continue
                status = " ".join(n.text or "" for n in term_group.iter("{*}termNote", "termNote"))
                if lang.startswith("zh"):
                    zh.append(term.text.strip())
                elif lang.startswith("en"):
                    (avoid if "deprecated" in status or "superseded" in status else use).append(term.text.strip())
        rows.extend((z, use, avoid) for z in zh)
    return rows
