"""``coordina users``: accounts, made on the server by whoever holds the database (there is no
self-registration); passwords are stored as Argon2id hashes."""

from typing import Annotated

import typer

from coordina.cli.output import console
from coordina.cli.passwords import read_password
from coordina.cli.workspace import open_database, refusals
from coordina.services import auth

app = typer.Typer(help="Workspace users.", no_args_is_help=True)


@app.command()
def add(
    username: str,
    name: Annotated[str | None, typer.Option(help="Full name (default: the user name)")] = None,
    admin: Annotated[bool, typer.Option("--admin", help="An administrator: creates users, invites heads")] = False,
) -> None:
    """Create a user; the password is asked for twice (or read from COORDINA_PASSWORD)."""
    db = open_database()
    password = read_password(confirm=True)
    with refusals():
        auth.create_user(db, username, name or username, password, administrator=admin)
    console.print(f"{'administrator' if admin else 'user'} {username} created")


@app.command()
def token(username: str) -> None:
    """Issue a bearer token for the REST API (shown once; it expires); the password is asked for."""
    db = open_database()
    password = read_password()
    with refusals():
        user_id = auth.authenticate(db, username, password, "cli")
        print(auth.issue(db, user_id, "cli").access_token)
