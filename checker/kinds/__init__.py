"""Rule kinds, registered by name. A new kind is one module plus one line here.

Each kind module provides:
- PARAMS: JSON Schema `properties` for the keys the kind adds to a rule;
- REQUIRED: which of those keys a rule must give;
- PLACEHOLDERS: the names its matches fill in message templates (besides `match`);
- build(params, context) -> a function Document -> Iterable[Match].
  build raises RuleError for a parameter that fails beyond the schema
  (a regex that does not compile, a data file that is missing).

A module is imported when its kind is first asked for: a run whose stories
have no Chinese original never imports the bilingual kinds (and what they
import), a third of the imports of a cold start.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager

import regex

from checker.kinds.base import Kind, compiled

_real_compile = regex.compile
_importing = threading.RLock()


class _Registry(Mapping[str, Kind]):
    """Kind name -> its module, imported on first use (iterating names imports nothing)."""

    def __init__(self, modules: dict[str, str]):
        self._modules = modules
        self._loaded: dict[str, Kind] = {}

    def __getitem__(self, name: str) -> Kind:
        kind = self._loaded.get(name)
        if kind is None:
            with _importing, _module_patterns_kept():  # one thread at a time: regex.compile is restored as found
                kind = self._loaded[name] = importlib.import_module(f"checker.kinds.{self._modules[name]}")
        return kind

    def __iter__(self) -> Iterator[str]:
        return iter(self._modules)

    def __len__(self) -> int:
        return len(self._modules)

    def __contains__(self, name: object) -> bool:
        return name in self._modules


@contextmanager
def _module_patterns_kept() -> Iterator[None]:
    """While a kind module is first imported, `regex.compile(source[, flags])` is kinds.base.compiled:
    the same pattern, but kept with the rule pack's cache entry like the rules' own (kinds are imported
    while the pack loads), so a warm start does not parse the kinds' module patterns either (7 ms)."""
    real = regex.compile
    if real is not _compile_kept:
        regex.compile = _compile_kept
    try:
        yield
    finally:
        regex.compile = real


def _compile_kept(pattern, flags=0, *args, **kw):
    if args or kw or type(pattern) is not str:
        return _real_compile(pattern, flags, *args, **kw)
    return compiled(pattern, flags)


KINDS: Mapping[str, Kind] = _Registry({
    "agreement": "agreement",
    "balance": "balance",
    "bilingual-glossary": "bilingual_glossary",
    "bilingual-names": "bilingual_names",
    "bilingual-numbers": "bilingual_numbers",
    "bilingual-text": "bilingual_text",
    "dateline": "dateline",
    "end-mark": "end_mark",
    "name-authority": "name_authority",
    "name-drift": "name_drift",
    "numbered": "numbered",
    "paragraph-indent": "paragraph_indent",
    "pattern": "pattern",
    "phrases": "phrases",
    "place-list": "place_list",
    "repetition": "repetition",
    "substitution": "substitution",
    "term-drift": "term_drift",
    "title-case": "title_case",
    "variants": "variants",
})
