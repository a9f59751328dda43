"""What a rule-file regex cannot match without: strings a story must hold, found once per regex.

A budgeted regex call costs the regex module about 3 us before it looks at
the text, and most of the word-list and phrase rules' regexes match nothing
in most stories. `needs(source, flags)` reads the regex (with the standard
library's parser) for literal text every match must contain: a literal run
(`rural revitali` of `\\brural revitali[sz]ation\\b`), one of the branches of
an alternation, one of the characters of a small set (`[“”]`); a part that
is optional, repeated from zero, a character class, an assertion or a
lookaround requires nothing. The result is a `Needs`: a story lacking one of
its sets of strings is skipped without a regex call. Like `requires`, it may
skip a regex, never change what it finds (tests/test_literals.py checks that
on every shipped regex and every shared story). Kinds hold a `Later`, which
reads the regex when a second story comes (a one-story run never parses).

A property (`\\p{...}`) is read as a class, except one holding no ASCII
character (`\\p{Han}`): a match needs a character outside ASCII, which an
all-ASCII story (most stories) lacks (the regex module itself says which
properties those are). Anything the standard parser cannot read exactly as the regex module does
(fuzzy `{e<=1}`, V1 syntax and other
regex-only constructs make it give up) requires nothing. Case-insensitive
regexes keep only ASCII strings, looked for in the casefolded story, and a
story holding U+0130 is always checked (the regex module matches `İ` to
`i`; casefold() makes it two characters).
"""

from __future__ import annotations

import importlib
import re
import warnings
from functools import lru_cache
from typing import NamedTuple

import regex

# The standard library's own regex parser (private modules, stable in 3.11+; typeshed does not list them).
sre_parse = importlib.import_module("re._parser")
C = importlib.import_module("re._constants")

SMALL_SET = 8  # characters of a class read as "one of these"
# What a `\\p{...}` property with no ASCII member (`\\p{Han}`) is read as: a character that stands for "some
# character outside ASCII", which a story has when it is not all ASCII (most stories are). A noncharacter: a
# story holding it is only checked, never skipped.
NON_ASCII = "\U0010fffe"
_NON_ASCII_CODE = ord(NON_ASCII)
MAX_BRANCHES = 16  # strings an alternation may offer before it is read as requiring nothing
PROPERTY = re.compile(r"\\[pP]\{[^}]*\}|\\[pP][A-Za-z]")  # \p{Han}, \pL: a class, as far as literals go
# A `{` that is neither escaped nor a plain {m}, {m,}, {,n}, {m,n} quantifier (fuzzy matching `{e<=1}`,
# a named list...): the standard parser would read it as literal text, the regex module does not.
ODD_BRACE = re.compile(r"(?<!\\)\{(?!\d*,?\d*\})")
# Set syntax the regex module may read otherwise than the standard parser (POSIX classes, nested sets, set
# operations): a source holding any of these requires nothing.
REGEX_ONLY = ("[:", "[[", "&&", "||", "~~", "--")


class Needs(NamedTuple):  # not a frozen dataclass: see checker.finding.Match
    """Sets of strings; a story that lacks every string of any one set cannot hold a match."""

    sets: tuple[tuple[str, ...], ...]
    folded: bool  # look in the casefolded story (case-insensitive regex)

    def met(self, doc) -> bool:
        """Whether the Document may hold a match."""
        text = doc.text
        if self.folded:
            if "\u0130" in text:
                return True
            text = doc.folded
        for strings in self.sets:
            for s in strings:
                if s in text:
                    break
            else:
                if NON_ASCII in strings and not doc.text.isascii():
                    continue
                return False
        return True


class Later:
    """needs(source, flags), read when a second story is checked, so that a one-story run (a cold start)
    never parses: reading every shipped regex costs ~5 ms, more than filtering saves on one story."""

    __slots__ = ("_args", "_need", "_seen")

    def __init__(self, source: str, flags: int = 0):
        self._args: tuple[str, int] | None = (source, flags)
        self._need: Needs | None = None
        self._seen = False

    def met(self, doc) -> bool:
        """Whether the Document may hold a match (always, on the first story)."""
        if self._args is not None:
            if not self._seen:
                self._seen = True
                return True
            self._need, self._args = needs(*self._args), None
        return self._need is None or self._need.met(doc)


def needs(source: str, flags: int = 0) -> Needs | None:
    """What every match of `source` (regex-module syntax, compiled with `flags`) holds, or None if nothing is known."""
    flags = int(flags)
    if flags & ~_KNOWN_FLAGS or any(s in source for s in REGEX_ONLY) \
            or ODD_BRACE.search(PROPERTY.sub("", source.replace("\\\\", ""))):
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the standard parser's FutureWarnings about possible set syntax
            parsed = sre_parse.parse(PROPERTY.sub(_property, source), _as_re_flags(flags))
    except Exception:  # noqa: BLE001 (anything the standard parser rejects: regex-only syntax)
        return None
    folded = bool(flags & regex.IGNORECASE or parsed.state.flags & re.IGNORECASE) or _scoped_ignorecase(parsed)
    sets = []
    for strings in _required(parsed):
        if folded:
            if not all(s.isascii() for s in strings):
                continue
            strings = {s.casefold() for s in strings}
        if strings and "" not in strings:
            sets.append(tuple(sorted(strings)))
    # the most telling set first (longest shortest string): a story lacking it is told after one set
    sets.sort(key=lambda strings: (-min(map(len, strings)), len(strings)))
    return Needs(tuple(sets), folded) if sets else None


# The regex module's flags that the standard module has too, and their values there (they differ: ASCII).
_RE_FLAGS = {int(regex.IGNORECASE): re.IGNORECASE, int(regex.MULTILINE): re.MULTILINE, int(regex.DOTALL): re.DOTALL,
             int(regex.VERBOSE): re.VERBOSE, int(regex.ASCII): re.ASCII, int(regex.UNICODE): re.UNICODE}
_KNOWN_FLAGS = sum(_RE_FLAGS)


@lru_cache(maxsize=256)
def _non_ascii_property(prop: str) -> bool:
    """Whether the regex module's `prop` (`\\p{Han}`) matches characters outside ASCII only."""
    try:
        compiled = regex.compile(prop)
    except regex.error:
        return False
    return not any(compiled.match(chr(c)) for c in range(128))


def _property(m: re.Match) -> str:
    """A property as the standard parser reads it: a class (`\\d`), or NON_ASCII when it holds no ASCII."""
    return NON_ASCII if m.group().startswith("\\p") and _non_ascii_property(m.group()) else r"\d"


def _as_re_flags(flags: int) -> int:
    return sum(int(f) for bit, f in _RE_FLAGS.items() if flags & bit)


def _scoped_ignorecase(items) -> bool:
    """A `(?i:...)` anywhere inside."""
    for op, av in _walk(items):
        if op is C.SUBPATTERN and av[1] & re.IGNORECASE:
            return True
    return False


def _walk(items):
    for op, av in items:
        yield op, av
        if op is C.BRANCH:
            for branch in av[1]:
                yield from _walk(branch)
        elif op is C.SUBPATTERN:
            yield from _walk(av[3])
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            yield from _walk(av[2])
        elif op is C.ATOMIC_GROUP:
            yield from _walk(av)
        elif op in (C.ASSERT, C.ASSERT_NOT):
            yield from _walk(av[1])


def _required(items) -> list[set[str]]:
    """Sets of strings, every one of which a match of the sequence `items` holds a member of."""
    out: list[set[str]] = []
    run: list[str] = []
    for op, av in items:
        if op is C.LITERAL and av != _NON_ASCII_CODE:
            run.append(chr(av))
            continue
        if run:
            out.append({"".join(run)})
            run = []
        if op is C.LITERAL:
            out.append({NON_ASCII})  # its own set: never part of a literal run
        elif op is C.SUBPATTERN:
            out.extend(_required(av[3]))
        elif op is C.ATOMIC_GROUP:
            out.extend(_required(av))
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT) and av[0] >= 1:
            out.extend(_required(av[2]))
        elif op is C.BRANCH:
            either = _branches(av[1])
            if either:
                out.append(either)
        elif op is C.IN:
            chars = _small_set(av)
            if chars:
                out.append(chars)
        # anything else (classes, categories, anchors, lookarounds, backreferences, optional parts): nothing
    if run:
        out.append({"".join(run)})
    return out


def _branches(branches) -> set[str] | None:
    """One string from each branch (its most telling set): a match holds one of them."""
    either: set[str] = set()
    for branch in branches:
        sets = _required(branch)
        if not sets:
            return None
        either |= max(sets, key=lambda s: (min(map(len, s)), -len(s)))
        if len(either) > MAX_BRANCHES:
            return None
    return either


def _small_set(av) -> set[str] | None:
    """The characters of a class made of a few literal characters (`[“”]`), or None."""
    if len(av) > SMALL_SET or any(op is not C.LITERAL for op, _ in av):
        return None
    return {chr(code) for _, code in av}
