"""Argon2id hashing in a bounded pool: at most ``COORDINA_HASH_CONCURRENCY`` hash or verify
operations run at once in a process, so that many parallel logins queue instead of taking
memory (each operation holds ``COORDINA_ARGON2_MEMORY_KIB``).

Parameters: OWASP Password Storage Cheat Sheet's first Argon2id configuration (m = 19 MiB,
t = 2, p = 1), within RFC 9106 s 4's range. Hashes made with other parameters (the earlier
64 MiB default) still verify and are rehashed at the next login.
"""

import secrets
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from coordina.services.accounts.settings import settings

TIME_COST, PARALLELISM = 2, 1


class HashPool:
    """A semaphore of ``size`` slots; ``busy`` and ``peak`` count the operations holding one."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._slots = threading.BoundedSemaphore(size)
        self._count = threading.Lock()
        self.busy = 0
        self.peak = 0

    @contextmanager
    def slot(self) -> Iterator[None]:
        with self._slots:
            with self._count:
                self.busy += 1
                self.peak = max(self.peak, self.busy)
            try:
                yield
            finally:
                with self._count:
                    self.busy -= 1


@cache
def _pool(size: int) -> HashPool:
    return HashPool(size)


def pool() -> HashPool:
    """The process's pool for the configured concurrency."""
    return _pool(settings().hash_concurrency)


@cache
def _hasher(memory_kib: int) -> PasswordHasher:
    return PasswordHasher(time_cost=TIME_COST, memory_cost=memory_kib, parallelism=PARALLELISM)


def hasher() -> PasswordHasher:
    return _hasher(settings().argon2_memory_kib)


def hash_password(password: str) -> str:
    with pool().slot():
        return hasher().hash(password)


def verify(stored_hash: str, password: str) -> bool:
    """Whether ``password`` matches; one Argon2 verification, in the pool."""
    with pool().slot():
        try:
            return hasher().verify(stored_hash, password)
        except (VerificationError, InvalidHashError):
            return False


def needs_rehash(stored_hash: str) -> bool:
    try:
        return hasher().check_needs_rehash(stored_hash)
    except InvalidHashError:
        return True


_dummies: dict[int, str] = {}
_dummies_lock = threading.Lock()


def dummy_hash() -> str:
    """A hash no password matches, verified for an unknown user so that the answer takes as long
    as for a wrong password (OWASP Authentication Cheat Sheet: response time). Made once, in the pool."""
    memory_kib = settings().argon2_memory_kib
    with _dummies_lock:
        if memory_kib not in _dummies:
            with pool().slot():
                _dummies[memory_kib] = _hasher(memory_kib).hash(secrets.token_urlsafe(16))
        return _dummies[memory_kib]
