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

from coordina.catalog.loading import Library
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
    Throttled,
    Unauthorized,
)
from coordina.services import catalog as _catalog
from coordina.services import compute as _compute

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
    "Throttled",
    "Unauthorized",
    "compute",
    "library",
    "load_agreement",
    "load_scheme",
]


def library() -> Library:
    """The bundled agreements and national schemes, validated together (loaded once)."""
    return _catalog.library()


def load_agreement(id_or_path: str | Path) -> Agreement:
    """A bundled agreement by id (``"ca-nl"``), or an agreement YAML file by path.

    Raises ``NotFound`` (a ``KeyError``) for an unknown id and ``DataError`` (every problem, with
    file and line) for an invalid file.
    """
    return _catalog.agreement(id_or_path)


def load_scheme(id_or_path: str | Path) -> Scheme:
    """A bundled national scheme by id (``"de-grv"``), or a scheme YAML file by path."""
    return _catalog.scheme(id_or_path)


def compute(case: Case | dict[str, Any], agreement: Agreement | str | None = None) -> Decision:
    """Apply an agreement to one person's case: who legislates, what adds up, what is paid, and why.

    ``agreement`` is an Agreement, a bundled id or a path; when omitted, the case's own
    ``agreement`` field names it. Raises ``CaseError`` for an inconsistent case.
    """
    return _compute.compute(case, agreement)
