"""Agreements of the library side by side (the ILO brief's table of examples), by id.

``catalog.compare`` takes bundled ids or file paths (for the command line); the web pages compare
what the library holds (bundled agreements and those negotiated here and in force) by id only,
so that a value from a form can never name a file on the server.
"""

from collections.abc import Iterable

from coordina.catalog.compare import MAX_COMPARED, MIN_COMPARED, Comparison, compare
from coordina.services import library
from coordina.store.db import Database

__all__ = ["MAX_COMPARED", "MIN_COMPARED", "Comparison", "compare_in_library"]


def compare_in_library(db: Database, agreement_ids: Iterable[str]) -> Comparison:
    """The comparison of 2 to 7 agreements of the library (NotFound for an unknown id,
    ValueError for fewer than 2 or more than 7)."""
    return compare([library.agreement(db, agreement_id) for agreement_id in agreement_ids])
