"""An institution's exchange endpoint (``coordina node serve``), on the API's FastAPI stack: it
takes signed documents (``POST /exchange/v1/documents``, ``application/cose``), has the node
verify and log them, and answers 202 with a receipt, or the refusal as problem+json (RFC 9457)
with the reason in words. A request for periods is answered from the register after the
receipt is sent (a background task), so neither node waits for the other inside a request."""

import logging
import os
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import BackgroundTasks, FastAPI, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from coordina.api import errors
from coordina.errors import CoordinaError, ExchangeRefused
from coordina.exchange.transport import Delivery
from coordina.services import exchange_log
from coordina.services.exchange_node import NODE_ACTOR, Node, utc_now

MAX_DOCUMENT_BYTES = 1 << 20
"""A document larger than this is refused before it is read (413)."""


PURGE_EVERY_S = float(os.environ.get("COORDINA_NODE_PURGE_SECONDS", "3600"))
"""How often a running node empties the documents whose retention has ended (also at start)."""


def create_node_app(node: Node) -> FastAPI:
    @asynccontextmanager
    async def retention(_: FastAPI) -> AsyncIterator[None]:
        stop = threading.Event()
        thread = threading.Thread(target=_purging, args=(node, stop), name="retention", daemon=True)
        thread.start()
        yield
        stop.set()

    app = FastAPI(title=f"coordina exchange node {node.config.institution}", docs_url=None, redoc_url=None,
                  lifespan=retention)  # fmt: skip
    errors.install(app)

    @app.get("/exchange/v1/node")
    def about() -> dict[str, object]:
        """Which institution answers here, and for which agreements."""
        return {"institution": node.config.institution, "agreements": sorted(node.config.agreements)}

    @app.post("/exchange/v1/documents", status_code=202)
    async def receive(request: Request, background: BackgroundTasks) -> JSONResponse:
        """Receive one signed document (COSE_Sign1): 202 and a receipt, or 422 and why not."""
        declared = request.headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > MAX_DOCUMENT_BYTES:
            return errors.problem(413, *errors.HTTP_KIND[413], f"a document is at most {MAX_DOCUMENT_BYTES} bytes")
        body = bytearray()
        async for chunk in request.stream():
            body += chunk
            if len(body) > MAX_DOCUMENT_BYTES:
                return errors.problem(413, *errors.HTTP_KIND[413], f"a document is at most {MAX_DOCUMENT_BYTES} bytes")
        if request.headers.get("content-type", "").split(";")[0].strip() != "application/cose":
            raise ExchangeRefused("not_cose", "send the document as application/cose (a COSE_Sign1)")
        delivery = await _in_thread(node, bytes(body))
        if node.config.records is not None:
            background.add_task(_answer, node)
        return JSONResponse(delivery.receipt, status_code=202)

    return app


async def _in_thread(node: Node, body: bytes) -> Delivery:
    return await run_in_threadpool(node.receive, body)


def _purging(node: Node, stop: threading.Event) -> None:
    """Retention enforced while the node runs: a purge at start, then every ``PURGE_EVERY_S``."""
    while True:
        try:
            purged = exchange_log.purge(node.db, utc_now(), actor=NODE_ACTOR)
            if purged:
                logging.getLogger("coordina.node").info("retention: %d document(s) purged", len(purged))
        except Exception:  # a database busy for a moment: the next round tries again
            logging.getLogger("coordina.node").exception("retention purge failed")
        if stop.wait(PURGE_EVERY_S):
            return


def _answer(node: Node) -> None:
    """The register's answers to the requests received (errors are logged, not raised: the
    sender already has its receipt, and the request stays pending for a caseworker)."""
    try:
        node.answer_pending()
    except CoordinaError as error:
        logging.getLogger("coordina.node").warning("could not answer a request: %s", error)
