"""Database connection: ``COORDINA_DATABASE_URL``, else an SQLite file in the working directory.

Concurrent writes are refused, never lost: a write that lost a race (a stale version, a unique
value taken a moment ago, an SQLite database busy for too long) leaves as ``StaleVersion``
(409 in the API), with nothing saved.
"""

import os
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from coordina.errors import StaleVersion

DEFAULT_SQLITE = "sqlite:///coordina.db"
BUSY_TIMEOUT_MS = 30_000  # an SQLite writer waits this long for another to commit
POOL_SIZE = 20  # connections kept open: at least the API's worker threads (cli/serve.py: THREADS)
MAX_OVERFLOW = 20  # more, opened for a moment: up to AnyIO's default of 40 threads (tests, other servers)


def database_url() -> str:
    return os.environ.get("COORDINA_DATABASE_URL", DEFAULT_SQLITE)


def make_engine(url: str | None = None) -> Engine:
    url = url or database_url()
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    # A pool as large as the API's worker threads: a request never waits for a connection, and
    # no connection is opened and closed per request (SQLAlchemy's default keeps 5, opens up to 10
    # more, and closes those again: under 50 clients most requests paid for a new connection).
    pooling: dict[str, Any] = {"pool_size": POOL_SIZE, "max_overflow": MAX_OVERFLOW}
    if url.startswith("postgresql"):
        pooling["pool_pre_ping"] = True  # a connection the server closed (restart, idle timeout) is replaced
    if url in ("sqlite://", "sqlite:///:memory:"):
        pooling = {}  # an in-memory database lives in one connection: SQLAlchemy's own pool for it
    engine = create_engine(url, future=True, **pooling)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "first_connect", _sqlite_wal)
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_wal(connection: Any, _record: Any) -> None:  # a DBAPI connection: untyped by the drivers
    """WAL, so that readers never wait for a writer (https://sqlite.org/wal.html). The journal
    mode is a property of the database file that persists: once per engine is enough."""
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    """Per connection: a busy timeout so that a writer waits for another instead of failing with
    "database is locked", and foreign keys, which SQLite leaves off by default."""
    cursor = connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


class Database:
    """An engine and its session factory; services take one of these."""

    def __init__(self, url: str | None = None) -> None:
        self.engine = make_engine(url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        # SQLite has one writer at a time: this process's writers queue here, in arrival order,
        # instead of each sleeping in SQLite's busy handler (whose sleeps grow while it waits)
        self._writer = threading.RLock() if self.engine.dialect.name == "sqlite" else None

    @contextmanager
    def writing(self) -> Iterator[None]:
        """Around a transaction that writes: on SQLite, one of this process's writers at a time."""
        if self._writer is None:
            yield
            return
        with self._writer:
            yield

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: committed whole, or rolled back whole (no half-written state).

        A write that lost a race with a concurrent one is refused as ``StaleVersion``."""
        try:
            with self._sessions() as session, session.begin():
                yield session
        except StaleDataError as error:  # a versioned row's UPDATE matched no row: a newer version was saved
            raise StaleVersion("optimistic_lock", f"{_table(str(error))}: someone saved a newer version a moment "
                               "ago; nothing was saved — reload and apply your change again") from error  # fmt: skip
        except IntegrityError as error:
            collision = _collision(error)
            if collision is None:
                raise
            raise collision from error
        except OperationalError as error:
            if "database is locked" not in str(error.orig):
                raise
            raise StaleVersion("database_busy", f"other changes kept the database busy for more than "
                               f"{BUSY_TIMEOUT_MS // 1000} s; nothing was saved — try again") from error  # fmt: skip


def is_collision(error: BaseException) -> bool:
    """Whether ``error`` refused a write because a concurrent one took the same unique value."""
    return isinstance(error, StaleVersion) and isinstance(error.__cause__, IntegrityError)


def _collision(error: IntegrityError) -> StaleVersion | None:
    """A unique value taken by a concurrent write, as a refusal naming the column; None otherwise."""
    text = str(error.orig)
    sqlite = re.match(r"UNIQUE constraint failed: (.+)", text)
    if sqlite:  # "UNIQUE constraint failed: drafts.negotiation_id, drafts.number"
        table = sqlite.group(1).split(".")[0]
        columns = [name.split(".")[-1].strip() for name in sqlite.group(1).split(",")]
    elif getattr(error.orig, "sqlstate", None) == "23505":  # PostgreSQL's unique_violation
        diag = getattr(error.orig, "diag", None)
        table = getattr(diag, "table_name", None) or "the table"
        key = re.search(r"Key \((.+?)\)=", getattr(diag, "message_detail", None) or "")
        columns = [name.strip() for name in key.group(1).split(",")] if key else ["value"]
    else:
        return None
    return StaleVersion(f"unique_{columns[-1]}", f"{table}: the {columns[-1]} is already taken, by a change saved "
                        "a moment ago; nothing was saved — choose another, or reload and try again")  # fmt: skip


def _table(message: str) -> str:
    found = re.search(r"table '(\w+)'", message)
    return found.group(1) if found else "the record"
