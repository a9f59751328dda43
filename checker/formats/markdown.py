"""Markdown (a desk's notes and pages): prose only.

`markdown-it-py` (a maintained CommonMark parser) splits the page into
blocks and gives each block's source lines; the inline text of each block is
then found in those lines, in order, so every checked character keeps its
offset. Skipped: YAML front matter, fenced and indented code, code spans,
HTML, link destinations and titles, images, autolinks. A backslash escape or
an entity is a piece of its own, so a fix never lands inside one.
"""

from __future__ import annotations

import html
import re

from checker.formats.markup import ENTITY
from checker.formats.offsets import Builder, Extracted

NAME = "markdown"
SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")
LINE_BREAK = re.compile(r"\r\n|\r|\n")
FRONT_MATTER = re.compile(r"\A(?:---|\+\+\+)[ \t]*\r?\n.*?^(?:---|\.\.\.|\+\+\+)[ \t]*$", re.S | re.M)
MARKUP_GAP = set("*_~[]!<>#-+=|:` \t\r\n0123456789.)(")
SPECIAL = re.compile(r"([\\`*_\[\]<>#])")


def escape(text: str) -> str:
    return SPECIAL.sub(r"\\\1", text)


def _parser():
    try:
        from markdown_it import MarkdownIt
    except ImportError:
        raise ImportError("markdown-it-py") from None
    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


def blank_front_matter(source: str) -> str:
    """The source with its front matter turned to spaces (line breaks kept): same offsets, no metadata."""
    m = FRONT_MATTER.match(source)
    if not m:
        return source
    return re.sub(r"[^\r\n]", " ", m.group()) + source[m.end():]


class _Inline:
    """Lays one block's inline tokens over its source lines."""

    def __init__(self, b: Builder, src: str, cursor: int, limit: int):
        self.b, self.src, self.cursor, self.limit = b, src, cursor, limit
        self.autolink = False

    def run(self, children) -> int:
        for tok in children:
            handler = getattr(self, "t_" + tok.type, None)
            if handler:
                handler(tok)
        return self.cursor

    def t_text(self, tok):
        content = tok.content
        if self.autolink or not content:
            return
        src, cur = self.src, self.cursor
        i = src.find(content, cur, self.limit)
        if i >= 0 and all(c in MARKUP_GAP for c in src[cur:i]):
            self.b.copy(i, i + len(content))
            self.cursor = i + len(content)
            return
        self._align(content)

    def _align(self, content: str) -> None:
        """Character by character: escapes and entities decoded, markup characters stepped over."""
        src, p, limit, b = self.src, self.cursor, self.limit, self.b
        k = 0
        while k < len(content):
            ch = content[k]
            if p >= limit:
                b.put(content[k:], p, p)  # not found where expected: keep the words, map them to here
                break
            if src[p] == "\\" and p + 1 < limit and src[p + 1] == ch:
                b.put(ch, p, p + 2)
                p, k = p + 2, k + 1
                continue
            m = ENTITY.match(src, p) if src[p] == "&" else None
            if m and m.group().endswith(";"):
                decoded = html.unescape(m.group())
                if content.startswith(decoded, k) and decoded:
                    b.put(decoded, p, m.end())
                    p, k = m.end(), k + len(decoded)
                    continue
            if src[p] == ch:
                q = p
                while q < limit and k < len(content) and src[q] == content[k] and src[q] not in "\\&":
                    q, k = q + 1, k + 1
                if q == p:
                    q, k = q + 1, k + 1
                b.copy(p, q)
                p = q
                continue
            p += 1
        self.cursor = p

    def t_softbreak(self, tok):
        m = LINE_BREAK.search(self.src, self.cursor, self.limit)
        if m:
            self.b.space(m.start(), m.end())
            self.cursor = m.end()

    t_hardbreak = t_softbreak

    def t_code_inline(self, tok):
        run = tok.markup
        i = self._run(run, self.cursor)
        if i >= 0:
            j = self._run(run, i + len(run))
            self.cursor = (j + len(run)) if j >= 0 else i + len(run)
            self.b.hide(i, self.cursor)

    def _run(self, run: str, start: int) -> int:
        """Where a backtick run of exactly this length begins, from `start`."""
        i = self.src.find(run, start, self.limit)
        while i >= 0:
            before = self.src[i - 1] if i > 0 else ""
            after = self.src[i + len(run)] if i + len(run) < len(self.src) else ""
            if before != "`" and after != "`":
                return i
            i = self.src.find(run, i + 1, self.limit)
        return -1

    def t_link_open(self, tok):
        if tok.markup == "autolink":
            self.autolink = True
            i = self.src.find("<", self.cursor, self.limit)
            j = self.src.find(">", i, self.limit) if i >= 0 else -1
            if j >= 0:
                self.cursor = j + 1

    def t_link_close(self, tok):
        if self.autolink:
            self.autolink = False
            return
        i = self.src.find("]", self.cursor, self.limit)
        if i >= 0:
            self.cursor = self._destination(i + 1)

    def t_image(self, tok):
        i = self.src.find("![", self.cursor, self.limit)
        if i < 0:
            return
        depth, p = 0, i + 1
        while p < self.limit:
            c = self.src[p]
            if c == "\\":
                p += 2
                continue
            depth += (c == "[") - (c == "]")
            p += 1
            if depth == 0:
                break
        self.cursor = self._destination(p)
        self.b.hide(i, self.cursor)

    def _destination(self, p: int) -> int:
        """Past `(url "title")` or `[ref]` after a link's text, when there is one."""
        src, limit = self.src, self.limit
        if p < limit and src[p] == "[":
            j = src.find("]", p, limit)
            return j + 1 if j >= 0 else p
        if p < limit and src[p] == "(":
            depth, q = 0, p
            while q < limit:
                c = src[q]
                if c == "\\":
                    q += 2
                    continue
                if c == "<":
                    end = src.find(">", q, limit)
                    q = end + 1 if end >= 0 else q + 1
                    continue
                if c in "\"'":
                    end = src.find(c, q + 1, limit)
                    q = end + 1 if end >= 0 else q + 1
                    continue
                depth += (c == "(") - (c == ")")
                q += 1
                if depth == 0:
                    return q
        return p

    def t_html_inline(self, tok):
        i = self.src.find(tok.content, self.cursor, self.limit)
        if i >= 0:
            self.cursor = i + len(tok.content)


def extract(source: str, label: str) -> Extracted:
    md = _parser()
    src = blank_front_matter(source)
    line_starts = [0] + [m.end() for m in LINE_BREAK.finditer(src)]

    def at_line(n: int) -> int:
        return line_starts[n] if n < len(line_starts) else len(src)

    b = Builder(source, NAME)
    cursor = 0
    role = "body"
    for tok in md.parse(src):
        if tok.type == "heading_open":
            role = "headline" if tok.tag == "h1" else "subhead"
        elif tok.type in ("paragraph_open", "th_open", "td_open"):
            role = "body" if role not in ("headline", "subhead") else role
        elif tok.type == "heading_close":
            role = "body"
        elif tok.type == "inline":
            start, limit = cursor, len(src)
            if tok.map:
                start, limit = max(cursor, at_line(tok.map[0])), at_line(tok.map[1])
            b.open(role, escape)
            cursor = _Inline(b, src, start, limit).run(tok.children or [])
            b.close()
        elif tok.map and tok.type in ("fence", "code_block", "html_block"):
            cursor = max(cursor, at_line(tok.map[1]))
    return b.result()


def available() -> bool:
    try:
        import markdown_it  # noqa: F401
    except ImportError:
        return False
    return True
