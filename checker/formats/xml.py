"""NITF and NewsML-G2 (IPTC's XML for news): the story parts, not the metadata.

The file is first parsed by `defusedxml`, which refuses entity declarations
(the "billion laughs" bomb), external entities and external DTD fetches, and
reports malformed XML with its line and column; only then is it walked for
offsets (`markup.py`).

NITF 3.x: `hedline` (hl1, hl2), `byline`, `dateline`, `abstract` from
`body.head`; the paragraphs of `body.content`; `media-caption` checked as a
caption; `tagline` from `body.end`. The `head` (docdata, pubdata) is metadata.

NewsML-G2 2.x: `headline`, `dateline`, `by`, `description` (a caption when
its role says so) from `contentMeta`; the XHTML in `inlineXML` (or the text of
`inlineData`); every other element is metadata.
"""

from __future__ import annotations

import re

from checker.formats.markup import MarkupError, Spec, extract_markup, local
from checker.formats.offsets import Extracted, escape_markup

SUFFIXES = (".xml", ".nitf", ".newsml")
ROOT = re.compile(r"<(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)[\s>/]")


class XMLRefused(ValueError):
    """An XML file that could hurt the reader (entities, external references); never parsed."""


def root_name(head: str) -> str | None:
    """Local name of the first element, skipping the declaration, comments and DOCTYPE."""
    text = re.sub(r"<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>\[]*(?:\[.*?\])?\s*>", "", head, flags=re.S)
    m = ROOT.search(text)
    return m.group(1) if m and text[: m.start()].strip() == "" else None


def check_safe(source: str) -> None:
    """Parse with defusedxml: raise MarkupError on malformed XML, XMLRefused on a bomb or external reference."""
    try:
        import defusedxml.ElementTree as DET
        from defusedxml import DefusedXmlException
    except ImportError:
        raise ImportError("defusedxml") from None
    from xml.etree.ElementTree import ParseError

    try:
        parser = DET.DefusedXMLParser(encoding="utf-8", forbid_dtd=False, forbid_entities=True, forbid_external=True)
        parser.feed(source.encode("utf-8"))
        parser.close()
    except DefusedXmlException as exc:
        raise XMLRefused(f"refused: {type(exc).__name__} ({exc}); entity declarations and external references are not read") from None
    except ParseError as exc:
        line, col = exc.position
        message = str(exc).split(":")[0]
        raise MarkupError(f"malformed XML: {message}", line, col + 1) from None


def _caption_role(name: str, attrs: dict) -> str | None:
    role = " ".join(v for k, v in attrs.items() if local(k) == "role").lower()
    if name == "description":
        return "caption" if "caption" in role else "summary"
    return None


NITF = Spec(
    skip=frozenset({"head", "docdata", "pubdata", "media-reference", "media-metadata", "media-object", "media-producer", "classifier", "series"}),
    blocks=frozenset({"p", "hl1", "hl2", "byline", "dateline", "tagline", "bibliography", "media-caption", "li", "dt", "dd", "block", "td", "th", "nitf-table-summary", "pre", "note"}),
    roles={"hedline": "headline", "byline": "byline", "dateline": "dateline", "abstract": "summary",
           "media-caption": "caption", "tagline": "tagline", "hl2": "subhead"},
    include=frozenset({"hedline", "byline", "dateline", "abstract", "body.content", "tagline"}),
    breaks=frozenset({"br"}),
)

NEWSML = Spec(
    skip=frozenset({"script", "style", "code", "pre", "head", "rightsinfo", "itemmeta", "contentmetaextproperty"}),
    blocks=frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "blockquote", "figcaption", "td", "th", "headline", "dateline", "by", "description", "div", "inlinedata"}),
    roles={"headline": "headline", "dateline": "dateline", "by": "byline", "figcaption": "caption",
           "h1": "headline"},
    include=frozenset({"headline", "dateline", "by", "description", "inlinexml", "inlinedata"}),
    role_of=_caption_role,
    line_blocks=frozenset({"inlinedata"}),
)

KINDS = {"nitf": NITF, "newsml": NEWSML}


def extract(source: str, label: str, fmt: str, escape=escape_markup) -> Extracted:
    check_safe(source)
    return extract_markup(source, KINDS[fmt], fmt, escape)


def sniff(head: str) -> str | None:
    root = root_name(head)
    if root == "nitf":
        return "nitf"
    if root in ("newsItem", "newsMessage", "packageItem", "conceptItem", "planningItem", "knowledgeItem"):
        return "newsml"
    if root and root.lower() == "html":
        return "html"
    return None
