"""Report formats, registered by name. A new format is one module plus one line here.

Each module has a `Reporter` class built as Reporter(stream, context) with
methods start(), file(result) and finish(summary); results stream in as
files are checked, so a reporter that can write as it goes never holds
the whole run.

The registry imports a format's module only when it is asked for: a run
writes one format, and importing all eight cost a cold start ~13 ms.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from importlib import import_module

MODULES = {
    "text": "text",
    "json": "json_report",
    "sarif": "sarif",
    "junit": "junit",
    "github": "github",
    "gitlab": "gitlab",
    "rdjson": "rdjson",
    "html": "html",
}


class _Registry(Mapping):
    """name -> Reporter class, importing the module on first lookup."""

    def __getitem__(self, name: str) -> type:
        return import_module(f"checker.reporters.{MODULES[name]}").Reporter

    def __iter__(self) -> Iterator[str]:
        return iter(MODULES)

    def __len__(self) -> int:
        return len(MODULES)


REPORTERS: Mapping[str, type] = _Registry()
