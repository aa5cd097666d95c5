"""Read case files (YAML or JSON) with line numbers, so a bad field is named with its line."""

import re
from pathlib import Path

from coordina.catalog.problems import DataError, Problem
from coordina.catalog.validation import validate_document
from coordina.catalog.yaml_source import LocatedYaml, Location, read_located_yaml
from coordina.domain.case import Case


def read_case(path: Path) -> tuple[Case, LocatedYaml]:
    """The case in ``path`` and its located document; DataError with every problem otherwise."""
    document, problems = read_located_yaml(path)
    if document is None:
        raise DataError(problems)
    case, problems = validate_document(Case, document, path)
    if case is None:
        raise DataError(problems)
    return case, document


def problem_at(path: Path, document: LocatedYaml, field: str, message: str) -> Problem:
    """A problem for a dotted field like ``periods[2].end``, at that field's line."""
    return Problem(path, document.line_of(_location(field)), message)


def _location(field: str) -> Location:
    parts: list[str | int] = []
    for name, index in re.findall(r"([A-Za-z_]+)|\[(\d+)\]", field):
        parts.append(int(index) if index else name)
    return tuple(parts)
