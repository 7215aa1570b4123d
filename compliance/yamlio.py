"""Strict YAML reading: duplicate keys are an error, not a silent overwrite."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


class DataFileError(ValueError):
    """A data file (taxonomy, rules, allocation, decisions) is malformed."""


class _StrictLoader(yaml.SafeLoader):
    pass


def _mapping(loader: _StrictLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise DataFileError(
                f"dubblerad nyckel '{key}' på rad {key_node.start_mark.line + 1} "
                f"(först på rad {seen[key]})"
            )
        seen[key] = key_node.start_mark.line + 1
    return loader.construct_mapping(node, deep=deep)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


def load_yaml(path: Path) -> Any:
    """Parse a YAML file strictly; errors name the file."""
    try:
        with open(path, encoding="utf-8") as handle:
            return yaml.load(handle, Loader=_StrictLoader)  # noqa: S506 - SafeLoader subclass
    except DataFileError as exc:
        raise DataFileError(f"{path}: {exc}") from None
    except yaml.YAMLError as exc:
        raise DataFileError(f"{path}: ogiltig YAML: {exc}") from None
