"""The command line's login: a token pair in a file only its owner can read.

``coordina login`` writes ``$COORDINA_TOKEN_FILE`` (else ``~/.config/coordina/token``) with mode
0600 in a 0700 directory: the tokens and a SHA-256 of the database URL they are for (never the
URL, which may hold the database's password). An expired access token is refreshed with the
refresh token, and the file rewritten.
"""

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from coordina.errors import Unauthorized
from coordina.services import auth
from coordina.services.database import Database


def path() -> Path:
    configured = os.environ.get("COORDINA_TOKEN_FILE")
    return Path(configured) if configured else Path.home() / ".config" / "coordina" / "token"


def database_id(db: Database) -> str:
    return hashlib.sha256(db.engine.url.render_as_string(hide_password=False).encode()).hexdigest()


@dataclass(frozen=True)
class Login:
    database: str
    username: str
    access_token: str
    refresh_token: str


def write(login: Login) -> Path:
    file = path()
    file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    descriptor = os.open(file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(descriptor, 0o600)  # an existing file keeps its mode otherwise
    with os.fdopen(descriptor, "w", encoding="utf-8") as out:
        json.dump(login.__dict__, out)
    return file


def read() -> Login | None:
    file = path()
    if not file.exists():
        return None
    try:
        return Login(**json.loads(file.read_text(encoding="utf-8")))
    except (ValueError, TypeError):
        raise Unauthorized("login_required", f"{file} is not a coordina token file: run `coordina login`") from None


def acting_user(db: Database) -> int | None:
    """The logged-in user for ``db``, refreshing the access token when it expired; None without a login."""
    login = read()
    if login is None:
        return None
    if login.database != database_id(db):
        raise Unauthorized("login_required", f"the login in {path()} is for another database: run `coordina login`")
    try:
        return auth.user_for_token(db, login.access_token)
    except Unauthorized as error:
        if error.rule != "token_expired":
            raise
    pair = auth.refresh(db, login.refresh_token)
    write(Login(login.database, login.username, pair.access_token, pair.refresh_token))
    return auth.user_for_token(db, pair.access_token)
