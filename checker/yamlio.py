"""YAML reading through libyaml when PyYAML has it (its wheels do): six times faster than
the pure-Python parser, which is most of start-up time with the name tables."""

from __future__ import annotations

import yaml

SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
YAMLError = yaml.YAMLError


def load(text: str):
    return yaml.load(text, Loader=SafeLoader)


def compose(text: str):
    """Parse keeping the node tree (its marks give line numbers); returns (node, data)."""
    loader = SafeLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    return node, data


MappingNode, SequenceNode = yaml.MappingNode, yaml.SequenceNode
