"""Errors of the coordination engine: the case cannot be decided as given."""


class CaseError(ValueError):
    """The case file is inconsistent (e.g. contradictory periods); names the field."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(f"{field}: {message}")


class Conflict(CaseError):
    """Two exceptions of the agreement apply and disagree: never a silent pick (Catala's Conflict)."""
