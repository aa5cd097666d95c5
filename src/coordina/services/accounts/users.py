"""Users: created by an administrator (or on the server, ``coordina users add``), never by
themselves; logging in; changing a password.

Logging in answers an unknown user and a wrong password alike: the same ``Unauthorized``
(rule ``credentials``, one message) after one Argon2 verification either way, against a dummy
hash for an unknown name, so neither the answer nor its time tells whether a name exists
(OWASP Authentication Cheat Sheet, "Authentication and error messages").
"""

from sqlalchemy import select
from sqlalchemy.orm import Session

from coordina.errors import Forbidden, Refused, StaleVersion, Unauthorized
from coordina.services.accounts import hashing, names, passwords, throttle, tokens
from coordina.store.db import Database, is_collision
from coordina.store.tables import User

WRONG = "unknown user or wrong password"


def _taken(name: str) -> StaleVersion:
    return StaleVersion("unique_username", f"the user name {name!r} is taken (user names are compared regardless "
                        "of case and of look-alike letters), by a user created a moment ago")  # fmt: skip


def add_user(session: Session, username: str, full_name: str, password: str, *, administrator: bool = False) -> User:
    """Check the name and password and add the user to ``session`` (the caller commits)."""
    name = names.check(username)
    password = passwords.check(password, name.display)
    if session.scalar(select(User.id).where(User.username_key == name.key)) is not None:
        raise Refused("unique_username", f"the user name {name.display!r} is taken (user names are compared "
                      "regardless of case)")  # fmt: skip
    if session.scalar(select(User.id).where(User.username_skeleton == name.skeleton)) is not None:
        raise Refused("confusable_username", f"the user name {name.display!r} looks like one that is taken "
                      "(Unicode TR39 confusable letters): choose another")  # fmt: skip
    user = User(username=name.display, username_key=name.key, username_skeleton=name.skeleton, full_name=full_name,
                password_hash=hashing.hash_password(password), administrator=administrator)  # fmt: skip
    session.add(user)
    session.flush()
    return user


def create_user(db: Database, username: str, full_name: str, password: str, *, administrator: bool = False) -> int:
    """A new user's id; a name taken by a concurrent creation is refused (409), never a crash."""
    try:
        with db.transaction() as session:
            return add_user(session, username, full_name, password, administrator=administrator).id
    except StaleVersion as error:
        if is_collision(error):
            raise _taken(username) from error
        raise


def authenticate(db: Database, username: str, password: str, address: str = "local") -> int:
    """The user's id for the right password; throttled per account and address (``throttle``)."""
    account = names.key(username)[: names.MAX_LENGTH]
    throttle.check(db, account, address)
    with db.transaction() as session:
        user = session.scalar(select(User).where(User.username_key == account))
        stored = user.password_hash if user is not None else None
    matched = _matches(stored or hashing.dummy_hash(), password)
    if user is None or not matched:
        throttle.record_failure(db, account, address)
        raise Unauthorized("credentials", WRONG)
    throttle.clear(db, account)
    if hashing.needs_rehash(user.password_hash):
        new_hash = hashing.hash_password(passwords.normalised(password))
        with db.transaction() as session:
            found = session.get(User, user.id)
            if found is not None:
                found.password_hash = new_hash
    return user.id


def _matches(stored: str, password: str) -> bool:
    """One Argon2 verification of the NFKC form; a second, of the form as typed, only for a
    password that NFKC changes (hashed before normalisation was applied)."""
    given = passwords.normalised(password)
    return hashing.verify(stored, given) or (given != password and hashing.verify(stored, password))


def change_password(db: Database, user_id: int, old: str, new: str, address: str = "local") -> None:
    """With the old password; every token of the user is revoked (they log in again)."""
    with db.transaction() as session:
        user = session.get(User, user_id)
        if user is None:
            raise Unauthorized("credentials", WRONG)
        username, stored = user.username, user.password_hash
    throttle.check(db, user.username_key, address)
    if not _matches(stored, old):
        throttle.record_failure(db, user.username_key, address)
        raise Unauthorized("credentials", "the old password is wrong")
    value = passwords.check(new, username)
    if value == passwords.normalised(old):
        raise Refused("password_unchanged", "the new password is the old one")
    new_hash = hashing.hash_password(value)
    with db.transaction() as session:
        found = session.get(User, user_id)
        assert found is not None
        found.password_hash = new_hash
        tokens.revoke_all(session, user_id)


def user_id_by_name(db: Database, username: str) -> int:
    with db.transaction() as session:
        user_id = session.scalar(select(User.id).where(User.username_key == names.key(username)))
        if user_id is None:
            raise Unauthorized("user", f"no user {username!r}")
        return user_id


def username(db: Database, user_id: int) -> str:
    with db.transaction() as session:
        user = session.get(User, user_id)
        if user is None:
            raise Unauthorized("user", f"no user {user_id}")
        return user.username


def is_administrator(db: Database, user_id: int) -> bool:
    with db.transaction() as session:
        return bool(session.scalar(select(User.administrator).where(User.id == user_id)))


def require_administrator(db: Database, user_id: int, action: str = "create users") -> None:
    if not is_administrator(db, user_id):
        raise Forbidden("administrator", f"only an administrator may {action}")
