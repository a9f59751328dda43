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
import), a third of the imports of a cold start. A kind's module-level
patterns are `checker.patterns.compiled(...)`: kinds are imported while the
rule pack loads, so those patterns are kept with its cache entry too.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Iterator, Mapping

from checker.kinds.base import Kind

_importing = threading.RLock()


class _Registry(Mapping[str, Kind]):
    """Kind name -> its module, imported on first use (iterating names imports nothing)."""

    def __init__(self, modules: dict[str, str]):
        self._modules = modules
        self._loaded: dict[str, Kind] = {}

    def __getitem__(self, name: str) -> Kind:
        kind = self._loaded.get(name)
        if kind is None:
            with _importing:  # one thread at a time
                kind = self._loaded[name] = importlib.import_module(f"checker.kinds.{self._modules[name]}")
        return kind

    def __iter__(self) -> Iterator[str]:
        return iter(self._modules)

    def __len__(self) -> int:
        return len(self._modules)

    def __contains__(self, name: object) -> bool:
        return name in self._modules


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
