"""Reading YAML safely and fast, and finding the line a value came from.

PyYAML's C loader, with one change: only `true`/`false` are booleans. In YAML 1.1 a bare `yes`
or `no` is a boolean, but in ausweg they are answers (`lgbt: yes`), and must stay strings.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import yaml

_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")


class Loader(_BaseLoader):  # type: ignore[misc,valid-type]
    """Safe YAML loader whose booleans are only true/false."""


Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}
for _first in "tTfF":
    Loader.yaml_implicit_resolvers.setdefault(_first, []).insert(0, ("tag:yaml.org,2002:bool", _BOOL))


class YamlError(ValueError):
    """A file that is not well-formed YAML; `line` is 1-based."""

    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.line = line


def parse_yaml(text: str) -> Any:
    try:
        return yaml.load(text, Loader=Loader)  # noqa: S506 - Loader is a SafeLoader
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or str(error)
        raise YamlError(f"not valid YAML: {problem}", mark.line + 1 if mark else None) from None


def line_of(text: str, path: Sequence[str | int]) -> int | None:
    """The 1-based line of the node at `path` (keys and list indexes), or of its nearest parent."""
    try:
        node = yaml.compose(text, Loader=Loader)
    except yaml.YAMLError:
        return None
    line = node.start_mark.line + 1 if node is not None else None
    for step in path:
        child = _child(node, step)
        if child is None:
            break
        node, line = child, child.start_mark.line + 1
    return line


def _child(node: Any, step: str | int) -> Any:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if key.value == step:
                return value
    if isinstance(node, yaml.SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
        return node.value[step]
    return None
