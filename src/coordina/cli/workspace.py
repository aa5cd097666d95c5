"""Shared plumbing of the workspace commands: the database, the acting user, refusals as messages.

The acting user is the one logged in with ``coordina login`` (a token file, see
``cli.token_file``). ``--as NAME`` (or ``COORDINA_USER``) acts without a password, which only the
local owner of an SQLite file may do: it is refused on PostgreSQL, a server other people use,
and on an SQLite file owned by another system user.
"""

import os
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Annotated

import typer

from coordina.cli import token_file
from coordina.cli.errors import user_errors
from coordina.errors import Unauthorized
from coordina.services import auth
from coordina.services.database import Database
from coordina.services.database import open_database as _open

AsUser = Annotated[
    str | None,
    typer.Option(
        "--as",
        envvar="COORDINA_USER",
        default_factory=lambda: None,
        show_default=False,
        help="Act as this user without a password: only on an SQLite file you own (else run `coordina login`).",
    ),
]


def open_database() -> Database:
    """The workspace database (``COORDINA_DATABASE_URL``, else ./coordina.db), migrated to the newest schema."""
    return _open()


def refusals() -> AbstractContextManager[None]:
    """A refused action prints the rule that refused it and exits (the table of ``cli.errors``)."""
    return user_errors("nothing was changed")


def user(db: Database, username: str) -> int:
    return auth.user_id_by_name(db, username)


def _local_owner(db: Database) -> None:
    """``--as`` is for the owner of a local SQLite file, who could edit it anyway."""
    url = db.engine.url
    if url.get_backend_name() != "sqlite":
        raise Unauthorized("login_required", "--as NAME acts without a password, only on an SQLite file you own; "
                           "on this database run `coordina login NAME` first")  # fmt: skip
    file = Path(url.database or "")
    if url.database not in (None, "", ":memory:") and file.exists() and file.stat().st_uid != os.getuid():
        raise Unauthorized("login_required", f"--as NAME acts without a password, only on an SQLite file you own, "
                           f"and {file} is another user's: run `coordina login NAME`")  # fmt: skip


def acting_user(db: Database, username: str | None) -> int:
    """``--as NAME`` on an SQLite file you own, else the user of ``coordina login``."""
    if username is not None:
        _local_owner(db)
        return user(db, username)
    logged_in = token_file.acting_user(db)
    if logged_in is None:
        raise Unauthorized("login_required", "who acts? run `coordina login NAME` (or, on an SQLite file you own, "
                           "give --as NAME)")  # fmt: skip
    return logged_in


@contextmanager
def acting_as(username: str | None) -> Iterator[tuple[Database, int]]:
    """The workspace database and the acting user's id, with refusals reported as messages."""
    db = open_database()
    with refusals():
        yield db, acting_user(db, username)
