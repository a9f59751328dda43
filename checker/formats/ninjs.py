"""ninjs (IPTC's JSON for news), versions 1.x and 2.x/3.x.

Checked: the headline(s), the byline, the description (summary) and the body
(`body_text`, `body_html`; 2.x: `headlines`, `descriptions`, `bodies`, with
their `contenttype`), then the captions of the `associations` (pictures:
their description or body, read as captions). Everything else is metadata.

The JSON is decoded by the stdlib decoder with its string parser wrapped, so
each string value keeps where it stood in the file; its escapes become pieces
of their own, and HTML bodies are walked by the HTML reader and mapped
through the string.
"""

from __future__ import annotations

import json
import json.decoder
import json.scanner
import re

from checker.formats import html as html_format
from checker.formats.markup import MarkupError
from checker.formats.offsets import Builder, Extracted, compose, escape_markup

NAME = "ninjs"
SUFFIXES = (".json", ".ninjs")
KEYS = ("headline", "headlines", "body_text", "body_html", "bodies", "description_text", "descriptions", "uri")
ESCAPE = re.compile(r'\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}|\\(?:u[0-9a-fA-F]{4}|.)')


class Located(str):
    """A JSON string value that remembers its raw literal: source[start:end] between the quotes."""

    start: int
    end: int


# The stdlib decoder's own pieces (stable since Python 2.6, not in the typeshed stubs): the pure-Python
# scanner calls `parse_string` for every string value, so wrapping it records where each one stood.
scanstring = getattr(json.decoder, "scanstring")
py_make_scanner = getattr(json.scanner, "py_make_scanner")


def _parse_string(s, idx, strict):
    value, end = scanstring(s, idx, strict)
    out = Located(value)
    out.start, out.end = idx, end - 1
    return out, end


def load(source: str):
    decoder = json.JSONDecoder()
    setattr(decoder, "parse_string", _parse_string)
    setattr(decoder, "scan_once", py_make_scanner(decoder))
    try:
        return decoder.decode(source)
    except json.JSONDecodeError as exc:
        raise MarkupError(f"malformed JSON: {exc.msg}", exc.lineno, exc.colno) from None
    except RecursionError:
        raise MarkupError("malformed JSON: nested too deep", 1, 1) from None


def json_escape(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)[1:-1]


def _string(b: Builder, value: Located, role: str | None = None) -> None:
    """The decoded value, its plain runs verbatim and each escape a piece of its own.

    With a `role` (plain text), a line break starts a new paragraph; in HTML it is a space."""
    pos = value.start
    for m in ESCAPE.finditer(b.original, value.start, value.end):
        if m.start() > pos:
            b.copy(pos, m.start())
        try:
            decoded = json.loads(f'"{m.group()}"')
        except ValueError:  # a lone surrogate
            decoded = ""
        if decoded in ("\n", "\r") and role:
            b.open(role, json_escape)
        elif decoded in ("\n", "\r"):
            b.space(m.start(), m.end())
        elif decoded:
            b.put(decoded, m.start(), m.end())
        pos = m.end()
    if pos < value.end:
        b.copy(pos, value.end)


def _fields(doc: dict) -> list[tuple[str, Located, str]]:
    """(role, value, content type) of the checked fields of one ninjs object, in reading order."""
    out: list[tuple[str, Located, str]] = []

    def add(role, value, ctype="text/plain"):
        if isinstance(value, Located) and value.strip():
            out.append((role, value, ctype))

    add("headline", doc.get("headline"))
    for h in _items(doc.get("headlines")):
        add("headline" if h.get("role") in (None, "main", "default") else "subhead", h.get("value"), h.get("contenttype", "text/plain"))
    add("byline", doc.get("byline"))
    add("byline", doc.get("by"))
    add("summary", doc.get("description_text"))
    if not isinstance(doc.get("description_text"), str):
        add("summary", doc.get("description_html"), "text/html")
    for d in _items(doc.get("descriptions")):
        add("caption" if "caption" in str(d.get("role", "")).lower() else "summary", d.get("value"), d.get("contenttype", "text/plain"))
    if isinstance(doc.get("body_html"), str):
        add("body", doc.get("body_html"), "text/html")
    else:
        add("body", doc.get("body_text"))
    for body in _items(doc.get("bodies")):
        add("body", body.get("value"), body.get("contenttype", "text/plain"))
    return out


def _items(value) -> list[dict]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _associations(doc: dict) -> list[dict]:
    assoc = doc.get("associations")
    if isinstance(assoc, dict):  # 1.x: {"featureimage": {...}}
        return [v for v in assoc.values() if isinstance(v, dict)]
    return _items(assoc)  # 2.x: [{"name": ..., ...}]


def extract(source: str, label: str) -> Extracted:
    doc = load(source)
    if not isinstance(doc, dict):
        raise MarkupError("not a ninjs document: the top level is not an object", 1, 1)
    parts = [(role, v, ct) for role, v, ct in _fields(doc)]
    for assoc in _associations(doc):
        for role, v, ct in _fields(assoc):
            parts.append(("caption", v, ct))  # a picture's title and description are its caption
    b = Builder(source, NAME)
    pieces: list[Extracted] = []
    for role, value, ctype in parts:
        if "html" in ctype:
            inner = Builder(source, NAME)
            inner.open(role)
            _string(inner, value)
            outer = inner.result()
            pieces.append(compose(html_format.extract(outer.text, label, escape=lambda t: json_escape(escape_markup(t)), role=role), outer, source, NAME))
            continue
        b.open(role, json_escape)
        _string(b, value, role)
        b.close()
        pieces.append(b.result())
        b = Builder(source, NAME)
    return join(pieces, source, NAME)


def join(parts: list[Extracted], original: str, fmt: str) -> Extracted:
    """Several extractions of one file, one after the other, a paragraph break between them."""
    from checker.formats.offsets import BLOCK_BREAK, Segment

    text: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    orig: list[tuple[int, int, bool]] = []
    segments: list[Segment] = []
    length = 0
    for part in parts:
        if not part.text:
            continue
        if text:
            at = orig[-1][1]
            starts.append(length)
            ends.append(length + len(BLOCK_BREAK))
            orig.append((at, at, False))
            text.append(BLOCK_BREAK)
            length += len(BLOCK_BREAK)
        starts += [s + length for s in part.ext_starts]
        ends += [e + length for e in part.ext_ends]
        orig += part.orig
        segments += [Segment(s.start + length, s.end + length, s.role, s.escape) for s in part.segments]
        text.append(part.text)
        length += len(part.text)
    return Extracted(original, "".join(text), fmt, starts, ends, orig, segments)


def sniff(head: str) -> bool:
    stripped = head.lstrip("\ufeff \t\r\n")
    return stripped.startswith("{") and any(f'"{k}"' in head for k in KEYS[:-1])
