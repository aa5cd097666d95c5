"""Shared plumbing of the workspace commands: the database, the acting user, refusals as messages."""

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Annotated

import typer

from coordina.cli.errors import user_errors
from coordina.services import auth
from coordina.services.database import Database
from coordina.services.database import open_database as _open

AsUser = Annotated[str, typer.Option("--as", envvar="COORDINA_USER", help="Act as this user (local database).")]


def open_database() -> Database:
    """The workspace database (``COORDINA_DATABASE_URL``, else ./coordina.db), migrated to the newest schema."""
    return _open()


def refusals() -> AbstractContextManager[None]:
    """A refused action prints the rule that refused it and exits (the table of ``cli.errors``)."""
    return user_errors("nothing was changed")


def user(db: Database, username: str) -> int:
    return auth.user_id_by_name(db, username)


@contextmanager
def acting_as(username: str) -> Iterator[tuple[Database, int]]:
    """The workspace database and the acting user's id, with refusals reported as messages."""
    db = open_database()
    with refusals():
        yield db, user(db, username)
