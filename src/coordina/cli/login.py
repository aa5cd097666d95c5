"""``coordina login`` and ``coordina logout``: act as a user of the workspace database, with a password.

Needed on PostgreSQL (a shared server), where ``--as NAME`` is refused; on an SQLite file of
your own, ``--as`` still works without a password.
"""

from contextlib import suppress
from typing import Annotated

import typer

from coordina.cli import token_file
from coordina.cli.output import console
from coordina.cli.passwords import read_password
from coordina.cli.workspace import open_database, refusals
from coordina.errors import Unauthorized
from coordina.services import auth

UserNameArgument = Annotated[str | None, typer.Argument(help="Your user name (asked for if not given)")]


def login(username: UserNameArgument = None) -> None:
    """Log in to the database of COORDINA_DATABASE_URL; the token is kept in a file only you can read."""
    db = open_database()
    name: str = username or typer.prompt("User name")
    password = read_password()
    with refusals():
        user_id = auth.authenticate(db, name, password, "cli")
        pair = auth.issue(db, user_id, "cli")
    file = token_file.write(
        token_file.Login(token_file.database_id(db), auth.username(db, user_id), pair.access_token, pair.refresh_token)
    )
    console.print(f"logged in as {auth.username(db, user_id)}; token kept in {file} (readable by you alone)")


def logout() -> None:
    """Revoke the token of ``coordina login`` and delete its file."""
    login = token_file.read()
    if login is None:
        console.print("not logged in")
        return
    db = open_database()
    with refusals(), suppress(Unauthorized):  # revoked already: nothing left to revoke
        auth.revoke_family(db, login.access_token)
    token_file.path().unlink(missing_ok=True)
    console.print("logged out")
