"""Failed logins throttled per account and per client address (OWASP Authentication Cheat
Sheet, "Protect against automated attacks"; NIST SP 800-63B s 5.2.2, rate limiting).

Each failure is a row of ``login_failures`` (the account key tried, known or not, and the
address), so that the limits hold across the workers of one database. With ``N`` failures in
the last window, the account or the address is refused (429) until the oldest of them leaves
the window; ``Retry-After`` says when. A successful login clears the account's failures. Only
failures count, so suites that log in often with the right password are never held back.
"""

import math
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from coordina.errors import Throttled
from coordina.services.accounts.settings import now, settings
from coordina.store.db import Database
from coordina.store.tables import LoginFailure

ADDRESS_LENGTH = 64


def _address(address: str) -> str:
    return address[:ADDRESS_LENGTH]


def _retry_after(oldest: datetime, window: timedelta, at: datetime) -> int:
    return max(1, math.ceil((oldest + window - at).total_seconds()))


def check(db: Database, account: str, address: str) -> None:
    """Refuse (429) an account or an address with too many recent failures."""
    limits, at = settings(), now()
    window = timedelta(seconds=limits.login_window_seconds)
    since = at - window
    with db.transaction() as session:
        for column, value, limit, what in (
            (LoginFailure.account, account, limits.login_max_failures, "this account"),
            (LoginFailure.address, _address(address), limits.login_max_failures_per_address, "your address"),
        ):
            count, oldest = session.execute(
                select(func.count(), func.min(LoginFailure.at)).where(column == value, LoginFailure.at > since)
            ).one()
            if count >= limit and oldest is not None:
                wait = _retry_after(_aware(oldest), window, at)
                message = f"{count} failed logins for {what} in the last {limits.login_window_seconds} s"
                raise Throttled("login_throttled", f"{message}: try again in {wait} s", retry_after=wait)


def record_failure(db: Database, account: str, address: str) -> None:
    limits, at = settings(), now()
    with db.transaction() as session:
        session.add(LoginFailure(account=account, address=_address(address), at=at))
        _forget_old(session, at - timedelta(seconds=limits.login_window_seconds))


def clear(db: Database, account: str) -> None:
    """A successful login: the account's failures are forgotten (the address's stay)."""
    with db.transaction() as session:
        session.execute(delete(LoginFailure).where(LoginFailure.account == account))


def _forget_old(session: Session, before: datetime) -> None:
    session.execute(delete(LoginFailure).where(LoginFailure.at <= before))


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)
