"""The error tree of ``coordina.errors`` as HTTP responses: one table, one handler.

The body keeps the documented shape ``{"detail": {"rule": ..., "message": ...}}``
(RFC 9457 problem+json bodies are to come).
"""

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from coordina.errors import (
    CaseError,
    CoordinaError,
    DataError,
    Forbidden,
    NotFound,
    Refused,
    StaleVersion,
    Unauthorized,
)

# The first class in an error's method resolution order that is listed here gives its status.
HTTP_STATUS: dict[type[CoordinaError], int] = {
    Unauthorized: 401,  # no or a bad credential
    Forbidden: 403,  # role or delegation
    NotFound: 404,
    StaleVersion: 409,  # optimistic lock: the write named an older version
    Refused: 422,  # a rule of the process
    CaseError: 422,  # the case cannot be decided as given (rule: the field)
    DataError: 422,  # an invalid data file
    CoordinaError: 400,
}


def http_status(error: CoordinaError) -> int:
    return next(HTTP_STATUS[kind] for kind in type(error).__mro__ if kind in HTTP_STATUS)


async def _as_response(_: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, CoordinaError)
    body = {"detail": {"rule": error.rule, "message": error.message}}
    return JSONResponse(status_code=http_status(error), content=body)


def install(app: FastAPI) -> None:
    """Answer every error of the tree with its status and the rule that refused."""
    app.add_exception_handler(CoordinaError, _as_response)
