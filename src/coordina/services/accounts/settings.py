"""The accounts' limits, read from the environment at each use (so a test or an operator can
change them without a restart of the code that reads them).

| variable | default | what |
| --- | --- | --- |
| ``COORDINA_LOGIN_MAX_FAILURES`` | 5 | failed logins per account in a window before 429 |
| ``COORDINA_LOGIN_MAX_FAILURES_PER_ADDRESS`` | 20 | failed logins per client address in a window |
| ``COORDINA_LOGIN_WINDOW_SECONDS`` | 900 | the window (15 min) |
| ``COORDINA_ACCESS_TOKEN_SECONDS`` | 3600 | lifetime of an access token (1 h) |
| ``COORDINA_REFRESH_TOKEN_SECONDS`` | 1209600 | lifetime of a refresh token (14 days) |
| ``COORDINA_INVITATION_SECONDS`` | 604800 | lifetime of an invitation (7 days) |
| ``COORDINA_HASH_CONCURRENCY`` | 2 | Argon2 operations at once in one process |
| ``COORDINA_ARGON2_MEMORY_KIB`` | 19456 | Argon2id memory per operation (19 MiB, OWASP) |
"""

import os
from dataclasses import dataclass
from datetime import UTC, datetime

from coordina.errors import CoordinaError


def now() -> datetime:
    """The current time in UTC: the one clock of the accounts."""
    return datetime.now(UTC)


def _positive(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise CoordinaError("configuration", f"{name}={raw!r} is not a whole number") from None
    if value < 1:
        raise CoordinaError("configuration", f"{name}={raw!r}: give a number of 1 or more")
    return value


@dataclass(frozen=True)
class Settings:
    login_max_failures: int
    login_max_failures_per_address: int
    login_window_seconds: int
    access_token_seconds: int
    refresh_token_seconds: int
    invitation_seconds: int
    hash_concurrency: int
    argon2_memory_kib: int


def settings() -> Settings:
    return Settings(
        login_max_failures=_positive("COORDINA_LOGIN_MAX_FAILURES", 5),
        login_max_failures_per_address=_positive("COORDINA_LOGIN_MAX_FAILURES_PER_ADDRESS", 20),
        login_window_seconds=_positive("COORDINA_LOGIN_WINDOW_SECONDS", 15 * 60),
        access_token_seconds=_positive("COORDINA_ACCESS_TOKEN_SECONDS", 60 * 60),
        refresh_token_seconds=_positive("COORDINA_REFRESH_TOKEN_SECONDS", 14 * 24 * 60 * 60),
        invitation_seconds=_positive("COORDINA_INVITATION_SECONDS", 7 * 24 * 60 * 60),
        hash_concurrency=_positive("COORDINA_HASH_CONCURRENCY", 2),
        argon2_memory_kib=_positive("COORDINA_ARGON2_MEMORY_KIB", 19 * 1024),
    )
