"""HTML (a CMS article): the text of block elements; scripts, styles, code and preformatted text skipped."""

from __future__ import annotations

from dataclasses import replace

from checker.formats.markup import VOID, Spec, extract_markup
from checker.formats.offsets import Extracted, escape_markup

NAME = "html"
SUFFIXES = (".html", ".htm", ".xhtml")

BLOCKS = frozenset(
    """p h1 h2 h3 h4 h5 h6 li dt dd blockquote figcaption caption td th div section article
    header footer aside main figure address summary details ul ol dl table tr form fieldset legend""".split()
)
SKIP = frozenset("head nav script style code pre kbd samp var template noscript svg math textarea select button iframe object".split())
CAPTION_CLASSES = ("caption", "wp-caption-text", "photo-credit")


def _role(name: str, attrs: dict) -> str | None:
    classes = (attrs.get("class") or "").lower().split()
    if any(c in CAPTION_CLASSES for c in classes):
        return "caption"
    if "byline" in classes:
        return "byline"
    if "dateline" in classes:
        return "dateline"
    return None


SPEC = Spec(
    skip=SKIP,
    blocks=BLOCKS,
    roles={"h1": "headline", "figcaption": "caption", "caption": "caption"},
    role_of=_role,
    void=VOID,
)


def sniff(head: str) -> bool:
    low = head.lstrip("\ufeff \t\r\n").lower()
    return low.startswith(("<!doctype html", "<html")) or ("<html" in low[:1000] and low.startswith("<?xml"))


def extract(source: str, label: str, escape=escape_markup, role: str = "body") -> Extracted:
    spec = SPEC if role == "body" else replace(SPEC, default_role=role, roles={k: role for k in SPEC.roles})
    return extract_markup(source, spec, NAME, escape)
