"""Read YAML while remembering the line of every value, so errors can name it."""

from pathlib import Path
from typing import Any

import yaml

from coordina.catalog.problems import Problem

Location = tuple[str | int, ...]


class LocatedYaml:
    """A parsed YAML document and the 1-based line where each value starts."""

    def __init__(self, data: Any, lines: dict[Location, int]) -> None:
        self.data = data
        self._lines = lines

    def line_of(self, loc: Location) -> int:
        """The line of the deepest existing value on the path ``loc``."""
        for end in range(len(loc), -1, -1):
            if loc[:end] in self._lines:
                return self._lines[loc[:end]]
        return 1


def read_located_yaml(path: Path) -> tuple[LocatedYaml | None, list[Problem]]:
    """Parse ``path``; on a syntax error return the problems instead of a document."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return None, [Problem(path, 1, f"cannot read file: {error}")]
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        reason = getattr(error, "problem", None) or str(error)
        return None, [Problem(path, line, f"YAML syntax error: {reason}")]
    finally:
        loader.dispose()
    if node is None:
        return None, [Problem(path, 1, "the file is empty")]
    lines: dict[Location, int] = {}
    problems: list[Problem] = []
    try:
        data = _build(loader, node, (), lines, problems, path)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        return None, [Problem(path, line, f"YAML error: {getattr(error, 'problem', error)}")]
    if problems:
        return None, problems
    return LocatedYaml(data, lines), []


def _build(
    loader: yaml.SafeLoader,
    node: yaml.Node,
    loc: Location,
    lines: dict[Location, int],
    problems: list[Problem],
    path: Path,
) -> Any:
    lines[loc] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        loader.flatten_mapping(node)
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if key in result:
                problems.append(Problem(path, key_node.start_mark.line + 1, f"duplicate key {key!r}"))
                continue
            child = (*loc, key)
            lines[child] = key_node.start_mark.line + 1
            result[key] = _build(loader, value_node, child, lines, problems, path)
            lines[child] = key_node.start_mark.line + 1
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(loader, item, (*loc, index), lines, problems, path) for index, item in enumerate(node.value)]
    return loader.construct_object(node, deep=True)
