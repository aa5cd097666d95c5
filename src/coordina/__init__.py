"""coordina: social security agreements as code.

The public Python API::

    import coordina
    agreement = coordina.load_agreement("au-kr")        # a bundled id, or a path to a YAML file
    scheme = coordina.load_scheme("kr-nps")
    library = coordina.library()                        # every bundled agreement and scheme
    decision = coordina.compute(case, "au-kr")          # a Case (or its dict) under an agreement
"""

from pathlib import Path
from typing import Any

from coordina.catalog.loading import (
    Library,
    bundled_library,
    load_agreement_file,
    load_scheme_file,
)
from coordina.domain import Agreement, Scheme
from coordina.domain.case import Case
from coordina.domain.decision import Decision
from coordina.errors import (
    CaseError,
    Conflict,
    CoordinaError,
    DataError,
    Forbidden,
    NotFound,
    Problem,
    Refused,
    StaleVersion,
    Unauthorized,
)

__all__ = [
    "Agreement",
    "Case",
    "CaseError",
    "Conflict",
    "CoordinaError",
    "DataError",
    "Decision",
    "Forbidden",
    "Library",
    "NotFound",
    "Problem",
    "Refused",
    "Scheme",
    "StaleVersion",
    "Unauthorized",
    "compute",
    "library",
    "load_agreement",
    "load_scheme",
]


def library() -> Library:
    """The bundled agreements and national schemes, validated together (loaded once)."""
    return bundled_library()


def load_agreement(id_or_path: str | Path) -> Agreement:
    """A bundled agreement by id (``"ca-nl"``), or an agreement YAML file by path.

    Raises ``NotFound`` (a ``KeyError``) for an unknown id and ``DataError`` (every problem, with file
    and line) for an invalid file.
    """
    if _is_path(id_or_path):
        return load_agreement_file(Path(id_or_path))
    return library().agreement(str(id_or_path))


def load_scheme(id_or_path: str | Path) -> Scheme:
    """A bundled national scheme by id (``"de-grv"``), or a scheme YAML file by path."""
    if _is_path(id_or_path):
        return load_scheme_file(Path(id_or_path))
    return library().scheme(str(id_or_path))


def _is_path(value: str | Path) -> bool:
    return isinstance(value, Path) or value.endswith((".yaml", ".yml")) or "/" in value


def compute(case: Case | dict[str, Any], agreement: Agreement | str | None = None) -> Decision:
    """Apply an agreement to one person's case: who legislates, what adds up, what is paid, and why.

    ``agreement`` is an Agreement, a bundled id or a path; when omitted, the case's own
    ``agreement`` field names it. Raises ``CaseError`` for an inconsistent case.
    """
    from coordina.rules.engine import compute as _compute

    if not isinstance(case, Case):
        case = Case.model_validate(case)
    chosen = agreement if agreement is not None else case.agreement
    if chosen is None:
        raise CaseError("agreement", "no agreement given, and the case names none")
    if not isinstance(chosen, Agreement):
        chosen = load_agreement(chosen)
    return _compute(case, chosen, library().schemes)
