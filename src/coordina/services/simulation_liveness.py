"""Whether a simulation run's worker is alive: its heartbeat, and on this host its process (the
workers this process started are kept until they end, then reaped, so none lingers as a zombie
that would look alive). Shared by the jobs and the worker loop, which import it, not each other."""

import os
import socket
import subprocess
import threading
from datetime import datetime, timedelta

STALE_AFTER = timedelta(seconds=60)
"""A running run whose heartbeat is older than this was left by a stopped worker."""
HEARTBEAT_EVERY = timedelta(seconds=10)
"""A worker beats this often while it computes (and at every partition it finishes)."""


_SPAWNED: "list[subprocess.Popen[bytes]]" = []  # the workers this process started
_SPAWNING = threading.Lock()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: it exists
        return True
    return True


def worker_gone(host: str | None, pid: int | None, heartbeat: datetime | None, stale_before: datetime) -> bool:
    """Whether a running run's worker has stopped: its process is gone (on this host, where it
    can be asked), or its last heartbeat is older than ``stale_before``."""
    return dead(host, pid) or heartbeat is None or heartbeat < stale_before


def dead(host: str | None, pid: int | None) -> bool:
    """Whether the worker process ``pid`` on ``host`` is known to have ended (only this host's can be asked)."""
    if host != socket.gethostname() or pid is None:
        return False
    _reap()  # a worker this process started and that ended is a zombie until reaped: alive to kill(pid, 0)
    return not _alive(pid)


def _reap() -> None:
    with _SPAWNING:
        _SPAWNED[:] = [w for w in _SPAWNED if w.poll() is None]


def remember(worker: "subprocess.Popen[bytes]") -> None:
    """Keep a worker this process started until it ends (``dead`` reaps it then)."""
    _reap()
    with _SPAWNING:
        _SPAWNED.append(worker)
