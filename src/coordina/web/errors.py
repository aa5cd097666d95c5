"""Errors on a page are pages: the status, what went wrong in words, and a way on; never a
traceback. Paths under the API's prefix keep their problem+json answers (``coordina.api.errors``)."""

import logging
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException
from starlette.types import Scope

from coordina.errors import CoordinaError, Throttled
from coordina.services.problems import kind_of
from coordina.web import i18n
from coordina.web.i18n import N_, _
from coordina.web.refusals import explain
from coordina.web.templating import redirect, render
from coordina.web.visitor import SignInRequired, Visitor, visitor

Handler = Callable[[Request, Exception], Awaitable[Response]]
TITLES = {
    400: N_("The request cannot be read"),
    401: N_("Sign in to see this page"),
    403: N_("Not allowed"),
    404: N_("Page not found"),
    405: N_("Not allowed"),
    409: N_("Changed meanwhile"),
    413: N_("Too large"),
    422: N_("Check what you entered"),
    429: N_("Too many attempts"),
    500: N_("Something went wrong"),
}


async def error_page(request: Request, error: Exception) -> Response:
    """``error`` as a page in the visitor's language."""
    if isinstance(error, SignInRequired):
        return redirect(await visitor(request), "/signin?next=" + quote(error.path, safe=""))
    if isinstance(error, CoordinaError):
        status, detail = kind_of(error)[0], explain(error)
    elif isinstance(error, HTTPException):
        status, detail = error.status_code, str(error.detail) if error.status_code != 404 else ""
    elif isinstance(error, RequestValidationError):
        status, detail = 422, _("The address or the form has a value this page does not accept.")
    else:
        logging.getLogger("coordina.web").exception("unexpected error", exc_info=error)
        status, detail = 500, _("The server failed to answer; the error is logged.")
    page = render(request, await visitor(request), "error.html", status=status,
                  title=_(TITLES.get(status, "Error")), detail=detail, status_code=status)  # fmt: skip
    if isinstance(error, Throttled):
        page.headers["Retry-After"] = str(error.retry_after)
    return page


def body_too_large(scope: Scope, limit: int) -> bytes:
    """The page for a request body over ``limit`` bytes (refused before it is read, so before
    any session is looked at: the page is the one anybody gets, in the browser's language)."""
    request = Request(scope)
    language = i18n.choose(request.cookies.get(i18n.COOKIE), request.headers.get("accept-language"))
    i18n.use(language)
    nobody = Visitor(None, None, language, "", secure=request.url.scheme == "https")
    detail = _("What you sent is larger than this server accepts (%(size)s bytes at most).") % {"size": limit}
    page = render(request, nobody, "error.html", status=413, title=_(TITLES[413]), detail=detail, status_code=413)
    return bytes(page.body)


def install(app: FastAPI, api_prefix: str) -> None:
    """Answer errors outside ``api_prefix`` with pages; those inside as the API does."""
    app.state.body_too_large = body_too_large
    for kind, api_handler in list(app.exception_handlers.items()):
        app.exception_handlers[kind] = _by_path(api_handler, api_prefix)
    for kind in (SignInRequired, CoordinaError, RequestValidationError, HTTPException, Exception):
        app.exception_handlers.setdefault(kind, _by_path(None, api_prefix))


def _by_path(api_handler: Any, api_prefix: str) -> Handler:  # Starlette types its handlers loosely
    async def handle(request: Request, error: Exception) -> Response:
        if api_handler is not None and request.url.path.startswith(api_prefix + "/"):
            answer: Response = await api_handler(request, error)
            return answer
        return await error_page(request, error)

    return handle
