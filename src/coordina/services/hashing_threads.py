"""Requests that hash a password (login, password change, new users, accepted invitations) run
in threads of their own, at most ``COORDINA_HASH_CONCURRENCY`` at once: the others wait in the
event loop, so that many logins at once neither take memory (Argon2 holds 19 MiB while it runs)
nor hold the threads every other request is served by (``coordina serve --threads``)."""

from collections.abc import Callable
from functools import partial
from typing import Any, TypeVar

import anyio
import anyio.to_thread

from coordina.services.accounts.settings import settings

T = TypeVar("T")
_limiters: dict[int, anyio.CapacityLimiter] = {}


def _limiter() -> anyio.CapacityLimiter:
    """The limiter of this process's event loop (created in it, on the first request)."""
    size = settings().hash_concurrency
    if size not in _limiters:
        _limiters[size] = anyio.CapacityLimiter(size)
    return _limiters[size]


async def hashing(function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """``function(*args, **kwargs)`` in one of the hashing threads."""
    return await anyio.to_thread.run_sync(partial(function, *args, **kwargs), limiter=_limiter())
