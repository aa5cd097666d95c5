"""Bearer tokens: random (``secrets``, 256 bits), stored only as their SHA-256 hash, expiring.

A login issues a pair: an access token (``COORDINA_ACCESS_TOKEN_SECONDS``, 1 h) and a refresh
token (``COORDINA_REFRESH_TOKEN_SECONDS``, 14 days). Refreshing spends the refresh token and
issues a new pair in the same family (rotation, RFC 9700 s 4.14.2); presenting a spent refresh
token again is taken as theft and revokes the whole family. Logging out revokes the family of
the token presented; a password change revokes every token of the user.
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, bindparam, select, update
from sqlalchemy.orm import Session

from coordina.errors import Unauthorized
from coordina.services.accounts.settings import now, settings
from coordina.store.db import Database
from coordina.store.tables import ApiToken

ACCESS, REFRESH = "access", "refresh"

# Built once: constructing a statement costs more than running it (checked on every request)
_TOKEN_CHECK = select(ApiToken.user_id, ApiToken.kind, ApiToken.expires_at, ApiToken.revoked_at).where(
    ApiToken.token_hash == bindparam("token_hash")
)


@dataclass(frozen=True)
class TokenPair:
    access_token: str
    refresh_token: str
    expires_in: int  # seconds the access token lives


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _issue(session: Session, user_id: int, name: str, family: str) -> TokenPair:
    limits, at = settings(), now()
    access, refresh = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    for token, kind, seconds in (
        (access, ACCESS, limits.access_token_seconds),
        (refresh, REFRESH, limits.refresh_token_seconds),
    ):
        session.add(ApiToken(user_id=user_id, token_hash=digest(token), name=name[:100], kind=kind, family=family,
                             created_at=at, expires_at=at + timedelta(seconds=seconds)))  # fmt: skip
    return TokenPair(access, refresh, limits.access_token_seconds)


def issue(db: Database, user_id: int, name: str = "api") -> TokenPair:
    """A new pair in a new family; only the hashes are stored, so the tokens are shown once."""
    with db.transaction() as session:
        return _issue(session, user_id, name, secrets.token_hex(16))


def _live(found: ApiToken | None, kind: str, at: datetime) -> ApiToken:
    if found is None or found.kind != kind:
        raise Unauthorized("token", f"unknown {kind} token")
    if found.revoked_at is not None:
        raise Unauthorized("token_revoked", f"this {kind} token was revoked (logout, refresh or password change): "
                           "log in again")  # fmt: skip
    if found.expires_at <= at:
        hint = "refresh it (POST /api/v1/auth/refresh) or log in again" if kind == ACCESS else "log in again"
        raise Unauthorized("token_expired", f"this {kind} token expired at {found.expires_at:%Y-%m-%d %H:%M} UTC: "
                           f"{hint}")  # fmt: skip
    return found


def user_for_token(db: Database, token: str) -> int:
    """The user an access token acts for; ``Unauthorized`` if it is unknown, revoked or expired."""
    with db.engine.connect() as connection:  # one read, no unit of work: the columns, not the entity
        found = connection.execute(_TOKEN_CHECK, {"token_hash": digest(token)}).first()
    return _live(found, ACCESS, now()).user_id  # type: ignore[arg-type]  # a row with the entity's fields


def refresh(db: Database, refresh_token: str) -> TokenPair:
    """Spend a refresh token for a new pair (rotation); a spent one, presented again, revokes its family."""
    at = now()
    with db.transaction() as session:
        found = session.scalar(select(ApiToken).where(ApiToken.token_hash == digest(refresh_token)))
        replayed = found is not None and found.kind == REFRESH and found.revoked_at is not None
        if not replayed:
            live = _live(found, REFRESH, at)
            spent = session.execute(
                update(ApiToken)
                .where(ApiToken.id == live.id, ApiToken.revoked_at.is_(None))
                .values(revoked_at=at)
                .returning(ApiToken.id)
            ).scalar_one_or_none()
            if spent is None:  # a concurrent refresh spent it first
                raise Unauthorized("token_revoked", "this refresh token was just used: log in again")
            kept = live.family or secrets.token_hex(16)
            _revoke(session, (ApiToken.family == kept) & (ApiToken.kind == ACCESS), at)
            return _issue(session, live.user_id, live.name, kept)
        family = found.family if found is not None else None
    if family:
        with db.transaction() as session:
            _revoke(session, ApiToken.family == family, at)
    raise Unauthorized("token_revoked", "this refresh token was already used or revoked; every token of that "
                       "login is now revoked: log in again")  # fmt: skip


def revoke_family(db: Database, access_token: str) -> None:
    """Logout: the access token presented and every token of its login (refresh tokens too),
    even if the access token has expired meanwhile."""
    at = now()
    with db.transaction() as session:
        found = session.scalar(select(ApiToken).where(ApiToken.token_hash == digest(access_token)))
        if found is None or found.kind != ACCESS:
            raise Unauthorized("token", "unknown access token")
        _revoke(session, ApiToken.family == found.family if found.family else ApiToken.id == found.id, at)


def revoke_all(session: Session, user_id: int) -> None:
    """Every token of a user (a password change)."""
    _revoke(session, ApiToken.user_id == user_id, now())


def _revoke(session: Session, which: ColumnElement[bool], at: datetime) -> None:
    session.execute(update(ApiToken).where(which, ApiToken.revoked_at.is_(None)).values(revoked_at=at))
