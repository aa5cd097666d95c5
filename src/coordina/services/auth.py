"""Users, passwords (Argon2id) and API tokens (random, stored only as a SHA-256 hash)."""

import hashlib
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import VerificationError
from sqlalchemy import select

from coordina.services.errors import Refused, Unauthorized
from coordina.store.db import Database
from coordina.store.tables import ApiToken, User

_hasher = PasswordHasher()  # Argon2id with the library's current parameters
MIN_PASSWORD = 10


def create_user(db: Database, username: str, full_name: str, password: str) -> int:
    if len(password) < MIN_PASSWORD:
        raise Refused("password_length", f"a password has at least {MIN_PASSWORD} characters")
    with db.transaction() as session:
        if session.scalar(select(User).where(User.username == username)):
            raise Refused("unique_username", f"the username {username!r} is taken")
        user = User(username=username, full_name=full_name, password_hash=_hasher.hash(password))
        session.add(user)
        session.flush()
        return user.id


def authenticate(db: Database, username: str, password: str) -> int:
    with db.transaction() as session:
        user = session.scalar(select(User).where(User.username == username))
        try:
            if user is None or not _hasher.verify(user.password_hash, password):
                raise VerificationError
        except VerificationError:
            raise Unauthorized("credentials", "unknown user or wrong password") from None
        if _hasher.check_needs_rehash(user.password_hash):
            user.password_hash = _hasher.hash(password)
        return user.id


def issue_token(db: Database, user_id: int, name: str = "api") -> str:
    """A new bearer token; only its hash is stored, so it is shown once."""
    token = secrets.token_urlsafe(32)
    with db.transaction() as session:
        session.add(ApiToken(user_id=user_id, token_hash=_digest(token), name=name))
    return token


def user_for_token(db: Database, token: str) -> int:
    with db.transaction() as session:
        found = session.scalar(select(ApiToken).where(ApiToken.token_hash == _digest(token)))
        if found is None:
            raise Unauthorized("token", "unknown or revoked token")
        return found.user_id


def user_id_by_name(db: Database, username: str) -> int:
    with db.transaction() as session:
        user = session.scalar(select(User).where(User.username == username))
        if user is None:
            raise Unauthorized("user", f"no user {username!r}")
        return user.id


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
