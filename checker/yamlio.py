"""YAML reading through libyaml when PyYAML has it (its wheels do): six times faster than
the pure-Python parser, which is most of start-up time with the name tables.

PyYAML is imported on first use: when every table comes from the cache a run
never parses YAML, and the import alone cost a cold start ~8 ms. The names
the callers use (YAMLError, MappingNode, SequenceNode, SafeLoader) resolve lazily.
"""

from __future__ import annotations

from functools import cache


@cache
def _yaml():
    import yaml

    return yaml


def __getattr__(name: str):
    yaml = _yaml()
    if name == "SafeLoader":
        return getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    if name in ("YAMLError", "MappingNode", "SequenceNode"):
        return getattr(yaml, name)
    raise AttributeError(name)


def load(text: str):
    yaml = _yaml()
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def compose(text: str):
    """Parse keeping the node tree (its marks give line numbers); returns (node, data)."""
    yaml = _yaml()
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    return node, data
