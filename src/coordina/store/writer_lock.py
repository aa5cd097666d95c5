"""SQLite's one writer at a time, as a queue rather than a poll.

SQLite lets one connection write at a time; the others wait in its busy handler, which sleeps in
growing steps (1 ms up to 100 ms, https://sqlite.org/c3ref/busy_timeout.html) and so leaves the
database idle between writers once many are waiting: under 50 clients, fewer writes a second than
under 10. Here writers wait in the operating system instead: within a process on a thread lock,
across the server's processes on an advisory ``flock`` of a file beside the database, which the
kernel hands to a waiter the moment it is released. The wait is bounded like SQLite's own
(``BUSY_TIMEOUT_MS``): past it the write is refused as busy, never made.
"""

import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

try:  # POSIX; elsewhere the processes fall back on SQLite's busy handler alone
    import fcntl
except ImportError:  # pragma: no cover - not on the Linux machines coordina is tested on
    fcntl = None  # type: ignore[assignment]

POLL_S = 0.0005  # while another process holds the file: a short fixed step, never a growing one


class WriterBusy(Exception):
    """The lock was not had within the timeout (the caller refuses the write as busy)."""


class WriterLock:
    """Held around a transaction that writes; re-entrant within a thread."""

    def __init__(self, path: Path | None, timeout_s: float) -> None:
        self._thread = threading.RLock()
        self._path = path
        self._timeout_s = timeout_s
        self._fd: int | None = None
        self._pid = 0
        self._depth = 0

    @contextmanager
    def held(self) -> Iterator[None]:
        if not self._thread.acquire(timeout=self._timeout_s):
            raise WriterBusy
        try:
            self._depth += 1
            locked = self._depth == 1 and self._lock_file()
            try:
                yield
            finally:
                if locked and self._fd is not None and fcntl is not None:
                    fcntl.flock(self._fd, fcntl.LOCK_UN)
                self._depth -= 1
        finally:
            self._thread.release()

    def _lock_file(self) -> bool:
        """Take the file lock (after the thread lock): True once held, False where there is none."""
        fd = self._descriptor()
        if fd is None or fcntl is None:
            return False
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            pass
        deadline = time.monotonic() + self._timeout_s
        while time.monotonic() < deadline:
            time.sleep(POLL_S)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return True
            except BlockingIOError:
                continue
        raise WriterBusy

    def _descriptor(self) -> int | None:
        """This process's own descriptor of the lock file (a descriptor inherited through a fork
        shares its lock with the parent, so a child opens its own)."""
        if self._path is None:
            return None
        if self._fd is None or self._pid != os.getpid():
            self._fd = os.open(self._path, os.O_RDWR | os.O_CREAT, 0o600)
            self._pid = os.getpid()
        return self._fd
