"""Every 4xx and 5xx as RFC 9457 problem+json: the error tree in one table, one handler each
for our errors, malformed requests and Starlette's own HTTP errors.

A body is ``{"type", "title", "status", "detail"}``, plus ``rule`` for an error of the tree (the
rule names the README documents) and ``errors`` (field paths) for a malformed request. The
``type`` tells a refusal by a rule of the process (``…/refused``) from a request that does not
parse (``…/invalid-request``). The kinds of the error tree have their one home in
``coordina.services.problems``, shared with the command line's ``--json``.
"""

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException

from coordina.errors import CoordinaError, Throttled, Unauthorized
from coordina.services.problems import KIND as KIND  # re-exported: the table, read here too
from coordina.services.problems import TYPE_BASE, kind_of

MEDIA_TYPE = "application/problem+json"


class FieldError(BaseModel):
    """One field of a malformed request: where (``body.periods.0.start``) and what is wrong."""

    field: str
    message: str


class Problem(BaseModel):
    """An RFC 9457 problem detail."""

    type: str
    title: str
    status: int
    detail: str
    rule: str | None = None
    errors: list[FieldError] | None = None


HTTP_KIND: dict[int, tuple[str, str]] = {
    400: ("unreadable-body", "The request body cannot be read"),  # e.g. not UTF-8
    401: ("unauthorized", "Not authenticated"),  # no bearer token (FastAPI's OAuth2 scheme)
    404: ("not-found", "Not found"),
    405: ("method-not-allowed", "Method not allowed"),
    413: ("body-too-large", "Request body too large"),
    422: ("invalid-request", "The request does not parse"),
    500: ("server-error", "Internal server error"),
}


def http_status(error: CoordinaError) -> int:
    return kind_of(error)[0]


def problem(status: int, kind: str, title: str, detail: str, **extra: Any) -> JSONResponse:
    body = Problem(type=TYPE_BASE + kind, title=title, status=status, detail=detail, **extra)
    return JSONResponse(body.model_dump(exclude_none=True), status_code=status, media_type=MEDIA_TYPE)


async def _ours(_: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, CoordinaError)
    status, kind, title = kind_of(error)
    response = problem(status, kind, title, error.message, rule=error.rule)
    if isinstance(error, Throttled):
        response.headers["Retry-After"] = str(error.retry_after)
    if isinstance(error, Unauthorized):
        response.headers["WWW-Authenticate"] = "Bearer"
    return response


def _field(location: tuple[Any, ...] | list[Any]) -> str:
    return ".".join(str(part) for part in location)


async def _malformed(_: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)
    errors = [FieldError(field=_field(e.get("loc", ())), message=str(e.get("msg", ""))) for e in error.errors()]
    first = errors[0] if errors else FieldError(field="body", message="does not parse")
    detail = f"{first.field}: {first.message}" + (f" (and {len(errors) - 1} more)" if len(errors) > 1 else "")
    return problem(422, *HTTP_KIND[422], detail, rule="request", errors=errors)


async def _http(_: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, HTTPException)
    kind, title = HTTP_KIND.get(error.status_code, ("http", "HTTP error"))
    detail = error.detail if isinstance(error.detail, str) else title
    response = problem(error.status_code, kind, title, detail)
    for name, value in (error.headers or {}).items():
        response.headers[name] = value
    return response


async def _unexpected(_: Request, error: Exception) -> JSONResponse:
    logging.getLogger("coordina.api").exception("unexpected error", exc_info=error)
    return problem(500, *HTTP_KIND[500], "the server failed to answer; the error is logged")


def install(app: FastAPI) -> None:
    """Answer every error with its status as problem+json, and never a traceback."""
    app.add_exception_handler(CoordinaError, _ours)
    app.add_exception_handler(RequestValidationError, _malformed)
    app.add_exception_handler(HTTPException, _http)
    app.add_exception_handler(Exception, _unexpected)
