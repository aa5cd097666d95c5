"""A cap on request bodies: over the limit is 413, before anything parses the body.

The declared ``Content-Length`` is checked first (the server then reads no more than it
declares); a body sent in chunks is counted as it arrives and refused as soon as it passes the
limit, and the body under the limit is then handed on whole, as it came.

Outside the API's prefix the refusal is a page: the application's ``state.body_too_large``
(set by the web application) renders it; under the prefix it is problem+json.
"""

import json
import os

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from coordina.errors import CoordinaError

DEFAULT_LIMIT = 1024 * 1024  # 1 MiB
LIMIT_VARIABLE = "COORDINA_MAX_BODY_BYTES"


def body_limit(limit: int | None = None) -> int:
    """``limit``, else ``COORDINA_MAX_BODY_BYTES``, else 1 MiB."""
    if limit is not None:
        return limit
    given = os.environ.get(LIMIT_VARIABLE, "").strip()
    if not given:
        return DEFAULT_LIMIT
    if not given.isdigit():
        raise CoordinaError(LIMIT_VARIABLE, f"is {given!r}; give a number of bytes (e.g. {DEFAULT_LIMIT})")
    return int(given)


def _declared_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length" and value.strip().isdigit():
            return int(value)
    return None


def _chunked(scope: Scope) -> bool:
    return any(name == b"transfer-encoding" for name, _ in scope.get("headers", []))


class BodyLimit:
    """ASGI middleware: refuse a request whose body exceeds ``limit`` bytes with 413."""

    def __init__(self, app: ASGIApp, limit: int, api_prefix: str = "/api/v1") -> None:
        self.app = app
        self.limit = limit
        self.api_prefix = api_prefix

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _declared_length(scope)
        if declared is not None and declared > self.limit:
            await self._refuse(scope, send)
            return
        if declared is not None or not _chunked(scope):
            # The server frames the body by its Content-Length, and a request with neither that nor
            # Transfer-Encoding has none (RFC 9112 s 6.3): only a chunked body needs counting.
            await self.app(scope, receive, send)
            return
        body, last = await self._read_within_limit(receive)
        if last is None:
            await self._refuse(scope, send)
            return
        await self.app(scope, _replay(body, last, receive), send)

    async def _read_within_limit(self, receive: Receive) -> tuple[bytes, Message | None]:
        """The body, and the last message read (None once the body passes the limit)."""
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return b"".join(chunks), message  # the client went away: the app sees it
            chunk: bytes = message.get("body", b"")
            size += len(chunk)
            if size > self.limit:
                return b"", None
            chunks.append(chunk)
            if not message.get("more_body", False):
                return b"".join(chunks), message

    async def _refuse(self, scope: Scope, send: Send) -> None:
        page = getattr(getattr(scope.get("app"), "state", None), "body_too_large", None)
        if page is not None and not str(scope.get("path", "")).startswith(self.api_prefix + "/"):
            content, media = page(scope, self.limit), b"text/html; charset=utf-8"
        else:
            content = json.dumps({
                "type": "/api/v1/problems/body-too-large", "title": "Request body too large", "status": 413,
                "detail": f"a request body is at most {self.limit} bytes", "rule": "body_size"}).encode()  # fmt: skip
            media = b"application/problem+json"
        headers = [(b"content-type", media), (b"content-length", str(len(content)).encode()),
                   (b"connection", b"close")]  # fmt: skip
        await send({"type": "http.response.start", "status": 413, "headers": headers})
        await send({"type": "http.response.body", "body": content})


def _replay(body: bytes, last: Message, receive: Receive) -> Receive:
    """A receive channel that gives the body read already, then what the client sends next."""
    first: list[Message] = [{"type": "http.request", "body": body, "more_body": False}]
    if last["type"] != "http.request":
        first.append(last)

    async def replay() -> Message:
        return first.pop(0) if first else await receive()

    return replay
