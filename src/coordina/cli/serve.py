"""``coordina serve``: the web application and the REST API on the workspace database.

Under load the API's cost is CPU in one Python process (the GIL): the endpoints are synchronous
and run in AnyIO's thread pool. ``THREADS`` bounds the requests a process works on at once; the
others wait in arrival order in the event loop instead of 40 threads taking the GIL from each
other (and from the event loop that reads and answers the sockets). ``--workers`` runs several
processes, each with its own engine and pool, to use more than one core.

The token check of every request and the most frequent read (``GET /negotiations/{id}``) are
asynchronous: they run on the event loop, each one indexed statement built once, which waits for
no lock (SQLite in WAL mode, PostgreSQL's MVCC). A hop to a thread and back cost more than the
read itself (at 50 clients: 1,357 reads/s instead of 625, benchmarks/api.py).
"""

import os
from typing import Annotated, Any

import typer

THREADS = 2  # requests worked on at once per process: the rest wait their turn, so 50 clients cost what 10 do
WORKERS = min(os.cpu_count() or 1, 4)  # server processes: one per core (the GIL holds each to one), at most 4
THREADS_VARIABLE = "COORDINA_API_THREADS"  # how the worker processes learn the --threads value


class BoundedThreads:
    """An ASGI application whose synchronous endpoints share at most ``threads`` threads."""

    def __init__(self, app: Any, threads: int) -> None:
        self.app, self.threads, self.bounded = app, threads, False

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if not self.bounded:  # the limiter belongs to the event loop: set it from inside the loop
            import anyio.to_thread

            anyio.to_thread.current_default_thread_limiter().total_tokens = self.threads
            self.bounded = True
        await self.app(scope, receive, send)


def application() -> BoundedThreads:
    """The API and the web pages of one server process (uvicorn's factory), on an already migrated database."""
    from coordina.app import create_app

    return BoundedThreads(create_app(migrate=False), int(os.environ.get(THREADS_VARIABLE, THREADS)))


def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port")] = 8000,
    workers: Annotated[
        int, typer.Option(min=1, help="Server processes, each with its own database pool (default: one per core, <= 4)")
    ] = WORKERS,
    threads: Annotated[int, typer.Option(min=1, help="Requests one process works on at once")] = THREADS,
) -> None:
    """Serve the web application and the API on COORDINA_DATABASE_URL (default ./coordina.db).

    Pages at http://HOST:PORT/, the API under /api/v1 (OpenAPI at /api/v1/openapi.json)."""
    import uvicorn

    from coordina.services.database import open_database

    open_database().engine.dispose()  # migrate once, before the worker processes start
    os.environ[THREADS_VARIABLE] = str(threads)
    # With workers, uvicorn's own listening socket leaves Nagle's algorithm on (cli/tcp.py)
    from coordina.cli.tcp import protocol

    http = protocol() if workers > 1 else "auto"  # "auto": httptools and uvloop where installed
    uvicorn.run("coordina.cli.serve:application", factory=True, host=host, port=port, workers=workers, http=http)
