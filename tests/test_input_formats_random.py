"""Random Markdown and HTML (hypothesis): every checked character maps back to itself in the file.

Pages are built from prose words, markup that hides nothing (emphasis, links,
headings, lists, entities) and markup whose content must never be checked
(code, link addresses, scripts, comments), which carries a sentinel word.
"""

from __future__ import annotations

import html
import re

from hypothesis import HealthCheck, given, settings, strategies as st

from checker import formats
from checker.config import Config
from checker.document import WORD, Document
from checker.engine import build_ruleset, check_document

SECRET = "Zqxsecret"  # in code, addresses, scripts: must never reach the checked text
RULES = build_ruleset(Config()).rules
WORDS = st.sampled_from(["the", "The", "rain", "fell", "Xinhua", "Lhasa", "photo", "shows", "10th", "batch", "said", "café", "Xigaze", "Shigatse", "，", "(over)"])


def phrase(min_size=1, max_size=6):
    return st.lists(WORDS, min_size=min_size, max_size=max_size).map(" ".join)


md_inline = st.one_of(
    phrase(),
    phrase().map(lambda p: f"*{p}*"),
    phrase().map(lambda p: f"**{p}**"),
    st.just(f"`{SECRET} code`"),
    phrase().map(lambda p: f"[{p}](https://example.org/{SECRET}_(x) \"{SECRET}\")"),
    st.just(f"![{SECRET}](pic-{SECRET}.png)"),
    st.just(f"<https://{SECRET}.example.org>"),
    st.just(f"<span title=\"{SECRET}\">"),
    st.sampled_from(["&amp;", "&eacute;", "&#233;", "\\*", "\\_", "\\\\"]),
)
md_line = st.lists(md_inline, min_size=1, max_size=5).map(" ".join)
md_block = st.one_of(
    st.lists(md_line, min_size=1, max_size=3).map("\n".join),
    md_line.map(lambda l: "# " + l),
    md_line.map(lambda l: "## " + l + " ##"),
    st.lists(md_line, min_size=1, max_size=3).map(lambda ls: "\n".join("- " + l for l in ls)),
    st.lists(md_line, min_size=1, max_size=3).map(lambda ls: "\n".join("1. " + l for l in ls)),
    st.lists(md_line, min_size=1, max_size=2).map(lambda ls: "\n".join("> " + l for l in ls)),
    st.just(f"```\n{SECRET} fenced {SECRET}\n```"),
    st.just(f"<div>\n{SECRET}\n</div>"),
)
markdown_pages = st.tuples(
    st.booleans(), st.lists(md_block, min_size=1, max_size=6), st.sampled_from(["\n", "\r\n"])
).map(lambda t: (f"---\ntitle: {SECRET}\n---\n\n" if t[0] else "") + "\n\n".join(t[1]).replace("\n", t[2]) + t[2])

html_inline = st.one_of(
    phrase(),
    phrase().map(lambda p: f"<b>{p}</b>"),
    phrase().map(lambda p: f"<a href=\"https://{SECRET}.org\">{p}</a>"),
    st.just(f"<code>{SECRET}</code>"),
    st.just(f"<!-- {SECRET} -->"),
    st.just("<br>"),
    st.sampled_from(["&amp;", "&lt;", "&#233;", "&eacute;", "&nbsp;", "&#x4E2D;"]),
    phrase().map(lambda p: p + "\n   "),
)
html_block = st.one_of(
    st.lists(html_inline, min_size=1, max_size=6).map(lambda xs: "<p>" + " ".join(xs) + "</p>"),
    st.lists(html_inline, min_size=1, max_size=4).map(lambda xs: "<h1 class=\"x\">" + "".join(xs) + "</h1>"),
    st.lists(html_inline, min_size=1, max_size=4).map(lambda xs: "<ul><li>" + "</li><li>".join(xs) + "</li></ul>"),
    st.just(f"<script>var s = '{SECRET} <p>';</script>"),
    st.just(f"<style>p {{ content: '{SECRET}'; }}</style>"),
    st.just(f"<pre>{SECRET}\n  {SECRET}</pre>"),
    st.lists(html_inline, min_size=1, max_size=4).map(lambda xs: "<figure><figcaption>" + " ".join(xs) + "</figcaption></figure>"),
)
html_pages = st.lists(html_block, min_size=1, max_size=6).map(
    lambda bs: f"<!DOCTYPE html>\n<html><head><title>{SECRET}</title></head>\n<body>\n" + "\n".join(bs) + "\n</body></html>\n")


def visible(raw: str, fmt: str) -> list[str]:
    """The words a reader of the page sees in a stretch of it (code and markup left out)."""
    raw = re.sub(r"```.*?```|<div>.*?</div>|<(script|style|pre)>.*?</\1>|^---.*?^---|`[^`]*`|<code>.*?</code>|!\[[^\]]*\]\([^)]*\)", " ", raw, flags=re.S | re.M)
    if fmt == "markdown":
        raw = re.sub(r"\]\((?:[^()]|\([^()]*\))*\)|<https?://[^>]*>", " ", raw)  # link addresses
        raw = re.sub(r"(?m)^[ \t]*(?:(?:[-+*]|\d+[.)]|#+|>)[ \t]+)+|[ \t]#+[ \t]*$", " ", raw)  # line markers
        raw = re.sub(r"\\(.)", r"\1", raw)
        raw = re.sub(r"[*_]", "", raw)
    raw = re.sub(r"</?(?:b|a|span)\b[^>]*>|<!--.*?-->", "", raw, flags=re.S)  # inline tags and comments join what they touch
    raw = html.unescape(re.sub(r"<!--.*?-->|<[^>]*>", " ", raw, flags=re.S))
    return [m.group() for m in WORD.finditer(raw)]


def check_mapping(page: str, fmt: str) -> None:
    try:
        ex = formats.extract(page, fmt, "page")
    except formats.FormatError as exc:
        assert "no story text found" in str(exc)  # only code, say: nothing to check
        return
    assert SECRET not in ex.text
    for s, e, (o_s, o_e, verbatim) in zip(ex.ext_starts, ex.ext_ends, ex.orig):
        assert 0 <= o_s <= o_e <= len(page)
        if verbatim:
            assert page[o_s:o_e] == ex.text[s:e]
    previous = 0
    for m in WORD.finditer(ex.text):
        start, end = ex.span(m.start(), m.end())
        assert start >= previous  # the map keeps reading order
        previous = start
        assert visible(page[start:end], fmt) == [m.group()], (m.group(), page[start:end])
    doc = Document(page)
    for f in formats.remap(check_document(Document(ex.text), RULES), ex):
        assert 0 <= f.start <= f.end <= len(page)
        assert (f.position.line, f.position.column) == doc.line_col(f.start)
        if ex.text.count(f.position.text) and f.position.text == page[f.start:f.end]:
            continue
        assert visible(page[f.start:f.end], fmt) == visible(f.position.text, fmt)
        for x in f.fixes:
            assert not x.safe or page[x.start:x.end] in f.position.text or x.start == x.end


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(markdown_pages)
def test_random_markdown_maps_back(page):
    check_mapping(page, "markdown")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(html_pages)
def test_random_html_maps_back(page):
    check_mapping(page, "html")
