"""The kinds of problem, one table for every interface: each error of ``coordina.errors`` as an
RFC 9457 problem type, with its HTTP status and title.

The API answers with these (``coordina.api.errors``), the command line prints the same documents
with ``--json`` (``coordina.cli.errors``), so a script reads a refusal the same way from both.
``type`` is a URI reference (RFC 9457 s 3.1.1) below the API's root; it tells a refusal by a rule
of the process (``…/refused``) from invalid data or a request that does not parse.
"""

from typing import Any

from coordina.errors import (
    CaseError,
    CoordinaError,
    DataError,
    ExchangeRefused,
    Forbidden,
    NotFound,
    Refused,
    StaleVersion,
    Throttled,
    Unauthorized,
)

TYPE_BASE = "/api/v1/problems/"

# The first class in an error's method resolution order that is listed here decides.
KIND: dict[type[CoordinaError], tuple[int, str, str]] = {
    Unauthorized: (401, "unauthorized", "Not authenticated"),  # no or a bad credential
    Forbidden: (403, "forbidden", "Not allowed for your role or delegation"),
    NotFound: (404, "not-found", "Not found"),
    StaleVersion: (409, "stale-version", "Changed since you read it"),  # optimistic lock
    Throttled: (429, "too-many-requests", "Too many attempts"),
    Refused: (422, "refused", "Refused by a rule of the process"),
    ExchangeRefused: (422, "document-refused", "The document is not accepted"),
    CaseError: (422, "invalid-case", "The case cannot be decided as given"),
    DataError: (422, "invalid-data", "Invalid data"),
    CoordinaError: (400, "bad-request", "Bad request"),
}


def kind_of(error: CoordinaError) -> tuple[int, str, str]:
    """The status, the type's last segment and the title of ``error``'s kind."""
    return next(KIND[kind] for kind in type(error).__mro__ if kind in KIND)


def problem_document(error: CoordinaError) -> dict[str, Any]:
    """``error`` as a problem document: ``type``, ``title``, ``status``, ``detail``, ``rule``, and for
    invalid data files ``errors`` with each problem's ``file``, ``line`` and ``message``."""
    status, kind, title = kind_of(error)
    document: dict[str, Any] = {"type": TYPE_BASE + kind, "title": title, "status": status, "detail": error.message}
    document["rule"] = error.rule
    if isinstance(error, DataError):
        document["detail"] = f"{len(error.problems)} problem(s) found"
        document["errors"] = [{"file": str(p.file), "line": p.line, "message": p.message} for p in error.problems]
    return document
