"""Story formats: turn a file into the text the rules check, and map findings back to the file.

One module per format (`text` is the identity); each has `extract(source,
label) -> Extracted` (see `offsets.py` for the map). The rules never see
markup: they check `Extracted.text`, and `remap` moves every finding, related
mention and fix back onto the file the user gave, in one place.

Formats are picked by `--input-format` or, with `auto`, by file name and
then by content (a root `<nitf>`, a NewsML-G2 `<newsItem>`, an HTML doctype,
a JSON object with ninjs fields). The XML and Markdown readers need the
`formats` extra; without it an XML or ninjs-with-HTML story is refused with
the pip command, and a `.md` file picked by `auto` is read as plain text
with a notice (it was read so before, and still checks; only code spans and
the like are then checked as prose).
"""

from __future__ import annotations

import sys
from dataclasses import replace

from checker.formats.offsets import Extracted, Segment
from checker.inputs import InputError, decode

FORMATS = ("auto", "text", "markdown", "html", "nitf", "newsml", "ninjs")
INSTALL_HINT = "pip install 'checker[formats]'"
TEXT_SUFFIXES = (".txt", ".text")
# Checks that do not apply to a part of a story, by rule category: a caption where captions belong is
# no "caption left in the body", and a caption placed after the body (ninjs associations) is no
# "copy after the end mark".
ROLE_SKIPS = {"caption": frozenset({"caption-in-body", "end-marker"})}

__all__ = ["FORMATS", "Extracted", "FormatError", "Segment", "detect", "extract", "remap", "story_format"]


def _readers():
    """The format modules, imported when a story is not plain text: a plain-text run
    (the usual one) does not pay for the markup parsers at start-up."""
    from checker.formats import html, markdown, ninjs, xml
    from checker.formats.markup import MarkupError

    return html, markdown, ninjs, xml, MarkupError


class FormatError(InputError):
    """A story that cannot be read in its format; the message names the file and the place."""


def story_format(name: str, head: str) -> str | None:
    """The format a file is in, from its name and its first few KB, or None if it is no story format."""
    low = name.lower()
    if low.endswith(TEXT_SUFFIXES):
        return "text"
    html_format, markdown_format, ninjs_format, xml_format, _ = _readers()
    if low.endswith(markdown_format.SUFFIXES):
        return "markdown"
    if low.endswith(html_format.SUFFIXES):
        return "html"
    stripped = head.lstrip("\ufeff \t\r\n")
    if stripped.startswith("<"):
        return xml_format.sniff(head) or ("html" if html_format.sniff(head) else None)
    if stripped.startswith("{"):
        return "ninjs" if ninjs_format.sniff(head) else None
    return None


def detect(label: str, text: str) -> str:
    """The format `auto` means for this input: by name and content, else plain text."""
    return story_format(label, text[:8192]) or "text"


_noticed: set[str] = set()


def _notice(message: str) -> None:
    """Said once per process, on stderr (a fallback, not an error)."""
    if message not in _noticed:
        _noticed.add(message)
        print(f"checker: notice: {message}", file=sys.stderr)


def extract(data: str | bytes, fmt: str = "auto", label: str = "<text>", encoding: str | None = None) -> Extracted:
    """The text to check in `data` (a story in format `fmt`), with its map back; FormatError when unreadable.

    This is the library entry point: the CLI and the server call it.
    """
    text = decode(data, label, encoding) if isinstance(data, bytes) else data
    if fmt not in FORMATS:
        raise FormatError(label, f"unknown input format {fmt!r} (one of {', '.join(FORMATS)})")
    chosen = detect(label, text) if fmt == "auto" else fmt
    if chosen == "text":
        return Extracted.identity(text)
    html_format, markdown_format, ninjs_format, xml_format, MarkupError = _readers()
    if chosen == "markdown" and fmt == "auto" and not markdown_format.available():
        _notice(f"Markdown read as plain text (code and link addresses are checked too); for Markdown: {INSTALL_HINT}")
        return Extracted.identity(text)
    try:
        if chosen == "markdown":
            out = markdown_format.extract(text, label)
        elif chosen == "html":
            out = html_format.extract(text, label)
        elif chosen == "ninjs":
            out = ninjs_format.extract(text, label)
        else:
            out = xml_format.extract(text, label, chosen)
    except ImportError as exc:
        raise FormatError(label, f"reading {chosen} needs the {exc.args[0] if exc.args else 'formats'} package: {INSTALL_HINT}") from None
    except MarkupError as exc:
        raise FormatError(label, f"{exc.line}:{exc.column}: {exc} ({chosen})") from None
    except xml_format.XMLRefused as exc:
        raise FormatError(label, f"{exc} ({chosen})") from None
    if not out.text.strip():
        raise FormatError(label, f"no story text found in this {chosen} document (headline, byline, body, captions)")
    return out


def remap(findings: list, ex: Extracted) -> list:
    """Findings on `ex.text` moved onto `ex.original`: offsets, lines and columns, related spans and fixes.

    Findings a part of the story exempts (ROLE_SKIPS) are dropped. A fix whose span crosses markup
    (a tag, an entity, an escape) is kept but made unsafe, so `checker fix` never applies it.
    """
    if ex.is_identity:
        return findings
    from checker.document import Document
    from checker.finding import Fix, Position, Related

    doc = Document(ex.original)

    def position(p: Position) -> Position:
        s, e = ex.span(p.start, p.end)
        q = doc.position(s, e)
        return q._replace(text=p.text)  # the words flagged, without the markup between them

    out = []
    for f in findings:
        seg = ex.segment_at(f.start)
        touched = [s for s in ex.segments if s.start < f.end and f.start < s.end] or ([seg] if seg else [])
        if touched and all(f.category in ROLE_SKIPS.get(s.role, ()) for s in touched):
            continue
        escape = seg.escape if seg else (lambda t: t)
        fixes = []
        for x in f.fixes:
            s, e = ex.span(x.start, x.end)
            fixes.append(Fix(s, e, escape(x.replacement), x.safe) if ex.verbatim(x.start, x.end) else Fix(s, e, x.replacement, False))
        related = tuple(Related(position(r.position), r.label) for r in f.related)
        message = f.message
        if related:  # the engine's `{related_at}` ("... at L:C") named a place in the extracted text
            old, new = f.related[0].position, related[0].position
            message = message.replace(f"at {old.line}:{old.column}", f"at {new.line}:{new.column}", 1)
        out.append(replace(f, message=message, position=position(f.position), related=related, fixes=tuple(fixes)))
    return out


def crossing_fixes(findings: list, ex: Extracted) -> list[tuple]:
    """(finding, fix) pairs whose safe fix would cross markup: `checker fix` refuses those."""
    if ex.is_identity:
        return []
    return [(f, x) for f in findings for x in f.fixes if x.safe and not ex.verbatim(x.start, x.end)]
