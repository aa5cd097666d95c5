"""Errors of the coordination engine: the case cannot be decided as given.

They live in the one hierarchy of ``coordina.errors``; the engine imports them from here.
"""

from coordina.errors import CaseError, Conflict

__all__ = ["CaseError", "Conflict"]
