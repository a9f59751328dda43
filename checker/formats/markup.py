"""Walk HTML or XML source keeping every character's offset, and pull out the prose blocks.

The stdlib `html.parser` tokenizes both (XML is checked for safety and
well-formedness first, by `defusedxml`, in `xml.py`); it reports where each
tag, text run and entity starts, and consecutive events cover the source, so
each one's end is the next one's start. Entities are decoded and kept as
pieces of their own, so a fix never lands inside `&amp;`.

A `Spec` says, by element local name (lower case), what is skipped with its
content, what starts a block, which role a block has, and (for XML) which
elements hold the story at all: text anywhere else is metadata.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Callable

from checker.formats.offsets import Builder, Extracted, escape_markup

ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?")
LINES = re.compile(r"([^\r\n]*)(?:\r\n|\r|\n)?")
UNPARSED_TAG = re.compile(r"<[/!?A-Za-z]")


class MarkupError(ValueError):
    def __init__(self, message: str, line: int, column: int):
        super().__init__(message)
        self.line, self.column = line, column


@dataclass(frozen=True)
class Spec:
    skip: frozenset[str]
    blocks: frozenset[str]
    roles: dict[str, str] = field(default_factory=dict)  # element -> role of the blocks inside it
    include: frozenset[str] | None = None  # None: the whole document is the story
    breaks: frozenset[str] = frozenset({"br"})
    role_of: Callable[[str, dict], str | None] = lambda name, attrs: None  # a role from attributes
    default_role: str = "body"
    void: frozenset[str] = frozenset()  # HTML elements that never have content
    line_blocks: frozenset[str] = frozenset()  # plain text inside: each line is a paragraph (NewsML-G2 inlineData)


def local(name: str) -> str:
    return name.rsplit(":", 1)[-1].lower()


class _Walker(HTMLParser):
    def __init__(self, source: str, spec: Spec, builder: Builder, escape: Callable[[str], str]):
        super().__init__(convert_charrefs=False)
        self.source, self.spec, self.b, self.escape = source, spec, builder, escape
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.stack: list[tuple[str, str | None, bool]] = []  # (name, role it sets, starts a block)
        self.skipping = 0
        self.inside = 0 if spec.include is not None else 1
        self.skip_start = 0  # where the outermost skipped element began

    def _at(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def _role(self) -> str:
        for _, role, _ in reversed(self.stack):
            if role:
                return role
        return self.spec.default_role

    def _open_block(self) -> None:
        self.b.open(self._role(), self.escape)

    # -- events ---------------------------------------------------------------
    def handle_starttag(self, tag, attrs):
        name = local(tag)
        attrs = dict(attrs)
        if self.skipping or name in self.spec.skip:
            if name not in self.spec.void:
                if not self.skipping:
                    self.skip_start = self._at()
                self.skipping += 1
                self.stack.append((name, None, False))
            return
        if self.spec.include is not None and name in self.spec.include:
            self.inside += 1
        role = self.spec.roles.get(name) or self.spec.role_of(name, attrs)
        block = name in self.spec.blocks or (role is not None and self.inside > 0)
        if name in self.spec.breaks or name in self.spec.void:
            if name in self.spec.breaks and self.inside:
                self.b.close()
                self._open_block()
            return
        self.stack.append((name, role, block))
        if block and self.inside:
            self._open_block()

    def handle_startendtag(self, tag, attrs):
        name = local(tag)
        if name in self.spec.breaks and self.inside and not self.skipping:
            self.b.close()
            self._open_block()

    def handle_endtag(self, tag):
        name = local(tag)
        # close up to the matching open element (HTML lets some end tags go missing)
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == name:
                break
        else:
            return
        while len(self.stack) > i:
            open_name, role, block = self.stack.pop()
            if self.skipping:
                self.skipping -= 1
                if not self.skipping and self.inside and open_name not in BLOCK_SKIPS:
                    self.b.hide(self.skip_start, self._at())  # an inline <code>: a placeholder, not nothing
                continue
            if block and self.inside:
                self.b.close()
                if self._in_block():
                    self._open_block()
            if self.spec.include is not None and open_name in self.spec.include:
                self.inside -= 1

    def _in_block(self) -> bool:
        """After a nested block ends, text that follows still belongs to the enclosing block."""
        return any(block for _, _, block in self.stack)

    def handle_data(self, data):
        if self._closing and data.startswith("<") and UNPARSED_TAG.match(self.source, self._at()):
            line, col = self.getpos()  # what the tokenizer could not read as a tag, given back as text
            raise MarkupError(f"unclosed tag {data[:20]!r}", line, col + 1)
        if self.skipping or not self.inside:
            return
        start = self._at()
        if self.spec.line_blocks and any(name in self.spec.line_blocks for name, _, _ in self.stack):
            for m in LINES.finditer(data):  # plain text: a line is a paragraph, as in a .txt story
                self.b.copy(start + m.start(), start + m.end(1))
                if m.end() < len(data):
                    self._open_block()
            return
        self.b.copy(start, start + len(data))

    def _entity(self, _name):
        if self.skipping or not self.inside:
            return
        start = self._at()
        m = ENTITY.match(self.source, start)
        if not m:
            return
        self.b.put(html.unescape(m.group()), start, m.end())

    handle_entityref = handle_charref = _entity

    def unknown_decl(self, data):
        if data.startswith("CDATA[") and self.inside and not self.skipping:
            start = self._at() + len("<![CDATA[")
            self.b.copy(start, start + len(data) - len("CDATA["))

    _closing = False

    def finish(self):
        self._closing = True
        self.close()


BLOCK_SKIPS = frozenset({"head", "script", "style", "pre", "template", "noscript", "svg", "math", "docdata", "pubdata", "itemmeta"})
VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())


def walk(source: str, spec: Spec, builder: Builder, escape: Callable[[str], str] = escape_markup) -> None:
    """Feed `source` through the walker into `builder`."""
    walker = _Walker(source, spec, builder, escape)
    walker.feed(source)
    walker.finish()
    builder.close()


def extract_markup(source: str, spec: Spec, fmt: str, escape: Callable[[str], str] = escape_markup) -> Extracted:
    b = Builder(source, fmt)
    walk(source, spec, b, escape)
    return b.result()
