"""How the API is served under load (issue 10, item 7): ``coordina serve`` bounds the threads a
process works with and can run several worker processes; the database keeps its connections
open instead of opening one per request. Figures are for ``benchmarks/api.py``: nothing here
measures time."""

import asyncio
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TypeVar

import anyio
import anyio.to_thread
import httpx
from sqlalchemy import event, text

from coordina.cli.serve import BoundedThreads
from coordina.cli.tcp import no_delay
from coordina.store.db import POOL_SIZE, Database

T = TypeVar("T")


def in_own_thread(run: Callable[[], T]) -> T:
    """``run`` in a thread of its own, with no event loop: the browser tests' Playwright keeps one
    running in the test process's main thread, where ``asyncio.run`` and ``anyio.run`` refuse to start."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(run).result()


def test_bounded_threads_sets_the_event_loops_thread_limit() -> None:
    seen: list[float] = []

    async def inner(scope: object, receive: object, send: object) -> None:
        seen.append(anyio.to_thread.current_default_thread_limiter().total_tokens)

    async def main() -> None:
        app = BoundedThreads(inner, 3)
        await app({"type": "http"}, None, None)
        await app({"type": "http"}, None, None)

    in_own_thread(lambda: anyio.run(main))
    assert seen == [3, 3]


def test_the_pool_keeps_its_connections_under_concurrent_transactions(tmp_path: Path) -> None:
    """As many concurrent transactions as the pool holds, again and again: no new connection
    after the first round (SQLAlchemy's default pool of 5 closed its overflow each time)."""
    db = Database(f"sqlite:///{tmp_path / 'pool.db'}")
    opened: list[object] = []
    event.listen(db.engine, "connect", lambda connection, _record: opened.append(connection))
    barrier = threading.Barrier(POOL_SIZE)

    def transaction() -> None:
        with db.transaction() as session:
            barrier.wait()  # every connection checked out at once
            session.execute(text("SELECT 1"))

    rounds = []
    for _ in range(3):
        threads = [threading.Thread(target=transaction) for _ in range(POOL_SIZE)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        rounds.append(len(opened))
    db.engine.dispose()
    assert rounds == [POOL_SIZE] * 3
    journal = Database(f"sqlite:///{tmp_path / 'pool.db'}")
    with journal.transaction() as session:
        assert session.scalar(text("PRAGMA journal_mode")) == "wal"
    journal.engine.dispose()


def test_serve_with_two_workers_migrates_once_and_answers(tmp_path: Path) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "COORDINA_DATABASE_URL": f"sqlite:///{tmp_path / 'served.db'}"}
    command = [sys.executable, "-c", "from coordina.cli import main; main()", "serve", "--port", str(port),
               "--workers", "2", "--threads", "4"]  # fmt: skip
    server = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        answered = None
        for _ in range(600):  # until both workers can answer (slow on a busy machine), at most a minute
            if server.poll() is not None:
                break
            try:
                answered = httpx.get(f"http://127.0.0.1:{port}/api/v1/openapi.json", timeout=5)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        assert answered is not None and answered.status_code == 200, "the server did not answer"
        unauthenticated = httpx.get(f"http://127.0.0.1:{port}/api/v1/negotiations", timeout=5)
        assert unauthenticated.status_code == 401  # the app, on the migrated database
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
    assert output.count("Started server process") == 2, output
    assert "Traceback" not in output, output


def test_connections_accepted_on_a_listener_made_as_uvicorn_s_workers_make_it_get_no_delay() -> None:
    """A listener with ``proto`` 0 (uvicorn's ``bind_socket``): asyncio leaves Nagle's algorithm
    on for its connections, and ``no_delay`` turns it off."""

    async def accepted(fix: bool) -> int:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.bind(("127.0.0.1", 0))
        options: list[int] = []

        class Probe(asyncio.Protocol):
            def connection_made(self, transport: asyncio.BaseTransport) -> None:
                if fix:
                    no_delay(transport)
                sock = transport.get_extra_info("socket")
                options.append(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
                transport.close()

        server = await asyncio.get_running_loop().create_server(Probe, sock=listener)
        _, writer = await asyncio.open_connection(*listener.getsockname())
        while not options:
            await asyncio.sleep(0.01)
        writer.close()
        server.close()
        await server.wait_closed()
        return options[0]

    assert in_own_thread(lambda: asyncio.run(accepted(fix=False))) == 0  # the uvicorn issue #3149 this works around
    assert in_own_thread(lambda: asyncio.run(accepted(fix=True))) != 0
