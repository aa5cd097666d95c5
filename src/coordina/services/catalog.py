"""The catalogue as the interfaces see it: bundled agreements and schemes, files given by path,
validation, comparison, the published JSON Schemas and case files.

The interfaces (and the package's public functions) read data files through these functions
only; the catalogue itself (``coordina.catalog``) does the reading and validating.
"""

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from coordina.catalog.cases import problem_at as _problem_at
from coordina.catalog.cases import read_case as _read_case
from coordina.catalog.compare import Comparison
from coordina.catalog.compare import compare as _compare
from coordina.catalog.loading import (
    Library,
    bundled_library,
    load_agreement_file,
    load_scheme_file,
    validate_paths,
    with_user_files,
)
from coordina.catalog.schema import SchemaKind, json_schema
from coordina.catalog.yaml_source import LocatedYaml, read_located_yaml
from coordina.domain import Agreement, Scheme
from coordina.domain.case import Case
from coordina.errors import DataError, Problem

__all__ = [
    "Comparison",
    "Library",
    "LocatedYaml",
    "SchemaKind",
    "agreement",
    "agreements",
    "compare",
    "is_path",
    "library",
    "problem_at",
    "read_case",
    "schema",
    "scheme",
    "schemes",
    "validate",
    "with_schemes",
]


def library() -> Library:
    """The bundled agreements and national schemes, validated together (loaded once)."""
    return bundled_library()


def is_path(value: str | Path) -> bool:
    """A path to a YAML file rather than a bundled id."""
    return isinstance(value, Path) or value.endswith((".yaml", ".yml")) or "/" in value


def agreement(id_or_path: str | Path) -> Agreement:
    """A bundled agreement by id, or an agreement YAML file by path (NotFound, DataError)."""
    if is_path(id_or_path):
        return load_agreement_file(Path(id_or_path))
    return library().agreement(str(id_or_path))


def agreements() -> list[Agreement]:
    return list(library().agreements.values())


def scheme(id_or_path: str | Path) -> Scheme:
    """A bundled national scheme by id, or a scheme YAML file by path (NotFound, DataError)."""
    if is_path(id_or_path):
        return load_scheme_file(Path(id_or_path))
    return library().scheme(str(id_or_path))


def schemes(country: str | None = None) -> list[Scheme]:
    """The bundled schemes, or those of one country."""
    return library().schemes_of(country) if country else list(library().schemes.values())


def with_schemes(scheme_files: Iterable[Path], agreement_file: Path | None = None) -> tuple[Library, Agreement | None]:
    """The bundled library with user scheme files beside its schemes, and a user agreement file
    checked against them (DataError with every problem's file and line)."""
    return with_user_files(library(), scheme_files, agreement_file)


def validate(paths: Iterable[Path]) -> list[Problem]:
    """Every problem in agreement or scheme files, or folders of them."""
    return validate_paths(paths)


def compare(ids_or_paths: Iterable[str]) -> Comparison:
    """Agreements side by side (2 to 7)."""
    return _compare([agreement(i) for i in ids_or_paths])


def schema(kind: SchemaKind, name: str | None = None, version: int | None = None) -> dict[str, Any]:
    """The published JSON Schema of agreement or scheme files, or of a form (``kind`` ``form``,
    ``name`` the form, ``version`` one of its versions; NotFound for an unknown one; without a
    name, the list of forms)."""
    return json_schema(kind, name, version)


def read_case(path: Path) -> tuple[Case, LocatedYaml]:
    """A case file and its located document (DataError with every problem)."""
    return _read_case(path)


def read_data(path: Path) -> Any:
    """A YAML or JSON file's data through the bounded loader (DataError with every problem)."""
    document, problems = read_located_yaml(path)
    if document is None:
        raise DataError(problems)
    return document.data


def problem_at(path: Path, document: LocatedYaml, field: str, message: str) -> Problem:
    """A problem for a dotted field of a case file (``periods[2].end``), at its line."""
    return _problem_at(path, document, field, message)
