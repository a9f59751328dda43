"""LanguageTool's HTTP API (/v2/check, /v2/languages) over the checker's findings.

The shapes follow LanguageTool's public API (https://languagetool.org/http-api/,
org.languagetool.server.ApiV2 and RuleMatchesAsJsonSerializer) as its
clients read them: language_tool_python's remote-server mode, LTeX, the
browser extension with a custom server. Offsets and lengths are in UTF-16
code units, as Java indexes strings.

`replacements` carry only a finding's real fix text, and each one's first
replacement is a safe fix, so a client's "apply the first suggestion"
(language_tool_python's `correct()`) writes exactly what `checker fix` writes.
Unsafe fixes follow a safe one or are left out; advice never becomes a replacement.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate

from checker import __version__
from checker.fixes import safe_fixes

LANGUAGES = [
    {"name": "English", "code": "en", "longCode": "en"},
    {"name": "English (US)", "code": "en", "longCode": "en-US"},
    {"name": "English (GB)", "code": "en", "longCode": "en-GB"},
    {"name": "English (Australian)", "code": "en", "longCode": "en-AU"},
    {"name": "English (Canadian)", "code": "en", "longCode": "en-CA"},
    {"name": "English (New Zealand)", "code": "en", "longCode": "en-NZ"},
    {"name": "English (South African)", "code": "en", "longCode": "en-ZA"},
]
LONG_CODES = {lang["longCode"].lower(): lang for lang in LANGUAGES}
SOFTWARE = {"name": "checker", "version": __version__, "buildDate": None, "apiVersion": 1, "premium": False,
            "status": ""}
CONTEXT = 40  # characters either side of a match in `context`, as LanguageTool's default
SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+|\n")


@dataclass
class Query:
    text: str  # what is checked: the text parts (markup read as its interpretAs)
    whole: str  # what offsets index: the text, or text and markup together
    pieces: list[tuple[int, int, int, bool, int]]  # (start in text, start in whole, length in whole, is text, length in text)
    language: dict
    allowed: set[str] | None  # rule ids to report; None: all


def _csv(params: dict, name: str) -> set[str]:
    return {v.strip() for v in params.get(name, "").split(",") if v.strip()}


def _annotation(data: str) -> tuple[str, str, list[tuple[int, int, int, bool, int]]]:
    """LanguageTool's `data`: {"annotation": [{"text": ...} | {"markup": ..., "interpretAs": ...}]}."""
    try:
        parts = json.loads(data)["annotation"]
    except (ValueError, TypeError, KeyError):
        raise ValueError("'data' must be JSON of the form {\"annotation\": [{\"text\": \"...\"}, {\"markup\": \"...\"}]}") from None
    if not isinstance(parts, list):
        raise ValueError("'annotation' must be a list")
    text, whole, pieces = [], [], []
    at_text = at_whole = 0
    for part in parts:
        if not isinstance(part, dict):
            raise ValueError("each annotation part must be an object with 'text' or 'markup'")
        if isinstance(part.get("text"), str):
            shown, source, is_text = part["text"], part["text"], True
        elif isinstance(part.get("markup"), str):
            shown, source, is_text = part.get("interpretAs") or "", part["markup"], False
            if not isinstance(shown, str):
                raise ValueError("'interpretAs' must be a string")
        else:
            raise ValueError("each annotation part must be an object with 'text' or 'markup'")
        pieces.append((at_text, at_whole, len(source), is_text, len(shown)))
        text.append(shown)
        whole.append(source)
        at_text += len(shown)
        at_whole += len(source)
    return "".join(text), "".join(whole), pieces


def parse(params: dict, rules: list) -> Query:
    """The request's form fields, checked (ValueError: a message for a 400, worded as LanguageTool words them)."""
    language = params.get("language")
    if not language:
        raise ValueError("Missing 'language' parameter")
    lang = LONG_CODES.get(language.lower()) or (LONG_CODES["en-us"] if language.lower() in ("auto", "en") else None)
    if lang is None:
        raise ValueError(f"'{language}' is not a language code known to this server (English only: GET /v2/languages)")
    if "text" in params:
        text = whole = params["text"]
        pieces = [(0, 0, len(text), True, len(text))]
    elif "data" in params:
        text, whole, pieces = _annotation(params["data"])
    else:
        raise ValueError("Missing 'text' or 'data' parameter")
    if not text.strip():
        raise ValueError("'text' is empty")
    try:
        whole.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("the text holds a lone surrogate: not valid Unicode") from None
    enabled, disabled = _csv(params, "enabledRules"), _csv(params, "disabledRules")
    enabled_cats, disabled_cats = _csv(params, "enabledCategories"), _csv(params, "disabledCategories")
    allowed = None
    if params.get("enabledOnly", "false").lower() == "true":
        if not enabled and not enabled_cats:
            raise ValueError("You must specify enabled rules or categories when using enabledOnly=true")
        allowed = {r.id for r in rules if r.id in enabled or r.category in enabled_cats}
    if disabled or disabled_cats:
        allowed = (allowed if allowed is not None else {r.id for r in rules})
        allowed = {i for i in allowed if i not in disabled and _category(rules, i) not in disabled_cats}
    return Query(text, whole, pieces, lang, allowed)


def _category(rules: list, rule_id: str) -> str | None:
    return next((r.category for r in rules if r.id == rule_id), None)


def _to_whole(query: Query, offset: int, end: bool) -> int:
    """An offset into the checked text as an offset into the whole (text and markup)."""
    starts = [p[0] for p in query.pieces]
    i = max(0, bisect_right(starts, offset) - 1)
    if end and offset > 0:  # an end belongs to the piece it closes
        i = max(0, bisect_right(starts, offset - 1) - 1)
    at_text, at_whole, length, is_text, shown = query.pieces[i]
    if is_text:
        return at_whole + (offset - at_text)
    return at_whole + (length if end and offset > at_text else 0)


def utf16(text: str):
    """Code-point offset -> UTF-16 offset: one more unit for each character outside the BMP before it."""
    if not re.search("[\U00010000-\U0010ffff]", text):
        return lambda i: i
    units = [0, *accumulate(2 if ord(c) > 0xFFFF else 1 for c in text)]
    return units.__getitem__


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence around a span, as LanguageTool gives it (bounded by sentence ends or line breaks)."""
    begin = 0
    for before in SENTENCE_END.finditer(text, max(0, start - 2000), start):
        begin = before.end()
    after = SENTENCE_END.search(text, end)
    stop = len(text) if after is None else after.start() + (after.group()[0] != "\n")
    return text[begin:stop].strip()


def response(query: Query, result, rules: list) -> dict:
    """LanguageTool's /v2/check reply for one checked text."""
    descriptions = {r.id: _first_sentence(r.description) for r in rules}
    findings = [f for f in result.findings if query.allowed is None or f.rule_id in query.allowed]
    chosen, conflict = safe_fixes(findings, result.line_starts)
    first_fix = {} if conflict else {id(f): x for x, f in chosen}  # a fix two findings share goes to the first
    whole, units = query.whole, utf16(query.whole)
    matches = []
    for f in findings:
        start, end = _to_whole(query, f.start, False), _to_whole(query, f.end, True)
        values = []
        fix = first_fix.get(id(f))
        if fix is not None:
            values.append(_within(result.text, f, fix))
            values += [_within(result.text, f, x) for x in f.fixes if not x.safe]
        values = [v for v in dict.fromkeys(values) if v is not None]
        if whole[start:end] != result.text[f.start:f.end]:  # the span crosses markup: a replacement would eat it
            values = []
        c_start, c_end = max(0, start - CONTEXT), min(len(whole), end + CONTEXT)
        lead, tail = ("..." if c_start else ""), ("..." if c_end < len(whole) else "")
        context = lead + whole[c_start:c_end].replace("\n", " ").replace("\r", " ") + tail
        ctx_units = utf16(context)
        ctx_at = len(lead) + (start - c_start)
        matches.append({
            "message": f.message,
            "shortMessage": _category_name(f.category),
            "replacements": [{"value": v} for v in values],
            "offset": units(start),
            "length": units(end) - units(start),
            "context": {"text": context, "offset": ctx_units(ctx_at), "length": ctx_units(ctx_at + end - start) - ctx_units(ctx_at)},
            "sentence": _sentence(whole, start, end),
            "type": {"typeName": "Hint" if str(f.severity) == "info" else "Other"},
            "rule": {
                "id": f.rule_id,
                "description": descriptions.get(f.rule_id, f.rule_id),
                "issueType": f.issue_type,
                "category": {"id": f.category, "name": _category_name(f.category)},
            },
            "ignoreForIncompleteSentence": False,
            "contextForSureMatch": 0,
        })
    return {
        "software": SOFTWARE,
        "warnings": {"incompleteResults": False},
        "language": {"name": query.language["name"], "code": query.language["longCode"],
                     "detectedLanguage": {"name": query.language["name"], "code": query.language["longCode"],
                                          "confidence": 1.0}},
        "matches": matches,
    }


def _within(text: str, finding, fix) -> str | None:
    """A fix as replacement text for the whole finding span (None when the fix reaches outside it)."""
    if fix.start < finding.start or fix.end > finding.end:
        return None
    return text[finding.start:fix.start] + fix.replacement + text[fix.end:finding.end]


def _category_name(category: str) -> str:
    return category.replace("-", " ").capitalize()


def _first_sentence(description: str) -> str:
    """LanguageTool's rule description is a short name; ours is a paragraph of why."""
    flat = " ".join(description.split())
    end = re.search(r"[.!?](\s|$)", flat)
    return flat[: end.start() + 1] if end else flat
